// A workload's suite file, read the way the native runner reads it
// (harness/src/suite.cc): checked against harness/schema/suite.schema.json, then
// for what a schema cannot say (cross-references), then the cases of one profile
// with defaults merged in. Errors read "<file>: <field>: <problem>", the same
// words as the C++ loader's (harness/schema/fixtures/suites/ checks both).

import { SchemaValidator, fieldPath } from './json-schema.mjs';

const validators = new WeakMap();

function validatorFor(schema) {
  if (!validators.has(schema)) validators.set(schema, new SchemaValidator(schema));
  return validators.get(schema);
}

// Throws on the first problem; returns the suite unchanged.
export function checkSuite(suite, schema, where = 'suite.json') {
  const fail = (field, what) => { throw new Error(`${where}: ${field}: ${what}`); };
  const [first] = validatorFor(schema).validate(suite);
  if (first) fail(fieldPath(first.path), first.message);

  const { wasm, native } = suite.variants;
  if (!wasm.includes(suite.naive)) fail('naive', `'${suite.naive}' is not one of variants.wasm (${wasm.join(', ')})`);
  const operations = Object.keys(suite.operations);
  const defaults = suite.defaults ?? {};
  suite.cases.forEach((c, i) => {
    const op = suite.operations[c.operation];
    if (!op) fail(`cases[${i}].operation`, `unknown operation '${c.operation}' (the suite has: ${operations.join(', ')})`);
    for (const profile of c.profiles) {
      if (!(profile in suite.profiles)) fail(`cases[${i}].profiles`, `no profile named '${profile}'`);
    }
    for (const v of c.variants ?? []) {
      if (!wasm.includes(v) && !native.includes(v)) fail(`cases[${i}].variants`, `unknown variant '${v}' (not in variants.native or variants.wasm)`);
    }
    const items = { ...defaults, ...c.params }[op.items];
    if (!Number.isInteger(items) || items <= 0) fail(`cases[${i}].params.${op.items}`, 'expected a positive integer (the items one operation handles)');
  });
  return suite;
}

// The cases of `profile`, each with what the driver needs. `schema` given: the
// suite is checked first (the driver always gives it; tests may not).
export function selectCases(suite, profile, where = 'suite.json', schema = null) {
  if (schema) checkSuite(suite, schema, where);
  const settings = suite.profiles?.[profile];
  if (!settings) throw new Error(`${where}: profiles: no profile named '${profile}'`);
  const cases = [];
  (suite.cases ?? []).forEach((c, i) => {
    if (!(c.profiles ?? []).includes(profile)) return;
    const op = suite.operations?.[c.operation];
    if (!op) throw new Error(`${where}: cases[${i}].operation: unknown operation '${c.operation}'`);
    const params = { ...(suite.defaults ?? {}), ...(c.params ?? {}) };
    const items = params[op.items];
    if (!Number.isInteger(items) || items <= 0) throw new Error(`${where}: cases[${i}].params.${op.items}: expected a positive integer`);
    cases.push({
      workload: suite.workload,
      operation: c.operation,
      params,
      nameParams: op.name_params,
      item: op.item,
      itemsPerOp: items,
      samples: c.samples ?? settings.samples ?? 5,
      warmupOps: settings.warmup_ops ?? 1,
      warmupMs: settings.warmup_ms ?? 0,
      phaseSamples: settings.phase_samples ?? 3,
      variants: c.variants ?? null,  // null: every variant of the suite
      // Untimed operations the counting pass runs on its fresh instance before the
      // one it counts, so that counts show a steady-state operation (a pool
      // already grown) rather than a cold one. 0 unless the suite says.
      countingWarmupOps: settings.counting_warmup_ops ?? 0,
    });
  });
  return cases;
}
