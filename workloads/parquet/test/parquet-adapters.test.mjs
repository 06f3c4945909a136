// The Parquet workload's boundary, from JS: both adapters compute the same
// results for every query, from a file read with fs or over HTTP ranges; the
// late path reads a small share of the file; bad input and an exhausted budget
// come back as Errors naming the problem, and the session stays usable.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { parquetMetadata } from 'hyparquet';
import { JsProbe } from '../../../runners/driver/phases.mjs';
import { HttpRangeSource } from '../../../runners/driver/range-source.mjs';
import { startServer } from '../../../runners/browser/server.mjs';
import { dataFolder } from '../../../runners/node/data-folder.mjs';
import { benchFile, operations, prepareData } from '../adapters/parquet-adapters.mjs';
import { columnValues, driveFrom, loadParquet, openBytes } from './parquet-test-support.mjs';
import { root } from '../../../runners/test-support.mjs';

const params = {
  rows: 20000, row_group_rows: 2000, page_rows: 200, page_version: 1, seed: 3,
  where: 'price', threshold: 990, columns: 'name,price', budget_mb: 256, queries: 1,
};

let dir;
let data;
let server;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-parquet-'));
  data = dataFolder(dir);
  server = await startServer({ root: dir, allow: ['.'] });
});
after(() => server.close());

async function runOperation(module, name, variant, env) {
  const op = operations[name];
  const state = await op.prepare(module, params, env);
  const probe = new JsProbe(() => performance.now());
  op.beforeOp(module, state, params);
  await op.variants[variant](module, state, params, probe);
  const out = { digest: op.digest(module, state, params), counters: op.counters(module, state, params), memory: op.memory(module, state, params) };
  op.release(module, state);
  return out;
}

test('the data file is written once, deterministically, where the runners serve it', async () => {
  const module = await loadParquet();
  const cases = [{ workload: 'parquet', params }];
  await prepareData(module, cases, data);
  const name = benchFile(module, params);
  assert.match(name, /^parquet\/bench-v\d+-rows20000-rg2000-page200-seed3-snappy\.parquet$/);
  const first = fs.readFileSync(path.join(dir, name));
  const stamp = fs.statSync(path.join(dir, name)).mtimeMs;
  await prepareData(module, cases, data);
  assert.equal(fs.statSync(path.join(dir, name)).mtimeMs, stamp, 'rewritten although present');
  assert.deepEqual(first, Buffer.from(module.writeBenchFile(20000, 2000, 200, 3, false)));
});

test('the native and the wasm writer write the same bytes', async () => {
  const module = await loadParquet();
  const out = path.join(dir, 'native.parquet');
  const tool = spawnSync(path.join(root, 'build/native/bin/parquet_tool'),
    ['gen', '--rows', '20000', '--rg', '2000', '--page', '200', '--seed', '3', '--v2', '--out', out], { encoding: 'utf8' });
  assert.equal(tool.status, 0, tool.stderr);
  assert.deepEqual(fs.readFileSync(out), Buffer.from(module.writeBenchFile(20000, 2000, 200, 3, true)));
});

test('both adapters agree on every query, from fs and from HTTP ranges, and the late path reads little', async () => {
  const module = await loadParquet();
  await prepareData(module, [{ workload: 'parquet', params }], data);
  const http = { open: (name) => HttpRangeSource.open(`${server.url}/${name}`) };
  for (const name of Object.keys(operations)) {
    const results = [];
    for (const env of [{ data }, { data: http }]) {
      for (const variant of ['eager_rows', 'late_columns']) results.push({ variant, ...(await runOperation(module, name, variant, env)) });
    }
    assert.equal(new Set(results.map((r) => r.digest)).size, 1, `${name}: ${JSON.stringify(results.map((r) => r.digest))}`);
    const eager = results.find((r) => r.variant === 'eager_rows');
    const late = results.find((r) => r.variant === 'late_columns');
    assert.equal(eager.counters.source_requests, 2, 'the size lookup, then the whole file');
    assert.equal(eager.counters.source_bytes_read, eager.counters.source_file_bytes);
    assert.equal(eager.counters.source_read_ppm, 1000000);
    // Every row of two of five columns (the parquet_wasm comparison): less than
    // the file, but no predicate to prune with.
    if (name === 'columns') {
      assert.ok(late.counters.source_bytes_read < late.counters.source_file_bytes * 0.6, `columns: ${late.counters.source_read_ppm} ppm`);
      continue;
    }
    assert.ok(late.counters.source_requests <= 4, `${name}: ${late.counters.source_requests} requests`);
    assert.ok(late.memory.budget_peak_bytes * 10 < eager.memory.budget_peak_bytes || name === 'footer',
      `${name}: late ${late.memory.budget_peak_bytes} vs eager ${eager.memory.budget_peak_bytes} bytes of budget`);
  }
});

test('each operation opens its file inside the measured call, and counts every request it made', async () => {
  const module = await loadParquet();
  await prepareData(module, [{ workload: 'parquet', params }], data);
  const http = { open: (name) => HttpRangeSource.open(`${server.url}/${name}`) };
  const probe = new JsProbe(() => performance.now());
  for (const [name, op] of Object.entries(operations)) {
    for (const variant of ['eager_rows', 'late_columns']) {
      const before = server.requests.length;
      const state = await op.prepare(module, params, { data: http });
      op.beforeOp(module, state, params);
      assert.equal(server.requests.length, before, `${name}/${variant}: a request before the operation`);
      await op.variants[variant](module, state, params, probe);
      const seen = server.requests.slice(before);
      assert.equal(seen[0].method, 'HEAD', `${name}/${variant}: the size lookup comes first`);
      assert.ok(seen.slice(1).every((r) => r.method === 'GET' && r.status === 206), `${name}/${variant}: then range reads`);
      assert.equal(op.counters(module, state, params).source_requests, seen.length, `${name}/${variant}: requests counted`);
      op.beforeOp(module, state, params);  // closes it, untimed, before the next operation
      assert.equal(state.source, null);
      op.release(module, state);
    }
  }
});

test('on the quick profile\'s file, the late path reads under 10% for Q2 and Q3', async () => {
  const module = await loadParquet();
  const quick = { ...params, rows: 100000, row_group_rows: 10000, page_rows: 1000, seed: 1 };
  const bytes = module.writeBenchFile(quick.rows, quick.row_group_rows, quick.page_rows, quick.seed, false);
  const session = openBytes(module, bytes);
  const opened = session.ioBytes();
  session.beginQuery([], 'price', 990, true);
  driveFrom(module, session, bytes);
  assert.ok(session.ioBytes() < bytes.length / 10, `Q2 read ${session.ioBytes()} of ${bytes.length} bytes`);
  session.beginQuery(['name', 'price'], 'price', 990, false);
  driveFrom(module, session, bytes);
  assert.ok(session.ioBytes() < bytes.length / 10, `Q3 read ${session.ioBytes()} of ${bytes.length} bytes`);
  assert.ok(opened > 0 && session.ioRequests() <= 3, `${session.ioRequests()} requests`);
  session.delete();
});

test('a column projected twice comes back in both positions, the predicate column too', async () => {
  const module = await loadParquet();
  const bytes = module.writeBenchFile(3000, 1000, 100, 1, false);
  const session = openBytes(module, bytes);
  session.beginQuery(['price', 'name', 'price', 'name'], 'price', 900, false);
  driveFrom(module, session, bytes);
  const rows = session.resultRows();
  assert.ok(rows > 0);
  const [price, name, price2, name2] = [['DOUBLE', 0], ['STRING', 1], ['DOUBLE', 2], ['STRING', 3]]
    .map(([type, j]) => columnValues(module, session, j, type, rows));
  assert.ok(price.every((v) => v > 900), 'the predicate column holds the selected prices');
  assert.deepEqual(price2, price);
  assert.deepEqual(name2, name);
  session.delete();
});

function refuses(fn, pattern) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Error, 'not an Error');
    assert.match(error.message, pattern);
    return true;
  });
}

test('bad input and an exhausted budget are Errors naming the problem; the session stays usable', async () => {
  const module = await loadParquet();
  const bytes = module.writeBenchFile(3000, 1000, 100, 1, false);
  const session = new module.ParquetSession(64 * 1024 * 1024);

  refuses(() => session.beginOpen(11), /too small/);
  const garbage = new Uint8Array(bytes.length).fill(7);
  session.beginOpen(garbage.length);
  refuses(() => driveFrom(module, session, garbage), /does not end with the magic PAR1/);
  refuses(() => session.describe(), /no Parquet file is open/);
  const cut = bytes.slice();
  new DataView(cut.buffer).setUint32(cut.length - 8, cut.length, true);  // a footer longer than the file
  session.beginOpen(cut.length);
  refuses(() => driveFrom(module, session, cut), /footer length \d+ is beyond the file/);

  session.beginOpen(bytes.length);
  driveFrom(module, session, bytes);
  refuses(() => session.beginQuery(['nope'], '', 0, false), /no column named 'nope'/);
  refuses(() => session.beginQuery([], 'category', 1, true), /predicate column 'category' is STRING/);
  const held = session.budgetCurrent();
  session.setBudgetLimit(held + 1000);
  refuses(() => {
    session.beginQuery(['name', 'price'], 'price', 500, false);
    driveFrom(module, session, bytes);
  }, /memory budget exceeded: [\w. ]+ needs \d+ bytes, with \d+ bytes of the \d+ bytes budget held/);
  assert.equal(session.budgetCurrent(), held, 'the failed query kept memory');
  assert.ok(session.budgetRefused() >= 1);
  session.setBudgetLimit(64 * 1024 * 1024);
  session.beginQuery(['name', 'price'], 'price', 500, false);
  driveFrom(module, session, bytes);
  assert.ok(session.resultRows() > 1000);

  refuses(() => session.stageFile(1e9), /memory budget exceeded: the whole file \(eager\)/);
  assert.equal(session.budgetCurrent(), 0);
  const ptr = session.stageFile(bytes.length);
  module.HEAPU8.set(bytes, ptr);
  session.openStaged();
  session.decodeStaged();
  assert.equal(session.rowObjects().length, 3000);
  session.delete();
});

test('an offset index that fails validation is ignored with a warning: the query reads right', async () => {
  const module = await loadParquet();
  const bytes = module.writeBenchFile(3000, 1000, 100, 5, false);
  const clean = openBytes(module, bytes);
  clean.beginQuery(['name'], 'price', 500, true);
  driveFrom(module, clean, bytes);
  const expected = { rows: clean.resultRows(), sum: clean.resultSum() };
  assert.deepEqual(clean.resultWarnings(), { count: 0, messages: [] });
  clean.delete();
  // The offset index of price in row group 1 zeroed: no longer Thrift it can read.
  const chunk = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)).row_groups[1].columns[1];
  assert.equal(chunk.meta_data.path_in_schema.join('.'), 'price');
  const broken = bytes.slice();
  broken.fill(0, Number(chunk.offset_index_offset), Number(chunk.offset_index_offset) + chunk.offset_index_length);
  const session = openBytes(module, broken);
  session.beginQuery(['name'], 'price', 500, true);
  driveFrom(module, session, broken);
  assert.deepEqual({ rows: session.resultRows(), sum: session.resultSum() }, expected);
  const warnings = session.resultWarnings();
  assert.equal(warnings.count, 1);
  assert.match(warnings.messages[0], /the offset index of column 'price' in row group 1 is ignored, the chunk is read whole/);
  session.delete();
});
