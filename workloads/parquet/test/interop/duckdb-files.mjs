// Files DuckDB writes at test time (@duckdb/node-api, a pinned devDependency
// whose native library ships inside the npm package), and DuckDB's reading of
// any file: the reference the interop suite compares our reader with.
//
// The instance is opened with extension autoloading and autoinstalling off, so
// nothing can be downloaded (parquet and json are linked into the library), and
// with one thread, so that what it writes does not depend on the machine.

import { DuckDBInstance } from '@duckdb/node-api';

export async function openDuckDB() {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    threads: '1',
  });
  const connection = await instance.connect();
  return { instance, connection };
}

const quote = (text) => `'${text.replaceAll("'", "''")}'`;

// Every Parquet type DuckDB writes from a flat table, with nulls in the
// nullable columns, repeats (dictionary-worthy), extremes, NaN, infinities,
// negative zero, dates before 1970, non-ASCII and empty strings. REQUIRED
// columns come from the NOT NULL constraints.
const FLAT_TABLE = `
CREATE OR REPLACE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'très content');
CREATE OR REPLACE TABLE flat (
  id INTEGER NOT NULL, b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INTEGER, i64 BIGINT NOT NULL,
  u8 UTINYINT, u16 USMALLINT, u32 UINTEGER, u64 UBIGINT, f32 FLOAT, f64 DOUBLE NOT NULL, price DOUBLE,
  word VARCHAR, text VARCHAR NOT NULL, bytes BLOB, day DATE, clock TIME, at_us TIMESTAMP, at_ms TIMESTAMP_MS,
  at_ns TIMESTAMP_NS, at_s TIMESTAMP_S, at_tz TIMESTAMPTZ, d4 DECIMAL(4,2), d9 DECIMAL(9,3),
  d18 DECIMAL(18,6), d38 DECIMAL(38,10), uid UUID, span INTERVAL, feeling mood, doc JSON, huge HUGEINT);
INSERT INTO flat SELECT
  i,
  CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 = 0 END,
  CASE WHEN i % 13 = 1 THEN NULL ELSE ((i * 37) % 256 - 128)::TINYINT END,
  ((i * 7919) % 65536 - 32768)::SMALLINT,
  CASE WHEN i % 17 = 2 THEN NULL ELSE (i * 7919) % 200000 - 100000 END,
  i::BIGINT * 1000000007 - 5000000000,
  CASE WHEN i % 19 = 3 THEN NULL ELSE (i * 41) % 256 END,
  (i * 7919) % 65536,
  CASE WHEN i % 23 = 4 THEN NULL ELSE (i::UBIGINT * 2654435761) % 4294967296 END,
  CASE WHEN i % 29 = 5 THEN NULL ELSE 18446744073709551615::UBIGINT - i::UBIGINT * 1000003 END,
  CASE i % 97 WHEN 5 THEN 'nan'::FLOAT WHEN 6 THEN 'inf'::FLOAT WHEN 7 THEN '-inf'::FLOAT WHEN 8 THEN -0.0::FLOAT
    WHEN 9 THEN NULL ELSE (i / 7.0)::FLOAT END,
  CASE i % 89 WHEN 5 THEN 'nan'::DOUBLE WHEN 6 THEN 'inf'::DOUBLE WHEN 7 THEN -0.0 ELSE i * 1.25 - 1000.5 END,
  CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7) % 1000 + (i % 100) / 100.0 END,
  CASE WHEN i % 17 = 1 THEN NULL ELSE ['alpha', 'beta', 'gamma', 'délta', 'ε', '日本', ''][i % 7 + 1] END,
  'row ' || i || ' ' || repeat('x', i % 9),
  CASE WHEN i % 7 = 3 THEN NULL ELSE ('\\x00\\xFF' || i::VARCHAR)::BLOB END,
  CASE WHEN i % 31 = 6 THEN NULL ELSE DATE '1969-07-20' + ((i * 13) % 40000 - 10000)::INTEGER END,
  CASE WHEN i % 37 = 7 THEN NULL ELSE TIME '00:00:00' + INTERVAL (i * 1234567) MICROSECOND END,
  CASE WHEN i % 41 = 8 THEN NULL ELSE TIMESTAMP '1965-03-04 05:06:07.123456' + INTERVAL (i * 987654321) MICROSECOND END,
  (TIMESTAMP '2024-02-29 12:00:00' + INTERVAL (i * 1001) MILLISECOND)::TIMESTAMP_MS,
  (TIMESTAMP '1969-12-31 23:59:59' + INTERVAL (i * 1000001) MICROSECOND)::TIMESTAMP_NS,
  (TIMESTAMP '2001-09-09 01:46:40' + INTERVAL (i * 61) SECOND)::TIMESTAMP_S,
  CASE WHEN i % 43 = 9 THEN NULL ELSE TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i * 3600001) MICROSECOND END,
  CASE WHEN i % 5 = 0 THEN NULL ELSE (((i * 37) % 19999) - 9999) / 100.0 END,
  ((i * 7919) % 1999999 - 999999) / 1000.0,
  CASE WHEN i % 47 = 10 THEN NULL ELSE (i::DECIMAL(18,0) * 123456789 - 99999999999) / 1000000.0 END,
  (i::DECIMAL(38,0) * 12345678901234567 - 999999999999999999)::DECIMAL(38,10) / 7,
  CASE WHEN i % 53 = 11 THEN NULL ELSE md5(i::VARCHAR)::UUID END,
  CASE WHEN i % 59 = 12 THEN NULL ELSE INTERVAL (i % 14) MONTH + INTERVAL (i % 31) DAY + INTERVAL (i * 1000) MILLISECOND END,
  CASE WHEN i % 61 = 13 THEN NULL ELSE (['sad', 'ok', 'happy', 'très content'][i % 4 + 1])::mood END,
  CASE WHEN i % 67 = 14 THEN NULL ELSE json_object('i', i, 'even', i % 2 = 0) END,
  i::HUGEINT * 3
FROM range(?) t(i);`;

// LIST, STRUCT and MAP columns, nested in each other (lists of lists, of
// strings, of structs holding lists; a map; a struct of a list and a struct),
// with nulls at every level and empty lists, beside flat columns.
const NESTED_TABLE = `
CREATE OR REPLACE TABLE nested AS SELECT
  i AS id,
  'name ' || i AS name,
  CASE WHEN i % 7 = 0 THEN NULL WHEN i % 7 = 1 THEN [] ELSE [i, NULL, i * 2][1:(i % 4)] END AS ints,
  CASE WHEN i % 5 = 0 THEN NULL ELSE ['a' || i, NULL, ''][1:(i % 3 + 1)] END AS words,
  CASE WHEN i % 6 = 0 THEN NULL ELSE {'x': CASE WHEN i % 4 = 0 THEN NULL ELSE i END, 'y': 'y' || i} END AS point,
  CASE WHEN i % 9 = 0 THEN NULL ELSE MAP {'k' || (i % 3): i, 'z': NULL} END AS tags,
  CASE WHEN i % 8 = 0 THEN NULL ELSE [{'a': i, 'b': [i, i + 1]}, NULL, {'a': NULL, 'b': []}][1:(i % 3 + 1)] END AS items,
  CASE WHEN i % 10 = 0 THEN NULL ELSE [[i], [], NULL, [i, i]][1:(i % 5)] END AS grid,
  CASE WHEN i % 11 = 0 THEN NULL ELSE {'l': CASE WHEN i % 3 = 0 THEN NULL ELSE [i, NULL, i + 1][1:(i % 4)] END,
    's': CASE WHEN i % 4 = 1 THEN NULL ELSE {'v': CASE WHEN i % 5 = 2 THEN NULL ELSE 'v' || i END} END} END AS meta,
  i * 1.5 AS price
FROM range(?) t(i);`;

async function run(connection, sql, rows) {
  for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) {
    await connection.run(statement.replace('?', String(rows)));
  }
}

export async function createTables({ connection }, rows) {
  await run(connection, FLAT_TABLE, rows);
  await run(connection, NESTED_TABLE, rows);
}

// COPY `table` to `path` with DuckDB's writer options (COMPRESSION,
// PARQUET_VERSION, ROW_GROUP_SIZE, DICTIONARY_SIZE_LIMIT...).
export async function writeTable({ connection }, table, path, options) {
  const list = Object.entries({ FORMAT: 'parquet', ...options })
    .map(([k, v]) => `${k} ${typeof v === 'string' ? quote(v) : v}`).join(', ');
  await connection.run(`COPY ${table} TO ${quote(path)} (${list})`);
}

// DuckDB's reading of `path`: { names, types (DuckDBType), columns (values) },
// or { error } when DuckDB itself refuses the file.
export async function readWithDuckDB({ connection }, path) {
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet(${quote(path)})`);
    return { names: reader.columnNames(), types: reader.columnTypes(), columns: reader.getColumns() };
  } catch (error) {
    return { error: error.message };
  }
}

// What DuckDB says a file holds (codecs, encodings, page versions...), for the table.
export async function fileFeatures({ connection }, path) {
  const reader = await connection.runAndReadAll(
    `SELECT list(DISTINCT compression), flatten(list(DISTINCT encodings)), count(DISTINCT row_group_id)
     FROM (SELECT compression, string_split(encodings, ', ') AS encodings, row_group_id FROM parquet_metadata(${quote(path)}))`);
  const [codecs, encodings, rowGroups] = reader.getRowsJson()[0];
  return { codecs: [...new Set(codecs)].sort(), encodings: [...new Set(encodings)].sort(), rowGroups: Number(rowGroups) };
}
