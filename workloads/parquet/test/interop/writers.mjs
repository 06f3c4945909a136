// The files of the interop suite, written at test time by three independent
// writers (pinned devDependencies, nothing downloaded):
//   DuckDB          @duckdb/node-api: every codec, page v1 and v2 (PARQUET_VERSION
//                   v2 also brings DELTA_* and BYTE_STREAM_SPLIT), dictionary on
//                   and off, one or several row groups; flat and nested tables
//   arrow-rs        through parquet-wasm: DuckDB's files read into Arrow and written
//                   again with arrow-rs's own choices, every codec, writer v1 and v2,
//                   dictionary on and off, small pages and row groups, DELTA_* and
//                   BYTE_STREAM_SPLIT by column, page-level statistics (a page index)
//   hyparquet       hyparquet-writer: v2 pages, dictionary or PLAIN, DELTA_* and
//                   BYTE_STREAM_SPLIT, small pages with column and offset indexes
// BYTE_STREAM_SPLIT stays on FLOAT and DOUBLE and LZ4 (deprecated) is not
// written: DuckDB, the reference, reads neither (test/encodings_test.cc and
// test/codecs_test.cc cover them). Each file: { writer, name, path, nested }.
// Beside them, the nested files of apache/parquet-testing (parquet-mr, Impala,
// Spark, Hive, arrow-rs): two-level legacy lists, repeated fields without an
// annotation, maps of maps, lists of lists of lists.

import fs from 'node:fs';
import path from 'node:path';
import * as parquetWasm from 'parquet-wasm';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeTable } from './duckdb-files.mjs';

const CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4_raw', 'brotli'];

export async function duckdbFiles(db, dir) {
  const files = [];
  for (const [k, codec] of CODECS.entries()) {
    for (const version of ['v1', 'v2']) {
      for (const dictionary of [true, false]) {
        // Every other codec with small row groups: both shapes, without their product.
        const rowGroups = k % 2 === 1 ? 700 : null;
        const name = `flat-${codec}-${version}${dictionary ? '' : '-nodict'}${rowGroups ? `-rg${rowGroups}` : ''}`;
        const options = { COMPRESSION: codec, PARQUET_VERSION: version };
        if (!dictionary) options.DICTIONARY_SIZE_LIMIT = 0;
        if (rowGroups) options.ROW_GROUP_SIZE = rowGroups;
        const file = path.join(dir, `duckdb-${name}.parquet`);
        await writeTable(db, 'flat', file, options);
        files.push({ writer: 'DuckDB', name, path: file, nested: false });
      }
    }
  }
  for (const [codec, version] of [['snappy', 'v1'], ['zstd', 'v2'], ['uncompressed', 'v1'], ['gzip', 'v2']]) {
    const name = `nested-${codec}-${version}`;
    const file = path.join(dir, `duckdb-${name}.parquet`);
    await writeTable(db, 'nested', file, { COMPRESSION: codec, PARQUET_VERSION: version, ROW_GROUP_SIZE: 1000 });
    files.push({ writer: 'DuckDB', name, path: file, nested: true });
  }
  return files;
}

// arrow-rs's writer properties for each file, by name.
function arrowProperties() {
  const { Compression, Encoding, EnabledStatistics, WriterPropertiesBuilder, WriterVersion } = parquetWasm;
  const out = [];
  // Not the deprecated LZ4: DuckDB, the reference, does not read it (test/codecs_test.cc covers it).
  for (const codec of ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'ZSTD', 'LZ4_RAW', 'BROTLI']) {
    for (const version of ['V1', 'V2']) {
      out.push([`${codec.toLowerCase()}-${version.toLowerCase()}`, () => new WriterPropertiesBuilder()
        .setCompression(Compression[codec]).setWriterVersion(WriterVersion[version])]);
    }
  }
  out.push(['nodict-v1', () => new WriterPropertiesBuilder().setDictionaryEnabled(false)]);
  out.push(['nodict-v2', () => new WriterPropertiesBuilder().setDictionaryEnabled(false).setWriterVersion(WriterVersion.V2)]);
  out.push(['small-pages-page-index', () => new WriterPropertiesBuilder().setCompression(Compression.SNAPPY)
    .setDataPageSizeLimit(512).setWriteBatchSize(64).setDictionaryPageSizeLimit(1024).setMaxRowGroupSize(1100)
    .setStatisticsEnabled(EnabledStatistics.Page)]);
  out.push(['delta-split', () => new WriterPropertiesBuilder().setCompression(Compression.ZSTD).setDictionaryEnabled(false)
    .setWriterVersion(WriterVersion.V2).setDataPageSizeLimit(4096)
    .setColumnEncoding('id', Encoding.DELTA_BINARY_PACKED).setColumnEncoding('i64', Encoding.DELTA_BINARY_PACKED)
    .setColumnEncoding('i32', Encoding.DELTA_BINARY_PACKED).setColumnEncoding('u64', Encoding.DELTA_BINARY_PACKED)
    .setColumnEncoding('word', Encoding.DELTA_BYTE_ARRAY).setColumnEncoding('text', Encoding.DELTA_LENGTH_BYTE_ARRAY)
    .setColumnEncoding('f32', Encoding.BYTE_STREAM_SPLIT).setColumnEncoding('f64', Encoding.BYTE_STREAM_SPLIT)]);
  return out;
}

// DuckDB's flat and nested files, read into Arrow by parquet-wasm and written again by arrow-rs.
export function arrowFiles(dir, sources) {
  const files = [];
  for (const [kind, source] of Object.entries(sources)) {
    const ipc = parquetWasm.readParquet(new Uint8Array(fs.readFileSync(source))).intoIPCStream();
    const properties = kind === 'flat' ? arrowProperties() : arrowProperties().filter(([n]) => ['snappy-v1', 'zstd-v2', 'small-pages-page-index'].includes(n));
    for (const [name, builder] of properties) {
      const file = path.join(dir, `arrow-rs-${kind}-${name}.parquet`);
      fs.writeFileSync(file, parquetWasm.writeParquet(parquetWasm.Table.fromIPCStream(ipc), builder().build()));
      files.push({ writer: 'arrow-rs (parquet-wasm)', name: `${kind}-${name}`, path: file, nested: kind === 'nested' });
    }
  }
  return files;
}

// Deterministic columns for hyparquet-writer, with an explicit schema.
function hyparquetColumns(n) {
  const words = ['alpha', 'beta', 'gamma', 'délta', 'ε', '日本', ''];
  const pick = (i, every, value) => (i % every === 3 ? null : value);
  const uuid = (i) => Uint8Array.from({ length: 16 }, (_, k) => (i * 31 + k * 17) & 255);
  const columns = {
    id: [Array.from({ length: n }, (_, i) => i), { type: 'INT32', repetition_type: 'REQUIRED' }],
    flag: [Array.from({ length: n }, (_, i) => pick(i, 7, i % 3 === 0)), { type: 'BOOLEAN' }],
    i32: [Array.from({ length: n }, (_, i) => pick(i, 11, (i * 7919) % 200000 - 100000)), { type: 'INT32' }],
    i64: [Array.from({ length: n }, (_, i) => BigInt(i) * 1000000007n - 5000000000n), { type: 'INT64', repetition_type: 'REQUIRED' }],
    u32: [Array.from({ length: n }, (_, i) => pick(i, 13, (i * 2654435761) % 4294967296)), { type: 'INT32', converted_type: 'UINT_32' }],
    f32: [Array.from({ length: n }, (_, i) => pick(i, 17, Math.fround(i / 7))), { type: 'FLOAT' }],
    price: [Array.from({ length: n }, (_, i) => pick(i, 19, ((i * 7) % 1000) + (i % 100) / 100)), { type: 'DOUBLE' }],
    word: [Array.from({ length: n }, (_, i) => pick(i, 5, words[i % words.length])), { type: 'BYTE_ARRAY', converted_type: 'UTF8' }],
    text: [Array.from({ length: n }, (_, i) => `row ${i} ${'x'.repeat(i % 9)}`), { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' }],
    bytes: [Array.from({ length: n }, (_, i) => pick(i, 23, Uint8Array.from([0, 255, i & 255]))), { type: 'BYTE_ARRAY' }],
    day: [Array.from({ length: n }, (_, i) => pick(i, 29, new Date(((i * 13) % 40000 - 10000) * 86400000))), { type: 'INT32', converted_type: 'DATE' }],
    at: [Array.from({ length: n }, (_, i) => pick(i, 31, new Date(1709208000000 + i * 1001))), { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' }],
    at_us: [Array.from({ length: n }, (_, i) => BigInt(i) * 987654321n - 150000000000000n),
      { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' }, repetition_type: 'REQUIRED' }],
    uid: [Array.from({ length: n }, (_, i) => pick(i, 37, uuid(i))), { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, logical_type: { type: 'UUID' } }],
    half: [Array.from({ length: n }, (_, i) => pick(i, 41, (i % 200) / 8 - 12)), { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 2, logical_type: { type: 'FLOAT16' } }],
    doc: [Array.from({ length: n }, (_, i) => pick(i, 43, { i, even: i % 2 === 0 })), { type: 'BYTE_ARRAY', converted_type: 'JSON' }],
  };
  return columns;
}

export function hyparquetFiles(dir, rows) {
  const columns = hyparquetColumns(rows);
  const names = Object.keys(columns);
  const schema = [{ name: 'root', num_children: names.length },
    ...names.map((name) => ({ repetition_type: 'OPTIONAL', ...columns[name][1], name }))];
  const variants = {
    'snappy-dict': {},
    'uncompressed-plain': { codec: 'UNCOMPRESSED', encoding: () => 'PLAIN' },
    'delta-split': {
      encoding: (name) => ({ id: 'DELTA_BINARY_PACKED', i32: 'DELTA_BINARY_PACKED', i64: 'DELTA_BINARY_PACKED', at_us: 'DELTA_BINARY_PACKED',
        word: 'DELTA_BYTE_ARRAY', text: 'DELTA_LENGTH_BYTE_ARRAY', bytes: 'DELTA_LENGTH_BYTE_ARRAY',
        f32: 'BYTE_STREAM_SPLIT', price: 'BYTE_STREAM_SPLIT' })[name],
    },
    'small-pages-indexes': { pageSize: 256, rowGroupSize: 900, columnIndex: true },
    'row-groups-nodict': { rowGroupSize: [100, 1000], encoding: () => 'PLAIN', codec: 'SNAPPY' },
  };
  const files = [];
  for (const [name, v] of Object.entries(variants)) {
    const bytes = parquetWriteBuffer({
      codec: v.codec ?? 'SNAPPY',
      pageSize: v.pageSize,
      rowGroupSize: v.rowGroupSize ?? 1000,
      schema,
      columnData: names.map((column) => ({
        name: column,
        data: columns[column][0],
        ...(v.encoding?.(column) ? { encoding: v.encoding(column) } : {}),
        ...(v.columnIndex ? { columnIndex: true } : {}),
      })),
    });
    const file = path.join(dir, `hyparquet-${name}.parquet`);
    fs.writeFileSync(file, new Uint8Array(bytes));
    files.push({ writer: 'hyparquet-writer', name, path: file, nested: false });
  }
  return files;
}

// A nested file hyparquet-writer encodes itself (its own Dremel encoder): a
// three-level LIST of optional integers, a struct and a MAP, nulls at every level
// (it writes no repeated leaf, so no two-level list: parquet-testing has those).
export function hyparquetNestedFile(dir, n) {
  const rows = Array.from({ length: n }, (_, i) => i);
  const schema = [
    { name: 'root', num_children: 4 },
    { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
    { name: 'ints', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
    { name: 'point', repetition_type: 'OPTIONAL', num_children: 2 },
    { name: 'x', type: 'INT32', repetition_type: 'OPTIONAL' },
    { name: 'y', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'MAP', num_children: 1 },
    { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
    { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    { name: 'value', type: 'INT32', repetition_type: 'OPTIONAL' },
  ];
  const columnData = [
    { name: 'id', data: rows },
    { name: 'ints', data: rows.map((i) => (i % 7 === 0 ? null : i % 7 === 1 ? [] : [i, null, 2 * i].slice(0, i % 4))) },
    { name: 'point', data: rows.map((i) => (i % 6 === 0 ? null : { x: i % 4 === 0 ? null : i, y: `y${i}` })) },
    { name: 'tags', data: rows.map((i) => (i % 9 === 0 ? null : [{ key: `k${i % 3}`, value: i }, { key: 'z', value: null }])) },
  ];
  const file = path.join(dir, 'hyparquet-nested.parquet');
  fs.writeFileSync(file, new Uint8Array(parquetWriteBuffer({ codec: 'SNAPPY', rowGroupSize: 1000, schema, columnData })));
  return [{ writer: 'hyparquet-writer', name: 'nested', path: file, nested: true }];
}

// parquet-testing's nested files DuckDB reads. Not map_no_value.parquet (DuckDB
// refuses it: "MAP_KEY_VALUE requires two children"; we read it) nor
// repeated_no_annotation.parquet (its footer says 0 rows, its row group 6: we
// refuse it, DuckDB reads the row group).
const CORPUS_NESTED = ['datapage_v2.snappy', 'incorrect_map_schema', 'list_columns', 'nested_lists.snappy',
  'nested_maps.snappy', 'nested_structs.rust', 'nonnullable.impala', 'null_list', 'nullable.impala', 'nulls.snappy',
  'old_list_structure', 'repeated_primitive_no_list'];

export function corpusFiles(corpus) {
  if (!fs.existsSync(path.join(corpus, 'data'))) return [];
  return CORPUS_NESTED.map((name) => ({
    writer: 'parquet-testing', name, path: path.join(corpus, 'data', `${name}.parquet`), nested: true,
  }));
}
