// Shared by the Parquet JS tests: reading through the wasm module's late path
// (views over linear memory turned into plain JS values), the way an
// application would consume them.

import { loadModule } from '../../../runners/test-support.mjs';

export const loadParquet = () => loadModule('parquet');

// A file in memory as a byte-range source, counting what is read.
export function memorySource(bytes) {
  return {
    size: bytes.length,
    requests: 0,
    bytesRead: 0,
    read(offset, length) {
      if (offset + length > bytes.length) throw new Error(`read past the end: ${offset}+${length}`);
      this.requests++;
      this.bytesRead += length;
      return bytes.subarray(offset, offset + length);
    },
  };
}

// The sans-IO loop, synchronously, from bytes in memory.
export function driveFrom(module, session, bytes) {
  for (;;) {
    const n = session.wanted();
    if (n === 0) return;
    const flat = new Float64Array(module.HEAPU8.buffer, session.wantedRanges(), 2 * n).slice();
    for (let i = 0; i < n; i++) {
      const ptr = session.buffer(i);
      module.HEAPU8.set(bytes.subarray(flat[2 * i], flat[2 * i] + flat[2 * i + 1]), ptr);
    }
    session.advance();
  }
}

export function openBytes(module, bytes, budgetBytes = 512 * 1024 * 1024) {
  const session = new module.ParquetSession(budgetBytes);
  session.beginOpen(bytes.length);
  driveFrom(module, session, bytes);
  return session;
}

const decoder = new TextDecoder();

// Result column j of the last query as JS values: null for nulls; bigint for
// INT64 and UINT64, boolean, number, string for STRING, Uint8Array for other bytes.
export function columnValues(module, session, j, type, rows) {
  const buffer = module.HEAPU8.buffer;
  const data = session.columnData(j);
  const dataBytes = session.columnDataBytes(j);
  const validPtr = session.columnValid(j);
  const valid = validPtr ? new Uint8Array(buffer, validPtr, rows) : null;
  const view = new DataView(buffer, data, dataBytes);
  let get;
  if (type === 'STRING' || type === 'BYTE_ARRAY') {
    const offsets = new Uint32Array(buffer, session.columnOffsets(j), rows + 1);
    const bytes = new Uint8Array(buffer, data, dataBytes);
    get = (i) => {
      const b = bytes.slice(offsets[i], offsets[i + 1]);
      return type === 'STRING' ? decoder.decode(b) : b;
    };
  } else if (type === 'FIXED_LEN_BYTE_ARRAY') {
    const width = rows === 0 ? 0 : dataBytes / rows;
    get = (i) => new Uint8Array(buffer, data + i * width, width).slice();
  } else {
    const readers = {
      BOOLEAN: (i) => view.getUint8(i) !== 0,
      INT32: (i) => view.getInt32(i * 4, true),
      INT64: (i) => view.getBigInt64(i * 8, true),
      UINT32: (i) => view.getUint32(i * 4, true),
      UINT64: (i) => view.getBigUint64(i * 8, true),
      FLOAT: (i) => view.getFloat32(i * 4, true),
      DOUBLE: (i) => view.getFloat64(i * 8, true),
    };
    get = readers[type];
    if (!get) throw new Error(`no reader for ${type}`);
  }
  return Array.from({ length: rows }, (_, i) => (valid && !valid[i] ? null : get(i)));
}

// Every listed column of an open file, through one query without a predicate.
export function readColumns(module, session, bytes, names) {
  const types = Object.fromEntries(session.describe().columns.map((c) => [c.name, c.type]));
  session.beginQuery(names, '', 0, false);
  driveFrom(module, session, bytes);
  const rows = session.resultRows();
  return Object.fromEntries(names.map((name, j) => [name, columnValues(module, session, j, types[name], rows)]));
}
