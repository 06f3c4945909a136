// What a value means, as one string both sides can produce: ours from the raw
// value and the column's description (type and logical type, the conversions
// of adapters/logical-values.mjs), DuckDB's from its typed value. A kind prefix
// keeps a lost annotation from hiding: a DATE read as a plain INT32 gives
// "int:19782" where DuckDB gives "date:19782", and the file counts as wrong.
//   bool:true   int:-5   num:0.1 / num:NaN / num:-0   str:<utf-8 hex>   bin:<hex>
//   date:<days>   time:<ns since midnight>   ts:<ns since 1970>   dec:-12.34
//   uuid:<text>   iv:<months>/<days>/<microseconds>
// DuckDB reads a TIME or TIMESTAMP in its own unit (TIME in microseconds, so a
// NANOS time loses its last digits there): ours are compared in DuckDB's unit.

import { DuckDBTypeId } from '@duckdb/node-api';
import {
  bigIntFromBytes, decimalText, float16Value, intervalValue, uuidText,
} from '../../adapters/logical-values.mjs';

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex = (bytes) => Array.from(bytes, (b) => HEX[b]).join('');
const bytesOf = (text) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));

export function numberText(n) {
  if (Number.isNaN(n)) return 'NaN';
  if (n === 0 && 1 / n < 0) return '-0';
  return String(n);
}

const f64 = new Float64Array(1);
const f64Bits = new BigUint64Array(f64.buffer);
function doubleOfBits(text) {
  f64Bits[0] = BigInt(`0x${text}`);
  return f64[0];
}

const NS_PER_UNIT = { MILLIS: 1000000n, MICROS: 1000n, NANOS: 1n };

// Ours: `raw` in value_dump.h's form, `column` as describe() gives it.
// `timeNs`: the nanoseconds per unit DuckDB kept for this column's times.
export function ourMeaning(raw, column, timeNs = 1n) {
  if (raw === null) return null;
  const logical = column.logical;
  switch (logical?.type) {
    case 'UNKNOWN': return null;
    case 'DATE': return `date:${raw}`;
    case 'TIMESTAMP': return `ts:${BigInt(raw) * NS_PER_UNIT[logical.unit]}`;
    case 'TIME': {
      const ns = BigInt(raw) * NS_PER_UNIT[logical.unit];
      return `time:${(ns / timeNs) * timeNs}`;
    }
    case 'DECIMAL': {
      const unscaled = column.type === 'BYTE_ARRAY' || column.type === 'FIXED_LEN_BYTE_ARRAY' ? bigIntFromBytes(bytesOf(raw)) : BigInt(raw);
      return `dec:${decimalText(unscaled, logical.scale)}`;
    }
    case 'UUID': return `uuid:${uuidText(bytesOf(raw))}`;
    case 'FLOAT16': return `num:${numberText(float16Value(bytesOf(raw)))}`;
    case 'INTERVAL': {
      const { months, days, milliseconds } = intervalValue(bytesOf(raw));
      return `iv:${months}/${days}/${BigInt(milliseconds) * 1000n}`;
    }
    case 'STRING': case 'ENUM': case 'JSON': return `str:${raw}`;
    default: break;
  }
  switch (column.type) {
    case 'BOOLEAN': return `bool:${raw}`;
    case 'INT32': case 'INT64': case 'UINT32': case 'UINT64': return `int:${raw}`;
    case 'FLOAT': case 'DOUBLE': return `num:${numberText(doubleOfBits(raw))}`;
    case 'STRING': return `str:${raw}`;
    default: return `bin:${raw}`;
  }
}

// DuckDB's: `value` as @duckdb/node-api gives it for a column of `type`.
export function duckMeaning(value, type) {
  if (value === null || value === undefined) return null;
  const T = DuckDBTypeId;
  switch (type.typeId) {
    case T.BOOLEAN: return `bool:${value}`;
    case T.TINYINT: case T.SMALLINT: case T.INTEGER: case T.BIGINT: case T.HUGEINT:
    case T.UTINYINT: case T.USMALLINT: case T.UINTEGER: case T.UBIGINT: case T.UHUGEINT:
      return `int:${value}`;
    case T.FLOAT: case T.DOUBLE: return `num:${numberText(value)}`;
    case T.VARCHAR: return `str:${hex(encoder.encode(value))}`;
    case T.ENUM: return `str:${hex(encoder.encode(String(value)))}`;
    case T.BLOB: return `bin:${hex(value.bytes)}`;
    case T.DATE: return `date:${value.days}`;
    case T.TIME: case T.TIME_TZ: return `time:${value.micros * 1000n}`;
    case T.TIME_NS: return `time:${value.nanos}`;
    case T.TIMESTAMP: case T.TIMESTAMP_TZ: return `ts:${value.micros * 1000n}`;
    case T.TIMESTAMP_MS: return `ts:${value.millis * 1000000n}`;
    case T.TIMESTAMP_NS: return `ts:${value.nanos}`;
    case T.TIMESTAMP_S: return `ts:${value.seconds * 1000000000n}`;
    case T.DECIMAL: return `dec:${decimalText(value.value, value.scale)}`;
    case T.UUID: return `uuid:${value.toString()}`;
    case T.INTERVAL: return `iv:${value.months}/${value.days}/${value.micros}`;
    default: return `unsupported DuckDB type ${type}`;
  }
}

// The nanoseconds per unit DuckDB keeps for a TIME column of `type`.
export function duckTimeNs(type) {
  return type.typeId === DuckDBTypeId.TIME || type.typeId === DuckDBTypeId.TIME_TZ ? 1000n : 1n;
}

export const isNestedDuckType = (type) => [DuckDBTypeId.LIST, DuckDBTypeId.STRUCT, DuckDBTypeId.MAP, DuckDBTypeId.ARRAY]
  .includes(type.typeId);

// A nested value's meaning, ours and DuckDB's, as the same tree: arrays for
// lists, maps as arrays of { key, value }, objects for structs, leaves as above.
// Ours walks our field tree (`field`, as describe's fields() gives it) beside
// DuckDB's type, which says in what unit DuckDB keeps each leaf's times.
export function ourNestedMeaning(raw, field, columns, type) {
  if (raw === null || raw === undefined) return null;
  const T = DuckDBTypeId;
  switch (field.kind) {
    case 'leaf': return ourMeaning(raw, columns[field.column], type ? duckTimeNs(type) : 1n);
    case 'struct': {
      const names = type?.typeId === T.STRUCT ? type.entryNames : [];
      return Object.fromEntries(field.children.map((c) => [c.name, ourNestedMeaning(raw[c.name], c, columns, type?.entryTypes?.[names.indexOf(c.name)])]));
    }
    case 'map': {
      const [key, value] = field.children[0].children;
      return raw.map((entry) => ({
        key: ourNestedMeaning(entry[key.name], key, columns, type?.keyType),
        value: value ? ourNestedMeaning(entry[value.name], value, columns, type?.valueType) : null,
      }));
    }
    default: return raw.map((v) => ourNestedMeaning(v, field.children[0], columns, type?.valueType));
  }
}

export function duckNestedMeaning(value, type) {
  if (value === null || value === undefined) return null;
  const T = DuckDBTypeId;
  switch (type.typeId) {
    case T.LIST: case T.ARRAY: return value.items.map((v) => duckNestedMeaning(v, type.valueType));
    case T.STRUCT: return Object.fromEntries(type.entryNames.map((n, i) => [n, duckNestedMeaning(value.entries[n], type.entryTypes[i])]));
    case T.MAP: return value.entries.map((e) => ({ key: duckNestedMeaning(e.key, type.keyType), value: duckNestedMeaning(e.value, type.valueType) }));
    default: return duckMeaning(value, type);
  }
}
