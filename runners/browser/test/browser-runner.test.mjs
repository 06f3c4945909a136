// The browser runner in real headless Chromium (Debian's), and the promise the
// whole project rests on: native, Node and Chromium compute identical results.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runInBrowser } from '../run-browser.mjs';
import { nativeRunner, resultsPath, root, validateFile } from '../../test-support.mjs';

const FILTER = 'flat/n:1000/dim:128';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
}

test('Chromium runs the shared driver cross-origin isolated, and native, Node and Chromium agree', async () => {
  const files = { native: resultsPath('cross-native.json'), node: resultsPath('cross-node.json'), chromium: resultsPath('cross-chromium.json') };
  run(nativeRunner, ['--suite=workloads/vector/suite.json', '--profile=quick', `--filter=${FILTER}`, `--out=${files.native}`, '--benchmark_color=false']);
  run('node', ['runners/node/run-node.mjs', '--profile', 'quick', '--filter', FILTER, '--out', files.node]);
  const writer = await runInBrowser({ suites: ['vector'], profile: 'quick', filter: FILTER, out: files.chromium });

  assert.equal(writer.failures.length, 0, JSON.stringify(writer.failures));
  const context = writer.context;
  assert.equal(context.runtime, 'chromium');
  assert.equal(context.cross_origin_isolated, true);
  assert.ok(context.timer_resolution_ns <= 20000, `timer resolution ${context.timer_resolution_ns} ns: not cross-origin isolated?`);
  assert.match(context.runtime_version, /^Chromium \d+\.\d+\.\d+\.\d+/);
  assert.ok(context.wasm.vector.size_bytes > 0 && context.wasm.vector.gzip_bytes < context.wasm.vector.size_bytes);

  const digests = new Map();
  for (const [runtime, file] of Object.entries(files)) {
    assert.deepEqual(validateFile(file), [], `${runtime} results do not validate`);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.ok(doc.benchmarks.length >= 2, `${runtime}: too few rows`);
    for (const row of doc.benchmarks) {
      const key = `${row.operation} ${JSON.stringify(row.params)}`;
      if (!digests.has(key)) digests.set(key, new Map());
      digests.get(key).set(`${runtime}/${row.variant}`, row.result_digest);
    }
  }
  for (const [key, byRun] of digests) {
    assert.equal(byRun.size, 7, `${key}: expected native + 3 variants x 2 runtimes, got ${[...byRun.keys()]}`);
    assert.equal(new Set(byRun.values()).size, 1, `${key}: results differ: ${JSON.stringify([...byRun])}`);
  }
});

test('a renderer crash mid-run keeps the rows measured and names the unfinished cases', async () => {
  const out = resultsPath('crash-chromium.json');
  let crashed = false;
  const error = await runInBrowser({ suites: ['vector'], profile: 'quick', filter: FILTER, out }, {
    onRow: async (row, page) => {
      if (crashed) return;
      crashed = true;
      const cdp = await page.context().newCDPSession(page);
      cdp.send('Page.crash').catch(() => {});  // never answers: the renderer is gone
    },
  }).then(() => null, (e) => e);

  assert.ok(error, 'the run did not report the crash');
  assert.match(error.message, /page crashed/);
  const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.deepEqual(validateFile(out), []);
  assert.equal(doc.benchmarks.length, 1, 'the row measured before the crash was lost');
  const unfinished = doc.failures.filter((f) => f.stage === 'runner');
  assert.ok(unfinished.length >= 2, `unfinished variants not named: ${JSON.stringify(doc.failures)}`);
  for (const f of unfinished) {
    assert.match(f.name, /^vector\.insert\/(batch|zero_copy)\/index:flat/);
    assert.match(f.message, /page crashed/);
  }
});
