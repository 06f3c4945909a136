// The conversions from a Parquet column's raw values (the typed arrays the
// late_columns adapter hands out) to what a JS user expects, by the column's
// logical type as describe() reports it ({ type, unit, isAdjustedToUTC,
// precision, scale }). Plain functions, to call per value or to copy:
//
//   DATE       Int32 days since 1970-01-01            -> Date (UTC midnight)
//   TIMESTAMP  BigInt64 MILLIS / MICROS / NANOS since 1970-01-01 -> Date
//              (milliseconds: finer digits are dropped; keep the BigInt for them);
//              not isAdjustedToUTC: the wall-clock time, read as if it were UTC
//   TIME       Int32 MILLIS or BigInt64 MICROS / NANOS since midnight -> milliseconds (number)
//   DECIMAL    the unscaled integer (Int32, BigInt64, or big-endian two's
//              complement bytes) -> its exact decimal text, e.g. "-12.34"
//   UUID       16 bytes -> "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
//   FLOAT16    2 bytes, IEEE half precision little-endian -> number
//   INTERVAL   12 bytes, three little-endian uint32 -> { months, days, milliseconds }
//   STRING, ENUM, JSON: already strings (TextDecoder over the bytes); UNKNOWN: null.

const UNIT_PER_MS = { MILLIS: 1n, MICROS: 1000n, NANOS: 1000000n };

export function dateFromDays(days) {
  return new Date(days * 86400000);
}

export function dateFromTimestamp(value, unit) {
  const perMs = UNIT_PER_MS[unit];
  if (perMs === undefined) throw new Error(`unknown TIMESTAMP unit ${unit}`);
  const big = BigInt(value);
  // Floor division, so instants before 1970 round down like their milliseconds.
  const ms = big >= 0n ? big / perMs : -((-big + perMs - 1n) / perMs);
  return new Date(Number(ms));
}

export function millisecondsOfTime(value, unit) {
  const perMs = UNIT_PER_MS[unit];
  if (perMs === undefined) throw new Error(`unknown TIME unit ${unit}`);
  return unit === 'MILLIS' ? Number(value) : Number(BigInt(value)) / Number(perMs);
}

// A big-endian two's complement integer of any length as a BigInt.
export function bigIntFromBytes(bytes) {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  if (bytes.length > 0 && bytes[0] & 0x80) v -= 1n << BigInt(8 * bytes.length);
  return v;
}

export function decimalText(unscaled, scale) {
  let v = typeof unscaled === 'bigint' ? unscaled : unscaled instanceof Uint8Array ? bigIntFromBytes(unscaled) : BigInt(unscaled);
  const negative = v < 0n;
  if (negative) v = -v;
  let digits = v.toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

export function uuidText(bytes) {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// IEEE 754 half precision (sign, 5 exponent bits, 10 mantissa bits), little-endian.
export function float16Value(bytes) {
  const bits = bytes[0] | (bytes[1] << 8);
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;  // zero and subnormals
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

export function intervalValue(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, 12);
  return { months: view.getUint32(0, true), days: view.getUint32(4, true), milliseconds: view.getUint32(8, true) };
}

// One raw value as its logical type reads, or the value itself when the column has none.
export function logicalValue(raw, logical) {
  if (raw === null || raw === undefined) return null;
  switch (logical?.type) {
    case 'DATE': return dateFromDays(raw);
    case 'TIMESTAMP': return dateFromTimestamp(raw, logical.unit);
    case 'TIME': return millisecondsOfTime(raw, logical.unit);
    case 'DECIMAL': return decimalText(raw, logical.scale);
    case 'UUID': return uuidText(raw);
    case 'FLOAT16': return float16Value(raw);
    case 'INTERVAL': return intervalValue(raw);
    case 'UNKNOWN': return null;
    default: return raw;
  }
}
