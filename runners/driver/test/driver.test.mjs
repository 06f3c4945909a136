// The driver with an in-process host (no files, no browser): what it measures,
// and how it keeps going when a variant fails.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runSuite } from '../driver.mjs';
import { compileModule, root } from '../../test-support.mjs';
import * as vectorAdapters from '../../../workloads/vector/adapters/vector-adapters.mjs';
import { instantiate, setInjectedWork } from '../instantiate.mjs';
import { timingPass } from '../passes.mjs';

const SUITE = {
  workload: 'vector',
  module: 'vector',
  naive: 'single',
  variants: { native: ['kernel'], wasm: ['single', 'batch', 'zero_copy'] },
  profiles: { quick: { samples: 3, warmup_ops: 1, phase_samples: 2 } },
  defaults: { metric: 'l2', dim: 16, distribution: 'uniform', seed: 5, M: 8, ef_construction: 32 },
  operations: {
    insert: { name_params: ['index', 'n', 'dim'], items: 'n', item: 'vector' },
    search: { name_params: ['index', 'n', 'dim', 'queries', 'k'], items: 'queries', item: 'query' },
  },
  cases: [
    { operation: 'insert', profiles: ['quick'], params: { index: 'flat', n: 200, batch: 64 } },
    { operation: 'search', profiles: ['quick'], params: { index: 'hnsw', n: 200, queries: 10, k: 4, ef_search: 16 } },
  ],
};

function testHost() {
  const host = {
    runtime: 'node',
    rows: [],
    failures: [],
    context: {},
    begun: [],
    now: () => performance.now(),
    cpuNs: () => { const u = process.cpuUsage(); return (u.user + u.system) * 1000; },
    // The workload's suite and adapters: a test may change host.suite first.
    suite: structuredClone(SUITE),
    workload: async () => ({ suite: host.suite, suiteFile: 'test-suite.json', adapters: vectorAdapters, adaptersFile: 'vector-adapters.mjs' }),
    loadJson: async (relative) => JSON.parse(fs.readFileSync(path.join(root, relative), 'utf8')),
    compileModule: (name, options) => compileModule(name, options),
    addContext: (c) => Object.assign(host.context, c),
    beginCase: (names) => host.begun.push(...names),
    emitRow: (row) => host.rows.push(row),
    emitFailure: (f) => host.failures.push(f),
  };
  return host;
}

test('every variant of every case gets a row with samples, phases, exact counts and one shared digest', async () => {
  const host = testHost();
  await runSuite(host, { suite: 'vector', profile: 'quick' });
  assert.deepEqual(host.failures, []);
  assert.equal(host.rows.length, 6);
  for (const row of host.rows) {
    assert.equal(row.samples_ns.length, 3, row.name);
    assert.equal(row.cpu_samples_ns.length, 3, row.name);
    assert.equal(row.phase_samples_ns.compute.length, 2, row.name);
    assert.ok(row.phase_samples_ns.compute.every((ns) => ns > 0), `${row.name}: no compute time`);
    assert.ok(row.memory.linear_memory_bytes >= 16 * 1024 * 1024, row.name);
  }
  const inserts = Object.fromEntries(host.rows.filter((r) => r.operation === 'insert').map((r) => [r.variant, r]));
  for (const row of Object.values(inserts)) assert.equal(row.counters.bytes_in, 200 * 16 * 4, `${row.variant}: bytes in`);
  // One call per vector, per 64-vector batch with a copy callback, per batch staged.
  assert.equal(inserts.single.counters.crossings_js_to_wasm, 200);
  assert.equal(inserts.batch.counters.crossings_js_to_wasm, 4);
  assert.equal(inserts.zero_copy.counters.crossings_js_to_wasm, 8);
  assert.ok(inserts.single.counters.crossings > inserts.batch.counters.crossings);
  assert.ok(inserts.batch.counters.crossings > inserts.zero_copy.counters.crossings);
  assert.ok(inserts.single.counters.allocations > inserts.zero_copy.counters.allocations);

  const searches = host.rows.filter((r) => r.operation === 'search');
  assert.equal(new Set(searches.map((r) => r.result_digest)).size, 1, 'search adapters disagree');
  assert.equal(new Set(Object.values(inserts).map((r) => r.result_digest)).size, 1, 'insert adapters disagree');
  for (const row of searches) {
    assert.equal(row.counters.bytes_out, 10 * 4 * 8, `${row.variant}: 4 hits x (id + distance) per query`);
    assert.ok(row.quality.recall_at_k > 0.5, `${row.variant}: recall ${row.quality.recall_at_k}`);
  }
  const zero = searches.find((r) => r.variant === 'zero_copy');
  assert.ok(zero.phase_samples_ns.serialize.every((ns) => ns === 0), 'zero_copy builds no objects');
  assert.ok(searches.find((r) => r.variant === 'single').phase_samples_ns.serialize.every((ns) => ns > 0));
  assert.ok(host.context.probe_overhead_ns > 0 && host.context.js_probe_overhead_ns > 0);
  assert.match(host.context.compiler, /Emscripten/);
});

test('rows count the instructions of one operation from the counting build, split by phase, JS named as uncounted', async () => {
  const first = testHost();
  await runSuite(first, { suite: 'vector', profile: 'quick' });
  const again = testHost();
  await runSuite(again, { suite: 'vector', profile: 'quick' });
  assert.match(first.context.counting.toolchain, /^Emscripten .* \| .* \| wasm-opt version \d+ \| tollgate-wasm-count 1$/);
  assert.equal(first.context.counting.unit, 'wasm instructions');
  for (const [i, row] of first.rows.entries()) {
    const n = row.instructions;
    assert.ok(n.per_op > 0, row.name);
    assert.equal(n.per_item, n.per_op / row.items_per_op, row.name);
    assert.deepEqual(n.uncounted, ['js'], row.name);
    assert.ok(n.phases.compute > 0 && n.phases.compute < n.per_op * 1.01, `${row.name}: ${JSON.stringify(n)}`);
    // A second process's run: the same count, to the instruction.
    assert.deepEqual(again.rows[i].instructions, n, row.name);
  }
  const inserts = Object.fromEntries(first.rows.filter((r) => r.operation === 'insert').map((r) => [r.variant, r]));
  // The flat index appends the same vectors whatever the adapter: one call per
  // vector adds embind's per-call work in wasm on top.
  assert.ok(inserts.single.instructions.per_op > inserts.zero_copy.instructions.per_op);
  assert.ok(inserts.single.instructions.phases.call > inserts.zero_copy.instructions.phases.call);
});

test('the kernel_work switch is the harness\'s call: an instance made inside an operation does not count it as a crossing', async () => {
  const counting = await compileModule('vector', { counting: true });
  const plain = await instantiate(counting, { counting: true });  // start-up crossings (constructors, embind)
  setInjectedWork(2);
  try {
    const injected = await instantiate(counting, { counting: true });
    assert.deepEqual(injected.tollgateCounts, plain.tollgateCounts);
  } finally {
    setInjectedWork(0);
  }
});

test('the timing pass refuses a counting build; the counting pass without one counts all but instructions', async () => {
  const counting = await compileModule('vector', { counting: true });
  await assert.rejects(timingPass({ compiled: counting, c: { samples: 1 }, live: [] }),
    /the timing pass was given a counting build/);
  const host = testHost();
  host.compileModule = (name, options) => (options?.counting ? null : compileModule(name));
  await runSuite(host, { suite: 'vector', profile: 'quick', filter: 'insert/zero_copy' });
  assert.equal(host.failures.length, 0);
  assert.equal(host.rows[0].instructions, undefined);
  assert.equal(host.context.counting, undefined);
  assert.ok(host.rows[0].counters.crossings > 0);
});

test('an unknown variant is a failure naming it; the others are measured', async () => {
  const host = testHost();
  await runSuite(host, { suite: 'vector', profile: 'quick', filter: 'insert', variants: ['batch', 'bulk'] });
  assert.deepEqual(host.rows.map((r) => r.variant), ['batch']);
  assert.equal(host.failures.length, 1);
  assert.equal(host.failures[0].name, 'vector.insert/bulk/index:flat/n:200/dim:16');
  assert.equal(host.failures[0].stage, 'setup');
  assert.match(host.failures[0].message, /no variant 'bulk' for insert \(they have: single, batch, zero_copy\)/);
});

test('a variant that traps is recorded, the instance is replaced, the others go on', async () => {
  const { operations } = await import('../../../workloads/vector/adapters/vector-adapters.mjs');
  let prepared = 0;
  const insert = {
    ...operations.insert,
    prepare: (module, p) => { prepared++; return operations.insert.prepare(module, p); },
    variants: {
      ...operations.insert.variants,
      trap: () => { throw new WebAssembly.RuntimeError('unreachable executed'); },
    },
  };
  const host = testHost();
  await runSuite(host, {
    suite: 'vector', profile: 'quick', filter: 'insert', variants: ['trap', 'zero_copy'],
    adapters: { operations: { ...operations, insert } },
  });
  assert.deepEqual(host.failures.map((f) => [f.stage, f.message]), [['warmup', 'unreachable executed']]);
  assert.deepEqual(host.rows.map((r) => r.variant), ['zero_copy']);
  assert.ok(prepared >= 3, 'the trapped instance was not replaced');  // first, after the trap, counting pass
  assert.equal(host.rows[0].samples_ns.length, 3);
});

test('whatever a case prepares is released, after a trap and when the counting pass fails too', async () => {
  const { operations } = await import('../../../workloads/vector/adapters/vector-adapters.mjs');
  const live = new Set();  // states prepared and not yet released (a data file held open, say)
  let prepared = 0;
  const insert = {
    ...operations.insert,
    prepare: (module, p) => {
      const state = operations.insert.prepare(module, p);
      live.add(state);
      prepared++;
      return state;
    },
    release: (module, state) => {
      live.delete(state);
      operations.insert.release(module, state);
    },
    variants: {
      ...operations.insert.variants,
      trap: () => { throw new WebAssembly.RuntimeError('unreachable executed'); },
      uncountable: (module, state, p, probe) => {
        if (module.tollgateCounts) throw new Error('fails when counted');
        return operations.insert.variants.batch(module, state, p, probe);
      },
    },
  };
  const host = testHost();
  await runSuite(host, {
    suite: 'vector', profile: 'quick', filter: 'insert', variants: ['trap', 'uncountable', 'zero_copy'],
    adapters: { operations: { ...operations, insert } },
  });
  assert.deepEqual(host.failures.map((f) => [f.stage, f.message]), [['warmup', 'unreachable executed'], ['counting', 'fails when counted']]);
  assert.deepEqual(host.rows.map((r) => r.variant), ['zero_copy']);
  assert.ok(prepared >= 4, `${prepared} prepared`);  // first, after the trap, two counting passes
  assert.equal(live.size, 0, `${live.size} of ${prepared} prepared states were never released`);
});

test('a suite that cannot be set up fails every variant at setup with the module\'s message', async () => {
  const host = testHost();
  host.suite.cases[0].params.metric = 'hamming';
  await runSuite(host, { suite: 'vector', profile: 'quick', filter: 'insert' });
  assert.equal(host.rows.length, 0);
  assert.equal(host.failures.length, 3);
  for (const f of host.failures) {
    assert.equal(f.stage, 'warmup');
    assert.match(f.message, /unknown metric 'hamming'/);
  }
});

test('asynchronous prepare and variants are awaited inside the timing; data files are prepared first', async () => {
  const { operations } = await import('../../../workloads/vector/adapters/vector-adapters.mjs');
  const written = [];
  let envSeen = null;
  const sleepy = {
    ...operations.insert,
    prepare: async (module, p, env) => {
      envSeen = env;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return operations.insert.prepare(module, p);
    },
    variants: {
      ...operations.insert.variants,
      // Waits 20 ms (as a read from a server would) after the insert.
      async waits(module, state, p, probe) {
        operations.insert.variants.batch(module, state, p, probe);
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
      async rejects() {
        await Promise.resolve();
        throw new Error('the server went away');
      },
    },
  };
  const host = testHost();
  host.data = { exists: () => false, write: (name, bytes) => written.push([name, bytes.length]), open: async () => null };
  await runSuite(host, {
    suite: 'vector', profile: 'quick', filter: 'insert', variants: ['waits', 'rejects', 'batch'],
    adapters: {
      operations: { ...operations, insert: sleepy },
      prepareData: async (module, cases, data) => data.write(`file-for-${cases.length}-cases`, module.generateVectors(2, 2, 1, 'uniform')),
    },
  });
  assert.deepEqual(written, [['file-for-1-cases', 4]]);
  assert.equal(envSeen.data, host.data);
  assert.deepEqual(host.failures.map((f) => [f.stage, f.message]), [['warmup', 'the server went away']]);
  const rows = Object.fromEntries(host.rows.map((r) => [r.variant, r]));
  assert.ok(rows.waits.samples_ns.every((ns) => ns >= 19e6), `awaited time missing: ${rows.waits.samples_ns}`);
  assert.ok(rows.batch.samples_ns.every((ns) => ns < 19e6));
  assert.equal(rows.waits.result_digest, rows.batch.result_digest);
});

test('each variant warms up for its own warmup_ms, however slow the others are', async () => {
  const { operations } = await import('../../../workloads/vector/adapters/vector-adapters.mjs');
  const insert = {
    ...operations.insert,
    variants: {
      ...operations.insert.variants,
      async slow(module, state, p, probe) {
        operations.insert.variants.batch(module, state, p, probe);
        await new Promise((resolve) => setTimeout(resolve, 60));
      },
    },
  };
  const host = testHost();
  host.suite.profiles.quick.warmup_ms = 50;
  await runSuite(host, {
    suite: 'vector', profile: 'quick', filter: 'insert', variants: ['slow', 'zero_copy'],
    adapters: { operations: { ...operations, insert } },
  });
  const rows = Object.fromEntries(host.rows.map((r) => [r.variant, r]));
  assert.equal(rows.slow.warmup_ops, 1, 'one 60 ms operation covers 50 ms');
  assert.ok(rows.zero_copy.warmup_ops > 5, `the fast variant warmed up only ${rows.zero_copy.warmup_ops} times`);
});

test('extra modules are compiled, recorded and handed to prepare; async variants are timed to completion; counting can warm up', async () => {
  let clock = 0;  // a fake clock: 1 us per reading, plus what the variants add
  const calls = { slow: 0, fast: 0 };
  const countedCalls = { slow: 0, fast: 0 };
  let seenModules = null;
  const op = {
    prepare: (module, p, env) => {
      seenModules = env.modules;
      return {};
    },
    variants: {
      async slow(module) {
        await null;  // the variant returns before its work is done
        clock += 5;
        calls.slow++;
        if (module.tollgateCounts) countedCalls.slow++;
      },
      fast(module) {
        calls.fast++;
        if (module.tollgateCounts) countedCalls.fast++;
      },
    },
    digest: () => 'fnv1a32:00000000',  // no beforeOp, quality or release: optional hooks
  };
  const host = testHost();
  host.now = () => (clock += 0.001);
  host.cpuNs = undefined;
  host.suite = {
    workload: 'vector',
    module: 'vector',
    modules: ['extraction_minimal'],
    naive: 'slow',
    variants: { native: ['kernel'], wasm: ['slow', 'fast'] },
    profiles: { quick: { samples: 3, warmup_ops: 1, phase_samples: 1, counting_warmup_ops: 2 } },
    operations: { op: { name_params: ['n'], items: 'n', item: 'thing' } },
    cases: [{ operation: 'op', profiles: ['quick'], params: { n: 1 } }],
  };
  await runSuite(host, { suite: 'vector', profile: 'quick', adapters: { operations: { op } } });

  assert.deepEqual(host.failures, []);
  assert.deepEqual(Object.keys(seenModules).sort(), ['extraction_minimal', 'vector']);
  assert.equal(typeof seenModules.extraction_minimal.createModule, 'function');
  for (const name of ['vector', 'extraction_minimal']) {
    assert.ok(host.context.wasm[name].instantiate_ms > 0, `${name}: no instantiation time`);
    assert.ok(host.context.wasm[name].compile_ms >= 0, `${name}: no compile time`);
  }
  const rows = Object.fromEntries(host.rows.map((r) => [r.variant, r]));
  for (const ns of rows.slow.samples_ns) assert.ok(ns >= 5e6 && ns < 5.1e6, `slow sample ${ns} ns: not timed to completion`);
  for (const ns of rows.fast.samples_ns) assert.ok(ns < 1e5, `fast sample ${ns} ns`);
  // Two warm-up operations, the counted one, then one more split by phase.
  assert.deepEqual(countedCalls, { slow: 4, fast: 4 });
  assert.equal(calls.slow, rows.slow.warmup_ops + 3 + 1 + 4);  // warm-up, timing, phases, counting
});

// The insert case with every variant wrapped to log its runs into `events`.
function loggingHost(events) {
  const host = testHost();
  const { variants } = vectorAdapters.operations.insert;
  const adapters = {
    ...vectorAdapters,
    operations: {
      ...vectorAdapters.operations,
      insert: {
        ...vectorAdapters.operations.insert,
        variants: Object.fromEntries(Object.entries(variants).map(([name, run]) => [name, (...args) => {
          events.push(name);
          host.heap += host.litterPerOp;
          return run(...args);
        }])),
      },
    },
  };
  host.workload = async () => ({ suite: host.suite, suiteFile: 'test-suite.json', adapters, adaptersFile: 'vector-adapters.mjs' });
  host.suite.cases = [host.suite.cases[0]];
  host.heap = 0;
  host.jsHeapBytes = () => host.heap;
  host.collectGarbage = () => { events.push('gc'); host.heap = 0; };
  return host;
}

test('a sample starts on a collected heap when the variants before it left much garbage, and only then', async () => {
  const littered = [];
  const host = loggingHost(littered);
  host.litterPerOp = 64 * 1024 * 1024;  // more than the driver's threshold (4 MB) per operation
  await runSuite(host, { suite: 'vector', profile: 'quick' });
  assert.deepEqual(host.failures, []);
  // From the first timed sample on (the heap there is the reference), every timed
  // and phase sample but that first one follows a collection: 3 variants x (3 + 2) - 1.
  const collections = littered.filter((e) => e === 'gc').length;
  assert.equal(collections, 3 * (3 + 2) - 1);
  assert.ok(littered.every((e, i) => e !== 'gc' || (littered[i + 1] && littered[i + 1] !== 'gc')), 'a collection not followed by an operation');

  const clean = [];
  const tidy = loggingHost(clean);
  tidy.litterPerOp = 128 * 1024;  // 15 samples x 128 KB stay under the threshold
  await runSuite(tidy, { suite: 'vector', profile: 'quick' });
  assert.deepEqual(tidy.failures, []);
  assert.equal(clean.filter((e) => e === 'gc').length, 0, 'a small operation is never timed on a freshly collected heap');
});
