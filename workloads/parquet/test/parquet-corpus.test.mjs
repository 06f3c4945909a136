// The parquet-testing corpus, value by value against an independent reader:
// every column our reader reads must hold what hyparquet reads there, physical
// values compared (annotations stripped from hyparquet's view, so DECIMAL,
// dates and FLOAT16 are compared as the integers and bytes they are stored as,
// and unsigned integers as the bits they are stored in).
// What each file's outcome is (read, or refused by name) is pinned by the C++
// corpus test, in native and wasm builds alike.
//
// The corpus sits outside the repository: TOLLGATE_PARQUET_TESTING, else
// ../shared/parquet-testing beside it. Absent, the test is skipped and says so;
// in CI (CI set, or TOLLGATE_REQUIRE_CORPUS) it fails instead.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors as allCompressors } from 'hyparquet-compressors';

// hyparquet's own snappy, the others from hyparquet-compressors (whose wasm
// snappy fails on the empty v2 page of datapage_v2_empty_datapage.snappy.parquet).
const { SNAPPY: _, ...compressors } = allCompressors;
import { root } from '../../../runners/test-support.mjs';
import { loadParquet, openBytes, readColumns } from './parquet-test-support.mjs';

const corpus = process.env.TOLLGATE_PARQUET_TESTING || path.resolve(root, '../shared/parquet-testing');
const present = fs.existsSync(path.join(corpus, 'data'));
const flag = (name) => !['', '0', 'false', undefined].includes(process.env[name]);
const required = flag('CI') || flag('TOLLGATE_REQUIRE_CORPUS');
const absent = `the parquet-testing corpus is absent: no folder ${corpus}/data (set TOLLGATE_PARQUET_TESTING to where it is)`;
if (!present) console.log(required ? `${absent}, and CI requires it` : `${absent}: no corpus file is checked`);

// Files hyparquet itself cannot read the way we compare them, with why.
const THEIRS_FAILS = new Map([
]);

function files() {
  return ['data', 'bad_data'].flatMap((sub) => fs.readdirSync(path.join(corpus, sub))
    .filter((f) => f.includes('.parquet')).sort().map((f) => `${sub}/${f}`));
}

function stripped(metadata) {
  const copy = structuredClone(metadata);
  for (const element of copy.schema) {
    delete element.converted_type;
    delete element.logical_type;
    delete element.scale;
    delete element.precision;
  }
  return copy;
}

const decoder = new TextDecoder();

function same(ours, theirs, type) {
  if (ours === null || theirs === null || theirs === undefined) return ours === null && (theirs === null || theirs === undefined);
  if (type === 'STRING') return theirs instanceof Uint8Array && ours === decoder.decode(theirs);
  // Annotations stripped, hyparquet reads UINT_* / INTEGER(unsigned) as the signed
  // values of the same bits; ours are zero-extended (parquet-interop.test.mjs
  // checks them against hyparquet's unsigned reading).
  if (type === 'UINT32') return typeof theirs === 'number' && ours === theirs >>> 0;
  if (type === 'UINT64') return typeof theirs === 'bigint' && ours === BigInt.asUintN(64, theirs);
  if (ours instanceof Uint8Array) {
    return theirs instanceof Uint8Array && ours.length === theirs.length && ours.every((b, i) => b === theirs[i]);
  }
  return Object.is(ours, theirs);
}

test('every column we read holds what hyparquet reads there', { skip: !present && !required && absent }, async () => {
  assert.ok(present, `${absent}, and CI requires it`);
  const module = await loadParquet();
  const compared = [];
  const refused = [];
  for (const name of files()) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(corpus, name)));
    let ours;
    let description;
    try {
      const session = openBytes(module, bytes, 256 * 1024 * 1024);
      description = session.describe();
      // Flat columns (nested fields are compared with DuckDB by the interop suite).
      const flat = new Set(session.fields().filter((f) => f.kind === 'leaf').map((f) => f.column));
      const readable = description.columns.filter((c, i) => !c.unsupported && flat.has(i)).map((c) => c.name);
      ours = readColumns(module, session, bytes, readable);
      session.delete();
    } catch (error) {
      assert.ok(error instanceof Error && error.message.length > 10, `${name}: refused without a message`);
      refused.push(name);
      continue;
    }
    const columns = Object.keys(ours);
    if (columns.length === 0) continue;
    let theirs;
    try {
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      theirs = await parquetReadObjects({ file: buffer, metadata: stripped(parquetMetadata(buffer)), columns, utf8: false, compressors });
    } catch (error) {
      assert.ok(THEIRS_FAILS.has(name), `${name}: hyparquet failed (${error.message}); list it in THEIRS_FAILS with why`);
      continue;
    }
    const types = Object.fromEntries(description.columns.map((c) => [c.name, c.type]));
    for (const column of columns) {
      assert.equal(ours[column].length, theirs.length, `${name} ${column}: row count`);
      const bad = ours[column].findIndex((v, i) => !same(v, theirs[i][column], types[column]));
      assert.equal(bad, -1, `${name} ${column} row ${bad}: ours ${ours[column][bad]}, hyparquet ${theirs[bad]?.[column]}`);
    }
    compared.push(name);
  }
  // The C++ corpus test pins which files are refused; here, enough must compare.
  assert.ok(compared.length >= 45, `only ${compared.length} files compared: ${compared.join(', ')}`);
  console.log(`compared ${compared.length} files value by value with hyparquet; ${refused.length} refused by name`);
});
