// Logical types from JS: describe() says what each column's values mean, the
// values stay raw typed arrays, and logical-values.mjs turns them into what a
// JS user expects. The file is hyparquet-writer's, with the annotations set
// explicitly; UNKNOWN reads as null though its column stores values.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { dateFromTimestamp, decimalText, float16Value, intervalValue, logicalValue, millisecondsOfTime } from '../adapters/logical-values.mjs';
import { loadParquet, openBytes, readColumns } from './parquet-test-support.mjs';

const uuid = Uint8Array.from([0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00]);

function logicalFile() {
  const required = 'REQUIRED';
  return new Uint8Array(parquetWriteBuffer({
    codec: 'UNCOMPRESSED',
    columnData: [
      { name: 'day', data: [19782, -1] },
      { name: 'at', data: [1709210096789123n, -1n] },
      { name: 'clock', data: [45296789, 0] },
      { name: 'price', data: [-1234n, 5n] },
      { name: 'id', data: [uuid, new Uint8Array(16)] },
      { name: 'doc', data: [{ a: 1 }, [2]] },
      { name: 'nothing', data: [7, 8] },
    ],
    schema: [
      { name: 'root', num_children: 7 },
      { name: 'day', type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' }, repetition_type: required },
      { name: 'at', type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' }, repetition_type: required },
      { name: 'clock', type: 'INT32', logical_type: { type: 'TIME', isAdjustedToUTC: false, unit: 'MILLIS' }, repetition_type: required },
      { name: 'price', type: 'INT64', converted_type: 'DECIMAL', precision: 12, scale: 2, logical_type: { type: 'DECIMAL', precision: 12, scale: 2 }, repetition_type: required },
      { name: 'id', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, logical_type: { type: 'UUID' }, repetition_type: required },
      { name: 'doc', type: 'BYTE_ARRAY', converted_type: 'JSON', logical_type: { type: 'JSON' }, repetition_type: required },
      { name: 'nothing', type: 'INT32', logical_type: { type: 'NULL' }, repetition_type: required },
    ],
  }));
}

test('describe() gives each column its logical type, with units, UTC flag, precision and scale', async () => {
  const module = await loadParquet();
  const session = openBytes(module, logicalFile());
  const logical = Object.fromEntries(session.describe().columns.map((c) => [c.name, c.logical ?? null]));
  assert.deepEqual(logical, {
    day: { type: 'DATE' },
    at: { type: 'TIMESTAMP', unit: 'MICROS', isAdjustedToUTC: true },
    clock: { type: 'TIME', unit: 'MILLIS', isAdjustedToUTC: false },
    price: { type: 'DECIMAL', precision: 12, scale: 2 },
    id: { type: 'UUID' },
    doc: { type: 'JSON' },
    nothing: { type: 'UNKNOWN' },
  });
  session.delete();
});

test('raw values convert as documented; UNKNOWN reads as null', async () => {
  const module = await loadParquet();
  const bytes = logicalFile();
  const session = openBytes(module, bytes);
  const columns = session.describe().columns;
  const raw = readColumns(module, session, bytes, columns.map((c) => c.name));
  const value = (name, i) => logicalValue(raw[name][i], columns.find((c) => c.name === name).logical);
  assert.equal(value('day', 0).toISOString(), '2024-02-29T00:00:00.000Z');
  assert.equal(value('day', 1).toISOString(), '1969-12-31T00:00:00.000Z');
  assert.equal(value('at', 0).toISOString(), '2024-02-29T12:34:56.789Z');
  assert.equal(value('at', 1).toISOString(), '1969-12-31T23:59:59.999Z');  // -1 µs rounds down
  assert.equal(value('clock', 0), 45296789);
  assert.deepEqual([value('price', 0), value('price', 1)], ['-12.34', '0.05']);
  assert.equal(value('id', 0), '123e4567-e89b-12d3-a456-426614174000');
  assert.deepEqual(raw.doc, ['{"a":1}', '[2]']);
  assert.deepEqual(raw.nothing, [null, null]);
  session.delete();
});

test('the conversions on their own: decimals of any width, timestamp units, times', () => {
  assert.equal(decimalText(Uint8Array.from([0xff, 0x85]), 1), '-12.3');  // big-endian two's complement
  assert.equal(decimalText(12345678901234567890123n, 5), '123456789012345678.90123');
  assert.equal(decimalText(7, 3), '0.007');
  assert.equal(dateFromTimestamp(1700000000000000000n, 'NANOS').toISOString(), '2023-11-14T22:13:20.000Z');
  assert.equal(dateFromTimestamp(1700000000000n, 'MILLIS').toISOString(), '2023-11-14T22:13:20.000Z');
  assert.equal(millisecondsOfTime(1500n, 'MICROS'), 1.5);
  assert.equal(millisecondsOfTime(1500000n, 'NANOS'), 1.5);
  assert.equal(dateFromTimestamp(-1n, 'NANOS').toISOString(), '1969-12-31T23:59:59.999Z');
  // Half precision: 1, -2, 65504 (the largest), the smallest subnormal, infinity, NaN.
  const half = (lo, hi) => float16Value(Uint8Array.from([lo, hi]));
  assert.deepEqual([half(0x00, 0x3c), half(0x00, 0xc0), half(0xff, 0x7b), half(0x01, 0x00), half(0x00, 0x7c)],
    [1, -2, 65504, 2 ** -24, Infinity]);
  assert.ok(Number.isNaN(half(0x01, 0x7e)));
  assert.deepEqual(intervalValue(Uint8Array.from([1, 0, 0, 0, 2, 0, 0, 0, 0xe8, 3, 0, 0])), { months: 1, days: 2, milliseconds: 1000 });
  assert.equal(logicalValue(null, { type: 'DATE' }), null);
});
