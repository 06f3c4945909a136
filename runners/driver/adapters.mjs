// A workload's adapter module, checked when it is loaded and with its optional
// hooks made explicit, so the passes call every hook alike and an adapter file
// carries no stubs. The contract is written once, in workloads/README.md
// ("The adapter file"); this is where it is enforced.

const noop = () => {};
const OPTIONAL = {
  prepare: () => ({}),  // no state: the variants use the module alone
  beforeOp: noop,
  quality: () => null,
  counters: () => null,
  memory: () => null,
  release: noop,
};
const KNOWN = new Set(['variants', 'digest', ...Object.keys(OPTIONAL)]);

// The operations of `adapters` (an imported module) that `suite` uses, each with
// every hook present. Throws "<file>: <where>: <problem>".
export function checkAdapters(adapters, suite, file) {
  const fail = (field, what) => { throw new Error(`${file}: ${field}: ${what}`); };
  if (!suite.module && typeof adapters?.load !== 'function') {
    fail('load', 'expected a function: the suite names no module, so the adapters load it (load(env) -> the handle the hooks get)');
  }
  const ops = adapters?.operations;
  if (!ops || typeof ops !== 'object') fail('operations', 'the adapter module exports no `operations` object');
  const checked = {};
  for (const name of Object.keys(suite.operations)) {
    const op = ops[name];
    if (!op || typeof op !== 'object') fail(`operations.${name}`, `missing (the suite's operations: ${Object.keys(suite.operations).join(', ')})`);
    for (const key of Object.keys(op)) {
      if (!KNOWN.has(key)) fail(`operations.${name}.${key}`, `not a hook the driver calls (it knows: ${[...KNOWN].join(', ')})`);
    }
    if (!op.variants || typeof op.variants !== 'object') fail(`operations.${name}.variants`, 'expected an object of variant functions');
    for (const [variant, fn] of Object.entries(op.variants)) {
      if (typeof fn !== 'function') fail(`operations.${name}.variants.${variant}`, 'expected a function');
    }
    if (typeof op.digest !== 'function') fail(`operations.${name}.digest`, 'expected a function (every runtime\'s results are compared by it)');
    for (const hook of Object.keys(OPTIONAL)) {
      if (op[hook] !== undefined && typeof op[hook] !== 'function') fail(`operations.${name}.${hook}`, 'expected a function, or nothing');
    }
    checked[name] = { ...op };
    for (const [hook, fallback] of Object.entries(OPTIONAL)) checked[name][hook] ??= fallback;
  }
  return checked;
}
