// Interoperability with independent implementations (test-only npm packages):
// files written by hyparquet-writer read back right by our reader, and files
// our writer makes read right by hyparquet.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { driveFrom, loadParquet, openBytes, readColumns } from './parquet-test-support.mjs';

const arrayBufferOf = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

// Deterministic data with nulls, repeats (dictionary-worthy) and non-ASCII text.
function sampleColumns(n) {
  const words = ['alpha', 'beta', 'gamma', 'délta', 'ε', '日本'];
  return {
    flag: Array.from({ length: n }, (_, i) => (i % 7 === 3 ? null : i % 3 === 0)),
    small: Array.from({ length: n }, (_, i) => (i % 11 === 5 ? null : (i * 37) % 1000 - 500)),
    big: Array.from({ length: n }, (_, i) => BigInt(i) * 1000000007n - 5000000000n),
    ratio: Array.from({ length: n }, (_, i) => Math.fround(i / 7)),
    price: Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : (i * 1.25) % 1000)),
    label: Array.from({ length: n }, (_, i) => (i % 17 === 1 ? null : words[i % words.length])),
    text: Array.from({ length: n }, (_, i) => `row ${i} ${'x'.repeat(i % 9)}`),
  };
}

function writeWithHyparquet(n, codec, extra = {}) {
  const data = sampleColumns(n);
  const types = { flag: 'BOOLEAN', small: 'INT32', big: 'INT64', ratio: 'FLOAT', price: 'DOUBLE', label: 'STRING', text: 'STRING' };
  const buffer = parquetWriteBuffer({
    codec,
    rowGroupSize: 1000,
    pageSize: 4096,
    columnData: Object.entries(data).map(([name, values]) => ({
      name, data: values, type: types[name], nullable: name !== 'big' && name !== 'text', ...extra[name],
    })),
  });
  return { data, bytes: new Uint8Array(buffer) };
}

test('files hyparquet-writer writes (v2 pages, dictionaries, nulls, SNAPPY and UNCOMPRESSED) read back right', async () => {
  const module = await loadParquet();
  for (const codec of ['SNAPPY', 'UNCOMPRESSED']) {
    const { data, bytes } = writeWithHyparquet(2500, codec);
    // What the file holds, by hyparquet's own account: so this test covers what it claims.
    const chunks = parquetMetadata(arrayBufferOf(bytes)).row_groups[0].columns.map((c) => c.meta_data);
    assert.ok(chunks.every((m) => m.codec === codec));
    assert.ok(chunks.some((m) => m.encodings.includes('RLE_DICTIONARY')), 'a dictionary-encoded column');
    assert.ok(chunks.every((m) => m.encoding_stats.some((s) => s.page_type === 'DATA_PAGE_V2')), 'v2 data pages');
    const session = openBytes(module, bytes);
    const description = session.describe();
    assert.equal(description.rows, 2500);
    assert.ok(description.rowGroups >= 2, 'several row groups');
    assert.deepEqual(description.columns.map((c) => [c.name, c.type, c.optional]), [
      ['flag', 'BOOLEAN', true], ['small', 'INT32', true], ['big', 'INT64', false], ['ratio', 'FLOAT', true],
      ['price', 'DOUBLE', true], ['label', 'STRING', true], ['text', 'STRING', false],
    ]);
    const read = readColumns(module, session, bytes, Object.keys(data));
    for (const [name, values] of Object.entries(data)) assert.deepEqual(read[name], values, `${codec}: column ${name}`);

    // And the query path: count and sum of price > 600, in row order.
    session.beginQuery([], 'price', 600, true);
    driveFrom(module, session, bytes);
    const passing = data.price.filter((v) => v !== null && v > 600);
    assert.equal(session.resultRows(), passing.length);
    assert.equal(session.resultSum(), passing.reduce((a, b) => a + b, 0));
    session.delete();
  }
});

test('plain (non-dictionary) encodings written by hyparquet-writer read back right', async () => {
  const module = await loadParquet();
  const plain = Object.fromEntries(['flag', 'small', 'big', 'ratio', 'price', 'label', 'text'].map((n) => [n, { encoding: 'PLAIN' }]));
  const { data, bytes } = writeWithHyparquet(1200, 'SNAPPY', plain);
  const session = openBytes(module, bytes);
  const read = readColumns(module, session, bytes, Object.keys(data));
  for (const [name, values] of Object.entries(data)) assert.deepEqual(read[name], values, `column ${name}`);
  session.delete();
});

test('files our writer makes (v1 and v2 pages, page index) read right with hyparquet', async () => {
  const module = await loadParquet();
  for (const v2 of [false, true]) {
    const bytes = module.writeBenchFile(3000, 1000, 250, 7, v2);
    const metadata = parquetMetadata(arrayBufferOf(bytes));
    assert.equal(metadata.num_rows, 3000n);
    assert.equal(metadata.row_groups.length, 3);
    const theirs = await parquetReadObjects({ file: arrayBufferOf(bytes) });
    const session = openBytes(module, bytes);
    const names = ['id', 'price', 'qty', 'name', 'category'];
    const ours = readColumns(module, session, bytes, names);
    assert.equal(theirs.length, 3000);
    for (const name of names) {
      assert.deepEqual(theirs.map((row) => row[name]), ours[name], `${v2 ? 'v2' : 'v1'}: column ${name}`);
    }
    assert.ok(ours.price.some((v) => v === null) && ours.name.some((v) => v === null), 'nulls present');
    assert.ok(ours.category.includes('Café & Bar'), 'non-ASCII text round-trips');
    session.delete();
  }
});

test('unsigned columns hyparquet-writer writes (UINT_32, INTEGER(64, unsigned)) read as unsigned, statistics too', async () => {
  const module = await loadParquet();
  const u = [5, 3000000000, 7, 4000000000];
  const w = [1n, 9223372036854775813n, 18446744073709551615n, 2n];
  const bytes = new Uint8Array(parquetWriteBuffer({
    codec: 'UNCOMPRESSED',
    columnData: [{ name: 'u', data: u }, { name: 'w', data: w }],
    schema: [
      { name: 'root', num_children: 2 },
      { name: 'u', type: 'INT32', converted_type: 'UINT_32', repetition_type: 'REQUIRED' },
      { name: 'w', type: 'INT64', logical_type: { type: 'INTEGER', bitWidth: 64, isSigned: false }, repetition_type: 'REQUIRED' },
    ],
  }));
  // Its statistics are in unsigned order: read as signed they would exclude u > 0.
  const stats = parquetMetadata(arrayBufferOf(bytes)).row_groups[0].columns[0].meta_data.statistics;
  assert.equal(stats.max_value, 4000000000);
  const session = openBytes(module, bytes);
  assert.deepEqual(session.describe().columns.map((c) => [c.name, c.type]), [['u', 'UINT32'], ['w', 'UINT64']]);
  assert.deepEqual(readColumns(module, session, bytes, ['u', 'w']), { u, w });
  for (const [column, threshold, count, sum] of [['u', 0, 4, 7000000012], ['u', 3.5e9, 1, 4e9], ['w', 1e19, 1, 2 ** 64]]) {
    session.beginQuery([], column, threshold, true);
    driveFrom(module, session, bytes);
    assert.equal(session.resultRows(), count, `count of ${column} > ${threshold}`);
    assert.equal(session.resultSum(), sum, `sum of ${column} > ${threshold}`);
  }
  // The naive path's row objects carry the same values.
  const ptr = session.stageFile(bytes.length);
  module.HEAPU8.set(bytes, ptr);
  session.openStaged();
  session.decodeStaged();
  assert.deepEqual(session.rowObjects(), u.map((v, i) => ({ u: v, w: w[i] })));
  session.delete();
});
