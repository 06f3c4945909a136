// The workload in its three runtimes through the project's real runners:
// native, Node and headless Chromium compute identical results for every
// adapter, and the context records each feature build's size and
// instantiation time.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'node:test';
import { runInBrowser } from '../../../runners/browser/run-browser.mjs';
import { nativeRunner, resultsPath, root, validateFile } from '../../../runners/test-support.mjs';

// Small cases: a batch of 1.5 KB pages, Markdown, CSV, and the minimal build's first result.
const FILTER = 'extract/.*/format:(html|markdown|csv)/bytes:(1500|33000)/|first_result/.*/module:extraction_minimal/';
const BUILDS = ['extraction_minimal', 'extraction_standard', 'extraction_complete'];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
}

test('native, Node and Chromium agree on every extraction case and adapter', async () => {
  const files = {
    native: resultsPath('extraction-native.json'),
    node: resultsPath('extraction-node.json'),
    chromium: resultsPath('extraction-chromium.json'),
  };
  run(nativeRunner, ['--suite=workloads/extraction/suite.json', '--profile=quick', `--filter=${FILTER}`,
    `--out=${files.native}`, '--benchmark_color=false']);
  run('node', ['runners/node/run-node.mjs', '--suite', 'extraction', '--profile', 'quick', '--filter', FILTER,
    '--out', files.node]);
  const writer = await runInBrowser({ suites: ['extraction'], profile: 'quick', filter: FILTER, out: files.chromium });
  assert.deepEqual(writer.failures, []);

  const digests = new Map();
  for (const [runtime, file] of Object.entries(files)) {
    assert.deepEqual(validateFile(file), [], `${runtime} results do not validate`);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.ok(doc.benchmarks.length >= 4, `${runtime}: too few rows`);
    for (const row of doc.benchmarks) {
      const key = `${row.operation} ${JSON.stringify(row.params)}`;
      if (!digests.has(key)) digests.set(key, new Map());
      digests.get(key).set(`${runtime}/${row.variant}`, row.result_digest);
    }
    if (runtime === 'native') continue;
    for (const build of BUILDS) {
      const w = doc.context.wasm[build];
      assert.ok(w && w.size_bytes > 0 && w.gzip_bytes < w.size_bytes, `${runtime}: no size for ${build}`);
      assert.ok(w.instantiate_ms > 0 && w.compile_ms >= 0, `${runtime}: no instantiation time for ${build}`);
    }
  }
  assert.equal(digests.size, 4);
  for (const [key, byRun] of digests) {
    assert.equal(byRun.size, 9, `${key}: expected native + 4 adapters x 2 runtimes, got ${[...byRun.keys()]}`);
    assert.equal(new Set(byRun.values()).size, 1, `${key}: results differ: ${JSON.stringify([...byRun])}`);
  }
});
