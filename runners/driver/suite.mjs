// A workload's suite file, read the way the native runner reads it
// (harness/src/suite.cc): the cases of one profile, defaults merged in.

export function selectCases(suite, profile, where = 'suite.json') {
  const fail = (field, what) => { throw new Error(`${where}: ${field}: ${what}`); };
  const settings = suite.profiles?.[profile];
  if (!settings) fail('profiles', `no profile named '${profile}'`);
  const cases = [];
  (suite.cases ?? []).forEach((c, i) => {
    if (!(c.profiles ?? []).includes(profile)) return;
    const op = suite.operations?.[c.operation];
    if (!op) fail(`cases[${i}].operation`, `unknown operation '${c.operation}'`);
    const params = { ...(suite.defaults ?? {}), ...(c.params ?? {}) };
    if (c.variants !== undefined && !(Array.isArray(c.variants) && c.variants.every((v) => typeof v === 'string'))) {
      fail(`cases[${i}].variants`, 'expected an array of variant names');
    }
    const items = params[op.items];
    if (!Number.isInteger(items) || items <= 0) fail(`cases[${i}].params.${op.items}`, 'expected a positive integer');
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
