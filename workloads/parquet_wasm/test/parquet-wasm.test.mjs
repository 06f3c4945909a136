// parquet-wasm (npm, Rust and wasm-bindgen, built without Tollgate) measured from
// outside, in Node and Chromium, in the same run as the parquet workload's
// columns case: the same file and the same two full columns, with the same
// digest; the bytes each reads and the memory each holds are what differ.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'node:test';
import { resultsPath, root, validateFile } from '../../../runners/test-support.mjs';

const ARGS = ['--suite', 'parquet', '--suite', 'parquet_wasm', '--profile', 'full', '--filter', '\\.columns/'];

function run(script, out) {
  const r = spawnSync('node', [script, ...ARGS, '--out', out], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `${script}\n${r.stdout}\n${r.stderr}`);
  assert.deepEqual(validateFile(out), []);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

test('parquet-wasm beside the parquet workload, two full columns into JS, in Node and Chromium', () => {
  const digests = new Set();
  for (const out of [run('runners/node/run-node.mjs', resultsPath('parquet-wasm-node.json')),
    run('runners/browser/run-browser.mjs', resultsPath('parquet-wasm-chromium.json'))]) {
    const rows = out.benchmarks;
    const ours = rows.find((r) => r.workload === 'parquet' && r.variant === 'late_columns');
    const theirs = rows.find((r) => r.workload === 'parquet_wasm' && r.variant === 'read_ffi');
    assert.ok(ours && theirs, `${out.context.runtime}: ${rows.map((r) => r.name)}`);
    assert.equal(theirs.measured_from, 'outside');
    assert.deepEqual(theirs.phase_samples_ns.compute, []);
    assert.ok(!('allocations' in theirs.counters));
    digests.add(ours.result_digest).add(theirs.result_digest);
    // The whole file through readParquet; the columns' pages alone by range.
    const file = theirs.counters.source_file_bytes;
    assert.equal(theirs.counters.source_bytes_read, file);
    assert.ok(theirs.counters.bytes_in >= file, 'readParquet copies the file into linear memory');
    assert.ok(ours.counters.source_bytes_read < file / 2, `late_columns read ${ours.counters.source_bytes_read} of ${file} bytes`);
    assert.equal(ours.counters.source_file_bytes, file, 'the same file');
    for (const r of [ours, theirs]) assert.ok(r.memory.linear_memory_bytes > 16e6, `${r.name}: two columns of a million rows`);
  }
  assert.equal(digests.size, 1, `the columns differ: ${[...digests]}`);
});
