// The interop suite (issue 13): files written at test time by DuckDB, arrow-rs
// (parquet-wasm) and hyparquet-writer across types, codecs, encodings, page
// versions, nulls, dictionaries, row-group and page sizes (test/interop/writers.mjs),
// each read by our reader through its four paths (native and wasm, eager and
// late) and a predicate query, and compared value by value with DuckDB's
// reading of the same file (test/interop/compare.mjs), nested values (LIST, MAP,
// STRUCT) whole, row by row; with parquet-testing's nested files beside them when
// the corpus is there. Target, asserted: every file identical, nested ones included. The table it prints is
// the one in workloads/parquet/README.md; it is also written beside the results
// (parquet-interop.md).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { verdictOf, choosePredicate } from './interop/compare.mjs';
import { createTables, fileFeatures, openDuckDB, readWithDuckDB } from './interop/duckdb-files.mjs';
import { parquetTool, readAllPaths } from './interop/our-reader.mjs';
import { arrowFiles, corpusFiles, duckdbFiles, hyparquetFiles, hyparquetNestedFile } from './interop/writers.mjs';
import { loadParquet } from './parquet-test-support.mjs';
import { resultsPath, root } from '../../../runners/test-support.mjs';

const ROWS = 2500;

function table(results) {
  const writers = [...new Set(results.map((r) => r.file.writer))];
  const lines = ['| writer | files | identical | refused by name | wrong |', '|---|---|---|---|---|'];
  for (const writer of writers) {
    const mine = results.filter((r) => r.file.writer === writer);
    const count = (v) => mine.filter((r) => r.verdict === v).length;
    lines.push(`| ${writer} | ${mine.length} | ${count('identical')} | ${count('refused by name')} | ${count('wrong')} |`);
  }
  return lines.join('\n');
}

// The comparison can fail: a value changed in one path, a logical type lost, a
// value's meaning changed in every path, a refusal that names nothing.
function checkTheComparisonSeesMistakes(paths, reference, predicate) {
  const copy = () => structuredClone(paths);
  const where = (p, name) => p.full[name].columns.findIndex((c) => c.name === 'day');
  let p = copy();
  const day = where(p, 'wasm late');
  p.full['wasm late'].values[day][1] = String(Number(p.full['wasm late'].values[day][1]) + 1);
  assert.equal(verdictOf(p, reference, predicate).verdict, 'wrong', 'one value changed in one path');
  p = copy();
  for (const result of Object.values(p.full)) delete result.columns[day].logical;
  assert.equal(verdictOf(p, reference, predicate).verdict, 'wrong', 'DATE read as a plain INT32');
  p = copy();
  for (const result of Object.values(p.full)) result.values[day][2] = String(Number(result.values[day][2]) - 1);
  assert.match(verdictOf(p, reference, predicate).problems.join(), /'day' row 2: ours date:/, 'a date off by one everywhere');
  p = copy();
  p.full['native eager'] = { error: 'something failed' };
  assert.equal(verdictOf(p, reference, predicate).verdict, 'wrong', 'an unnamed refusal in one path');
}

test('files three independent writers make read as DuckDB reads them, through every path', { timeout: 30 * 60 * 1000 }, async (t) => {
  assert.ok(fs.existsSync(parquetTool), `${parquetTool} is missing: build the native target first`);
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-interop-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = await openDuckDB();
  await createTables(db, ROWS);
  const files = await duckdbFiles(db, dir);
  const sources = {
    flat: files.find((f) => f.name === 'flat-uncompressed-v1').path,
    nested: files.find((f) => f.name === 'nested-uncompressed-v1').path,
  };
  files.push(...arrowFiles(dir, sources), ...hyparquetFiles(dir, ROWS), ...hyparquetNestedFile(dir, ROWS));
  // The corpus sits outside the repository (as for parquet-corpus.test.mjs); absent, its row is missing from the table.
  files.push(...corpusFiles(process.env.TOLLGATE_PARQUET_TESTING || path.resolve(root, '../shared/parquet-testing')));
  const written = Date.now();

  const module = await loadParquet();
  const results = [];
  for (const file of files) {
    const reference = await readWithDuckDB(db, file.path);
    assert.ok(!reference.error, `DuckDB refuses ${file.writer} ${file.name}: ${reference.error}`);
    const predicate = choosePredicate(reference);
    const paths = readAllPaths(module, file.path, predicate && { column: predicate.column, threshold: predicate.threshold });
    const verdict = verdictOf(paths, reference, predicate);
    const features = await fileFeatures(db, file.path);
    results.push({ file, features, ...verdict });
    if (file.name === 'flat-zstd-v2-rg700') checkTheComparisonSeesMistakes(paths, reference, predicate);
  }
  db.connection.closeSync();
  const elapsed = ((Date.now() - started) / 1000).toFixed(1);
  const report = [
    table(results),
    '',
    `${files.length} files of ${ROWS} rows, ${results.reduce((n, r) => n + r.compared, 0)} values compared with DuckDB's (each the same in all four paths); written in ${((written - started) / 1000).toFixed(1)} s, read and compared in ${((Date.now() - written) / 1000).toFixed(1)} s (${elapsed} s in all).`,
    '',
    ...results.filter((r) => r.verdict !== 'identical').map((r) =>
      `- ${r.verdict}: ${r.file.writer} ${r.file.name} (${r.features.codecs.join('/')}; ${r.features.encodings.filter(Boolean).join(', ')}): ${(r.problems.length ? r.problems : [r.detail ?? `${r.refusedColumns} columns refused`]).join('; ')}`),
  ].join('\n');
  fs.writeFileSync(resultsPath('parquet-interop.md'), `${report}\n`);
  console.log(report);

  // The features the suite claims to cover are in the files.
  const seen = (key) => new Set(results.flatMap((r) => r.features[key]));
  for (const codec of ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'ZSTD', 'LZ4_RAW', 'BROTLI']) assert.ok(seen('codecs').has(codec), `no file in ${codec}`);
  for (const encoding of ['PLAIN', 'RLE_DICTIONARY', 'DELTA_BINARY_PACKED', 'DELTA_LENGTH_BYTE_ARRAY', 'DELTA_BYTE_ARRAY', 'BYTE_STREAM_SPLIT']) {
    assert.ok(seen('encodings').has(encoding), `no file encoded ${encoding}`);
  }
  assert.ok(results.some((r) => r.features.rowGroups > 1) && results.some((r) => r.features.rowGroups === 1), 'one and several row groups');

  const wrong = results.filter((r) => r.verdict === 'wrong');
  assert.deepEqual(wrong.map((r) => `${r.file.writer} ${r.file.name}: ${r.problems.join('; ')}`), [], 'files read wrong');
  const notWhole = results.filter((r) => r.verdict !== 'identical');
  assert.deepEqual(notWhole.map((r) => `${r.file.writer} ${r.file.name}`), [], 'files, flat or nested, not read whole');
  assert.ok(results.filter((r) => r.file.nested).length >= 7, 'the nested files are in the suite');
});
