// Every value our reader returns for a file, through each of its four paths:
// native eager and late (build/native/bin/parquet_tool dump, tools/value_dump.h)
// and wasm eager (rowObjects) and late (typed-array views of a query's result).
// Each path gives { columns (as describe() says), values: [raw column | null] }
// or { error }, values in the one raw form value_dump.h defines, so the four can
// be compared exactly before their meaning is compared with DuckDB's.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../../../../runners/test-support.mjs';
import { driveFrom } from '../parquet-test-support.mjs';
import { nestedRows, nestedViews } from '../../adapters/nested-values.mjs';

export const parquetTool = path.join(root, 'build/native/bin/parquet_tool');

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export const hex = (bytes) => {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
};
const encoder = new TextEncoder();
const f64 = new Float64Array(1);
const f64Bits = new BigUint64Array(f64.buffer);
export function doubleBits(value) {
  f64[0] = value;
  return f64Bits[0].toString(16).padStart(16, '0');
}

// A native path: what parquet_tool dump prints.
export function nativeRead(file, mode, where) {
  const args = ['dump', file, mode, ...(where ? [where.column, String(where.threshold)] : [])];
  const run = spawnSync(parquetTool, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) return { error: `parquet_tool exited ${run.status ?? run.signal}: ${run.stderr.trim()}` };
  return JSON.parse(run.stdout);
}

// One value of a JS row object (eager_rows) in the raw form.
function rawOfJs(value, type) {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'BOOLEAN': return value ? 'true' : 'false';
    case 'FLOAT': case 'DOUBLE': return doubleBits(value);
    case 'STRING': return hex(encoder.encode(value));
    case 'BYTE_ARRAY': case 'FIXED_LEN_BYTE_ARRAY': return hex(value);
    default: return String(value);  // INT32, UINT32 (numbers), INT64, UINT64 (bigints)
  }
}

// Result column j of the last query, from views of linear memory, in the raw form.
function rawOfView(module, session, j, type, rows) {
  const buffer = module.HEAPU8.buffer;
  const data = session.columnData(j);
  const dataBytes = session.columnDataBytes(j);
  const validPtr = session.columnValid(j);
  const valid = validPtr ? new Uint8Array(buffer, validPtr, rows) : null;
  const bytes = new Uint8Array(buffer, data, dataBytes);
  const view = new DataView(buffer, data, dataBytes);
  let get;
  if (type === 'STRING' || type === 'BYTE_ARRAY') {
    const offsets = new Uint32Array(buffer, session.columnOffsets(j), rows + 1);
    get = (i) => hex(bytes.subarray(offsets[i], offsets[i + 1]));
  } else if (type === 'FIXED_LEN_BYTE_ARRAY') {
    const width = rows === 0 ? 0 : dataBytes / rows;
    get = (i) => hex(bytes.subarray(i * width, (i + 1) * width));
  } else {
    get = {
      BOOLEAN: (i) => (bytes[i] !== 0 ? 'true' : 'false'),
      INT32: (i) => String(view.getInt32(i * 4, true)),
      UINT32: (i) => String(view.getUint32(i * 4, true)),
      INT64: (i) => String(view.getBigInt64(i * 8, true)),
      UINT64: (i) => String(view.getBigUint64(i * 8, true)),
      FLOAT: (i) => doubleBits(view.getFloat32(i * 4, true)),
      DOUBLE: (i) => doubleBits(view.getFloat64(i * 8, true)),
    }[type];
    if (!get) throw new Error(`no raw reader for ${type}`);
  }
  return Array.from({ length: rows }, (_, i) => (valid && !valid[i] ? null : get(i)));
}

// A nested value (nested-values.mjs / rowObjects form) in the raw form: the
// same tree, leaves as rawOfJs gives them (value_dump.cc's nestedValue).
function rawNested(value, field, columns) {
  if (value === null || value === undefined) return null;
  switch (field.kind) {
    case 'leaf': return rawOfJs(value, columns[field.column].type);
    case 'struct': return Object.fromEntries(field.children.map((c) => [c.name, rawNested(value[c.name], c, columns)]));
    default: return value.map((v) => rawNested(v, field.children[0], columns));
  }
}

// The top-level fields our reader reads: flat columns not refused, nested
// fields none of whose leaves is refused.
function readableFields(session) {
  const columns = session.describe().columns;
  const leaves = (f) => (f.kind === 'leaf' ? [f.column] : f.children.flatMap(leaves));
  const fields = session.fields().filter((f) => leaves(f).every((c) => !columns[c].unsupported));
  return { columns, fields };
}

function withSession(module, bytes, body) {
  const session = new module.ParquetSession(1024 * 1024 * 1024);
  try {
    return body(session);
  } catch (error) {
    return { error: error.message };
  } finally {
    session.delete();
  }
}

export function wasmLate(module, bytes, where) {
  return withSession(module, bytes, (session) => {
    session.beginOpen(bytes.length);
    driveFrom(module, session, bytes);
    const { columns, fields } = readableFields(session);
    session.beginQuery(fields.map((f) => f.name), where?.column ?? '', where?.threshold ?? 0, Boolean(where));
    driveFrom(module, session, bytes);
    const rows = session.resultRows();
    const values = columns.map(() => null);
    const nested = {};
    fields.forEach((f, j) => {
      if (f.kind === 'leaf') values[f.column] = rawOfView(module, session, j, columns[f.column].type, rows);
      else nested[f.name] = nestedRows(nestedViews(module, session.columnNodes(j))).map((v) => rawNested(v, f, columns));
    });
    const out = { columns, fields: session.fields(), rows, values, nested, warnings: session.resultWarnings().messages };
    if (where) Object.assign(out, { count: rows, sum: doubleBits(session.resultSum()) });
    return out;
  });
}

export function wasmEager(module, bytes) {
  return withSession(module, bytes, (session) => {
    module.HEAPU8.set(bytes, session.stageFile(bytes.length));
    session.openStaged();
    session.decodeStaged();
    const { columns, fields } = readableFields(session);
    const objects = session.rowObjects();
    const values = columns.map(() => null);
    const nested = {};
    for (const f of fields) {
      if (f.kind === 'leaf') values[f.column] = objects.map((row) => rawOfJs(row[f.name], columns[f.column].type));
      else nested[f.name] = objects.map((row) => rawNested(row[f.name], f, columns));
    }
    return { columns, fields: session.fields(), rows: objects.length, values, nested };
  });
}

// The four paths over one file on disk, every row: { 'native eager': ..., ... };
// with a predicate, the two late paths again, the rows passing it.
export function readAllPaths(module, file, where) {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const full = {
    'native eager': nativeRead(file, 'eager'),
    'native late': nativeRead(file, 'late'),
    'wasm eager': wasmEager(module, bytes),
    'wasm late': wasmLate(module, bytes),
  };
  const filtered = where ? { 'native late': nativeRead(file, 'late', where), 'wasm late': wasmLate(module, bytes, where) } : {};
  return { full, filtered };
}
