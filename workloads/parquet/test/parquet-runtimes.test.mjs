// The Parquet suite in every runtime: native (file reads), Node (fs) and
// headless Chromium (HTTP Range requests to the runner's 127.0.0.1 server)
// compute identical results through every variant, and the late path reads a
// small share of the file everywhere.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'node:test';
import { runInBrowser } from '../../../runners/browser/run-browser.mjs';
import { nativeRunner, resultsPath, root, validateFile } from '../../../runners/test-support.mjs';

const FILTER = '/rows:100000(/|$)';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
}

test('native, Node and Chromium agree on Q1-Q3 through every variant; range reads stay small', async () => {
  const files = { native: resultsPath('parquet-native.json'), node: resultsPath('parquet-node.json'), chromium: resultsPath('parquet-chromium.json') };
  run(nativeRunner, ['--suite=workloads/parquet/suite.json', '--profile=quick', `--filter=${FILTER}`, `--out=${files.native}`, '--benchmark_color=false']);
  run('node', ['runners/node/run-node.mjs', '--suite', 'parquet', '--profile', 'quick', '--filter', FILTER, '--out', files.node]);
  const writer = await runInBrowser({ suites: ['parquet'], profile: 'quick', filter: FILTER, out: files.chromium });
  assert.equal(writer.failures.length, 0, JSON.stringify(writer.failures));

  const byCase = new Map();
  for (const [runtime, file] of Object.entries(files)) {
    assert.deepEqual(validateFile(file), [], `${runtime} results do not validate`);
    for (const row of JSON.parse(fs.readFileSync(file, 'utf8')).benchmarks) {
      if (!byCase.has(row.operation)) byCase.set(row.operation, []);
      byCase.get(row.operation).push({ runtime, ...row });
    }
  }
  assert.deepEqual([...byCase.keys()].sort(), ['count_sum', 'footer', 'select']);
  // Every runtime opens the file inside the operation and counts the same
  // requests: the size lookup (fstat, or HEAD over HTTP), then the same reads.
  for (const [operation, rows] of byCase) {
    for (const late of [true, false]) {
      const same = rows.filter((r) => (r.variant === 'late_columns' || r.variant === 'kernel') === late);
      const counts = new Set(same.map((r) => `${r.counters.source_requests} ${r.counters.source_bytes_read}`));
      assert.equal(counts.size, 1, `${operation} ${late ? 'late' : 'eager'}: ${same.map((r) => `${r.runtime}/${r.variant} ${r.counters.source_requests} requests`).join(', ')}`);
    }
  }
  for (const [operation, rows] of byCase) {
    assert.equal(rows.length, 6, `${operation}: native x2, Node x2, Chromium x2`);
    assert.equal(new Set(rows.map((r) => r.result_digest)).size, 1, `${operation}: ${rows.map((r) => `${r.runtime}/${r.variant} ${r.result_digest}`).join(', ')}`);
    for (const row of rows) {
      const c = row.counters;
      const late = row.variant === 'late_columns' || row.variant === 'kernel';
      assert.ok(c.source_requests >= 1 && c.source_file_bytes > 1000000, `${row.runtime}/${row.variant}`);
      if (!late) assert.equal(c.source_bytes_read, c.source_file_bytes, `${row.runtime}/${row.variant} reads it all`);
      if (late && operation !== 'footer') {
        assert.ok(c.source_read_ppm < 100000, `${operation} ${row.runtime}/${row.variant} read ${c.source_read_ppm} ppm`);
      }
      assert.ok(row.memory.budget_peak_bytes > 0);
      if (row.runtime === 'chromium') {
        assert.ok(row.memory.renderer_rss_bytes > row.memory.linear_memory_bytes, `renderer RSS ${row.memory.renderer_rss_bytes}`);
        assert.ok(row.memory.renderer_rss_peak_bytes >= row.memory.renderer_rss_bytes);
      }
    }
  }
});
