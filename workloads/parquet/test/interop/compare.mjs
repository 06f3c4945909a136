// One file's verdict: our four paths against each other (exactly, in the raw
// form), then their meaning against DuckDB's reading, value by value, and a
// predicate query (count, sum and the selected rows) against the same rows
// filtered from DuckDB's values.
//   identical        every column read, every value as DuckDB reads it
//   refused by name  the columns we do not read say which and why (each
//                    message names its column); every other column identical
//   wrong            anything else: a value that differs, paths that disagree,
//                    a refusal that names nothing, a column missing
// Each verdict carries the first few problems, to say what went wrong.

import {
  duckMeaning, duckNestedMeaning, duckTimeNs, isNestedDuckType, ourMeaning, ourNestedMeaning,
} from './meaning.mjs';

const NUMERIC = new Set(['INT32', 'INT64', 'UINT32', 'UINT64', 'FLOAT', 'DOUBLE']);
const MAX_PROBLEMS = 8;

const topName = (name) => name.split('.')[0];
// Equal as JSON, whatever the order of object keys (C++'s JSON sorts them).
const sorted = (v) => (Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object'
  ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
const sameJson = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

// The predicate column a file's query runs on: `price` when it is there,
// else the first plain numeric column; the threshold is its median.
const PLAIN_NUMBERS = ['INTEGER', 'BIGINT', 'DOUBLE', 'FLOAT'];
export function choosePredicate(reference) {
  const numeric = (j) => PLAIN_NUMBERS.includes(String(reference.types[j]));
  const price = reference.names.indexOf('price');
  const j = price >= 0 && numeric(price) ? price : reference.types.findIndex((_, k) => numeric(k));
  if (j < 0) return null;
  const numbers = reference.columns[j].filter((v) => v !== null).map(Number).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (numbers.length === 0) return null;
  return { column: reference.names[j], index: j, threshold: numbers[Math.floor(numbers.length / 2)] };
}

function compareColumns(ours, reference, rows, problems, label, counts) {
  const byName = new Map(ours.columns.map((c, i) => [c.name, i]));
  let refused = 0;
  reference.names.forEach((name, j) => {
    const type = reference.types[j];
    const leaves = ours.columns.map((c, i) => [c, i]).filter(([c]) => c.name === name || topName(c.name) === name);
    if (leaves.length === 0) {
      problems.push(`${label}: column '${name}' is missing`);
      return;
    }
    const unsupported = leaves.filter(([c]) => c.unsupported);
    if (unsupported.length > 0) {
      for (const [c] of unsupported) {
        if (!c.unsupported.includes(`'${c.name}'`)) problems.push(`${label}: column '${c.name}' refused without naming it: ${c.unsupported}`);
      }
      if (unsupported.length !== leaves.length && !isNestedDuckType(type)) problems.push(`${label}: column '${name}' partly refused`);
      refused++;
      return;
    }
    if (isNestedDuckType(type) || !byName.has(name)) {
      const field = ours.fields?.find((f) => f.name === name);
      const values = ours.nested?.[name];
      if (!field || !values) {
        problems.push(`${label}: nested column '${name}' (${type}) read but not compared`);
        return;
      }
      let bad = 0;
      counts.values += rows.length;
      for (let r = 0; r < rows.length; r++) {
        const theirs = JSON.stringify(sorted(duckNestedMeaning(reference.columns[j][rows[r]], type)));
        const mine = JSON.stringify(sorted(ourNestedMeaning(values[r], field, ours.columns, type)));
        if (mine !== theirs && bad++ < 2) problems.push(`${label}: '${name}' row ${rows[r]}: ours ${mine}, DuckDB ${theirs} (${type})`);
      }
      if (values.length !== rows.length) problems.push(`${label}: '${name}' has ${values.length} values for ${rows.length} rows`);
      return;
    }
    const column = ours.columns[byName.get(name)];
    const values = ours.values[byName.get(name)];
    const timeNs = duckTimeNs(type);
    let bad = 0;
    counts.values += rows.length;
    for (let r = 0; r < rows.length; r++) {
      const theirs = duckMeaning(reference.columns[j][rows[r]], type);
      const mine = ourMeaning(values[r], column, timeNs);
      if (mine !== theirs && bad++ < 2) {
        problems.push(`${label}: '${name}' row ${rows[r]}: ours ${mine}, DuckDB ${theirs} (${type}; ours ${column.type}${column.logical ? ` ${JSON.stringify(column.logical)}` : ''})`);
      }
    }
    if (values.length !== rows.length) problems.push(`${label}: '${name}' has ${values.length} values for ${rows.length} rows`);
  });
  return refused;
}

export function verdictOf(paths, reference, predicate) {
  const problems = [];
  const [first, ...others] = Object.entries(paths.full);
  let refusedColumns = 0;
  let fileRefusal = null;
  for (const [name, result] of Object.entries(paths.full)) {
    if (result.error) {
      if (!/'[^']+'|column|codec|encod/i.test(result.error)) problems.push(`${name}: refused without naming what: ${result.error}`);
      fileRefusal = fileRefusal ?? `${name}: ${result.error}`;
    }
  }
  if (fileRefusal) {
    if (Object.values(paths.full).some((r) => !r.error)) problems.push(`paths disagree: ${fileRefusal} while others read the file`);
    return { verdict: problems.length ? 'wrong' : 'refused by name', problems, detail: fileRefusal, compared: 0 };
  }
  for (const [name, result] of others) {
    if (!sameJson(result.columns, first[1].columns)) problems.push(`${name} describes the columns unlike ${first[0]}`);
    if (!sameJson(result.values, first[1].values)) problems.push(`${name} returns other values than ${first[0]}`);
    if (!sameJson(result.nested, first[1].nested)) problems.push(`${name} returns other nested values than ${first[0]}`);
    if (!sameJson(result.fields, first[1].fields)) problems.push(`${name} describes the fields unlike ${first[0]}`);
  }
  const all = reference.columns.length ? reference.columns[0].map((_, r) => r) : [];
  const counts = { values: 0 };
  refusedColumns = compareColumns(first[1], reference, all, problems, first[0], counts);

  if (predicate) {
    const passing = all.filter((r) => {
      const v = reference.columns[predicate.index][r];
      return v !== null && Number(v) > predicate.threshold;
    });
    let sum = 0;
    for (const r of passing) sum += Number(reference.columns[predicate.index][r]);
    for (const [name, result] of Object.entries(paths.filtered)) {
      if (result.error) {
        problems.push(`${name} with a predicate: ${result.error}`);
        continue;
      }
      if (result.count !== passing.length) problems.push(`${name}: count ${result.count} where DuckDB's rows give ${passing.length}`);
      const f64 = new Float64Array([sum]);
      const bits = new BigUint64Array(f64.buffer)[0].toString(16).padStart(16, '0');
      if (result.sum !== bits) problems.push(`${name}: sum bits ${result.sum} where DuckDB's rows give ${bits} (${sum})`);
      compareColumns(result, reference, passing, problems, `${name} where ${predicate.column} > ${predicate.threshold}`, counts);
    }
  }
  const verdict = problems.length > 0 ? 'wrong' : refusedColumns > 0 ? 'refused by name' : 'identical';
  return { verdict, problems: problems.slice(0, MAX_PROBLEMS), refusedColumns, compared: counts.values };
}
