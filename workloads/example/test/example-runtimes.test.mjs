// The example workload end to end in Node and natively: found by name (the
// build's manifest), both adapters compute the native kernel's hashes (the
// kernel test's golden digest), and the counts show what each boundary costs.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'node:test';
import { nativeRunner, resultsPath, root, validateFile } from '../../../runners/test-support.mjs';

const GOLDEN = 'fnv1a32:b684ca30';  // test/kernel_test.cc: 10,000 values, seed 1, 8 rounds

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `${command} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
}

test('native and both Node adapters hash alike; one call per value against a handful', () => {
  const native = resultsPath('example-native.json');
  const node = resultsPath('example-node.json');
  run(nativeRunner, ['--suite=example', '--profile=quick', `--out=${native}`, '--benchmark_color=false']);
  run('node', ['runners/node/run-node.mjs', '--suite', 'example', '--profile', 'quick', '--out', node]);
  const rows = [native, node].flatMap((file) => {
    assert.deepEqual(validateFile(file), []);
    return JSON.parse(fs.readFileSync(file, 'utf8')).benchmarks;
  });
  assert.deepEqual(rows.map((r) => `${r.runtime}/${r.variant}`), ['native/kernel', 'node/per_item', 'node/batch']);
  for (const r of rows) assert.equal(r.result_digest, GOLDEN, `${r.runtime}/${r.variant}`);
  const [, perItem, batch] = rows;
  assert.equal(perItem.counters.crossings_js_to_wasm, 10000, 'one call per value');
  assert.ok(batch.counters.crossings_js_to_wasm <= 4, `batch: ${batch.counters.crossings_js_to_wasm} calls`);
  assert.equal(batch.counters.bytes_in, 10000 * 4, 'the values are copied in once');
  assert.ok(batch.phase_samples_ns.compute.every((ns) => ns > 0), 'the kernel probe saw no compute');
});
