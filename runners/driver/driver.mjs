// The one driver: runs a workload's suite through its boundary adapters, in
// Node and in a Chromium page alike. A host supplies what differs between them
// (clock, loading files, where rows go); everything measured is measured here.
//
// Per case, three passes, so that no instrumentation skews the figures it reports:
//   timing    plain instance, variants interleaved sample by sample (machine
//             noise then falls on all variants alike), probes off
//   phases    the same instance with JS and module probes on
//   counting  a fresh instance per variant with every crossing wrapped and
//             counted, allocations and memory read around one operation
//
// A variant that throws is recorded as a failure with its message and the
// others go on; a trapped or aborted module is replaced before they do.
//
// A suite names its module (`module`: every case runs on instances of it) and
// may name more (`modules`: compiled too, each recorded in the context with its
// size, compile and instantiation times, and handed to prepare as
// env.modules[name], so an operation can instantiate them itself).
//
// An operation (a workload adapter module's `operations[name]`) provides:
//   prepare(module, params, env) -> state   untimed, once per instance; may be
//                                        async. env.data opens the host's data
//                                        files as byte-range sources (see below);
//                                        env.modules holds the suite's modules
//   beforeOp(module, state, params)      untimed, before every operation
//   variants: { name(module, state, params, probe) }   the measured operation;
//                                        one that returns a promise (reading from
//                                        a source, instantiating a module) is
//                                        awaited inside the timing
//   digest(module, state, params)        digest of the last operation's results
//   quality(module, state, params)       optional figures of merit, or null
//   counters(module, state, params)      optional exact counts of its own
//   memory(module, state, params)        optional memory figures of its own
//   release(module, state)               frees what prepare made
//
// A workload that reads data files exports prepareData(module, cases, data):
// it writes any file its cases need that `data` lacks. runSuite calls it when
// the host can write data (Node); the browser runner calls prepareSuiteData on
// its Node side before the page runs, and the page reads the files over HTTP.

import { JsProbe, combinePhases } from './phases.mjs';
import { instantiate, readSnapshot, cString } from './instantiate.mjs';
import { benchmarkName, makeRow } from './results.mjs';
import { selectCases } from './suite.mjs';

// `adapters` replaces the workload's adapter module: tests use it to drive the
// failure paths with operations that fail on purpose. `inject` names deliberate
// regressions from the adapters' `injections` (to prove the gates catch them).
export async function runSuite(host, {
  suite: suiteName, profile = 'quick', filter = null, variants = null, adapters = null, inject = [],
}) {
  const suite = await host.loadJson(`${suiteDir(suiteName)}/suite.json`);
  const cases = selectCases(suite, profile, `${suiteDir(suiteName)}/suite.json`);
  adapters ??= await loadAdapters(suiteName);
  const operations = withInjections(adapters, inject, suiteName);
  if (inject.length > 0) await host.addContext({ injected: inject });
  const compiled = await host.compileModule(suite.module);
  const context = await moduleContext(host, compiled);
  const modules = { [suite.module]: compiled };
  for (const name of suite.modules ?? []) {
    if (modules[name]) continue;
    modules[name] = await host.compileModule(name);
    const { module, ...wasm } = await instantiationContext(host, modules[name]);
    Object.assign(context.wasm, wasm);
  }
  await host.addContext(context);
  const pattern = filter ? new RegExp(filter) : null;
  if (host.data?.write) await prepareData(compiled, adapters, selected(cases, suite, pattern, variants), host.data);

  for (const c of cases) {
    const operation = operations[c.operation];
    if (!operation) throw new Error(`${suiteName}-adapters.mjs has no operation '${c.operation}'`);
    const chosen = caseVariants(c, suite, pattern, variants);
    if (chosen.length > 0) await runCase(host, compiled, operation, c, chosen, modules);
  }
}

function withInjections(adapters, inject, suiteName) {
  const operations = { ...adapters.operations };
  for (const name of inject) {
    const injection = adapters.injections?.[name];
    if (!injection) {
      const known = Object.keys(adapters.injections ?? {}).join(', ') || 'none';
      throw new Error(`the ${suiteName} adapters have no injection '${name}' (they have: ${known})`);
    }
    for (const [op, fn] of Object.entries(injection.operations)) {
      operations[op] = { ...operations[op], variants: { ...operations[op].variants, [injection.variant]: fn } };
    }
  }
  return operations;
}

// A suite is named by its workload ("vector": workloads/vector/) or by its folder
// from the repository's root ("harness/test/profile_target", a test target).
export function suiteDir(suiteName) {
  return suiteName.includes('/') ? suiteName : `workloads/${suiteName}`;
}

function loadAdapters(suiteName) {
  const base = suiteName.split('/').pop();
  return import(new URL(`../../${suiteDir(suiteName)}/adapters/${base}-adapters.mjs`, import.meta.url));
}

// The variants a case runs: those asked for (or the suite's), less those the
// case leaves out (its own "variants" list) and those the filter does not match.
function caseVariants(c, suite, pattern, variants) {
  return (variants ?? suite.variants.wasm)
    .filter((v) => !c.variants || c.variants.includes(v))
    .filter((v) => !pattern || pattern.test(benchmarkName(c, v)));
}

// The cases that have at least one variant to run.
function selected(cases, suite, pattern, variants) {
  return cases.filter((c) => caseVariants(c, suite, pattern, variants).length > 0);
}

async function prepareData(compiled, adapters, cases, data) {
  if (typeof adapters.prepareData !== 'function' || cases.length === 0) return;
  await adapters.prepareData(await instantiate(compiled), cases, data);
}

// Writes the data files a suite's cases need (the browser runner's Node side
// calls this before the page reads them over HTTP).
export async function prepareSuiteData(host, { suite: suiteName, profile = 'quick', filter = null, variants = null }) {
  const suite = await host.loadJson(`${suiteDir(suiteName)}/suite.json`);
  const adapters = await loadAdapters(suiteName);
  if (typeof adapters.prepareData !== 'function') return;
  const cases = selected(selectCases(suite, profile, `${suiteDir(suiteName)}/suite.json`), suite, filter ? new RegExp(filter) : null, variants);
  await prepareData(await host.compileModule(suite.module), adapters, cases, host.data);
}

// Awaits what a variant returns only when it is a promise: synchronous variants
// are timed exactly as before, with no microtask in between.
function settle(result) {
  return result && typeof result.then === 'function' ? result : null;
}

// The first instantiation in this process: what a page pays after compiling.
async function instantiationContext(host, compiled) {
  const t0 = host.now();
  const module = await instantiate(compiled);
  return { [compiled.name]: { compile_ms: compiled.compileMs, instantiate_ms: host.now() - t0 }, module };
}

async function moduleContext(host, compiled) {
  const { module, ...wasm } = await instantiationContext(host, compiled);
  const build = JSON.parse(cString(module, module._tollgate_build_info()));
  return {
    compiler: build.compiler,
    compiler_flags: build.compiler_flags,
    build_type: build.build_type,
    tollgate_version: build.tollgate_version,
    probe_overhead_ns: module._tollgate_probe_overhead_ns(100000),
    js_probe_overhead_ns: jsProbeOverheadNs(host),
    timer_resolution_ns: timerResolutionNs(host),
    wasm,
  };
}

function jsProbeOverheadNs(host) {
  const probe = new JsProbe(host.now);
  probe.enabled = true;
  const n = 100000;
  const t0 = host.now();
  for (let i = 0; i < n; i++) probe.end('call', probe.start());
  return ((host.now() - t0) * 1e6) / n;
}

function timerResolutionNs(host) {
  let best = Infinity;
  for (let i = 0; i < 200; i++) {
    const a = host.now();
    let b = host.now();
    while (b === a) b = host.now();
    best = Math.min(best, b - a);
  }
  return best * 1e6;
}

function isFatal(error) {
  // A trap or an abort leaves the instance unusable; a thrown Error does not.
  return error instanceof WebAssembly.RuntimeError || /Aborted\(/.test(String(error?.message));
}

async function runCase(host, compiled, operation, c, variants, modules) {
  const p = c.params;
  const probe = new JsProbe(host.now);
  const measured = new Map(variants.map((v) => [v, { samples: [], cpuSamples: host.cpuNs ? [] : null, phaseSamples: [] }]));
  let live = [...variants];
  let module;
  let state;

  // Hosts persist what they are given before answering (a page waits for the
  // Playwright side), so nothing reported is lost to a crash that follows.
  const fail = async (variant, stage, error) => {
    live = live.filter((v) => v !== variant);
    await host.emitFailure({ name: benchmarkName(c, variant), stage, message: String(error?.message ?? error) });
  };
  const env = { data: host.data ?? null, runtime: host.runtime, modules };
  const setUp = async () => {
    module = await instantiate(compiled);
    state = await operation.prepare(module, p, env);
  };
  // After a trap: what the dead instance's state holds outside it (an open
  // file, say) is released before it is replaced. Its module may refuse the
  // call; that is no failure of the variant, which is recorded already.
  const replace = async () => {
    const dead = state;
    state = undefined;
    try {
      operation.release(module, dead);
    } catch {
      // the instance is dead
    }
    await setUp();
  };
  // Runs `body` for each live variant; a failure drops that variant, and a dead
  // instance is replaced for the rest.
  const eachVariant = async (stage, body) => {
    for (const v of [...live]) {
      if (!live.includes(v)) continue;  // dropped while replacing the instance
      try {
        await body(v);
      } catch (error) {
        await fail(v, stage, error);
        if (isFatal(error) && live.length > 0) {
          try {
            await replace();
          } catch (setupError) {
            for (const rest of [...live]) await fail(rest, 'setup', setupError);
          }
        }
      }
    }
  };
  const runOp = (v) => {
    operation.beforeOp(module, state, p);
    return settle(operation.variants[v](module, state, p, probe));
  };

  await host.beginCase?.(variants.map((v) => benchmarkName(c, v)));
  for (const v of variants) {
    if (typeof operation.variants[v] !== 'function') {
      await fail(v, 'setup', new Error(`the ${c.workload} adapters have no variant '${v}' for ${c.operation} (they have: ${Object.keys(operation.variants).join(', ')})`));
    }
  }
  if (live.length === 0) return;
  try {
    await setUp();
  } catch (error) {
    for (const v of [...live]) await fail(v, 'setup', error);
    return;
  }

  // At least warmupOps operations and warmupMs of its own time per variant: short
  // operations need many calls before V8 tiers the wasm and the adapter code up,
  // and a slow variant beside a fast one must not use up the fast one's warm-up.
  // Rounds are capped so a clock too coarse to see an operation cannot spin forever.
  const warmedMs = new Map(variants.map((v) => [v, 0]));
  const warmedOps = new Map(variants.map((v) => [v, 0]));
  const warming = (v) => warmedOps.get(v) < c.warmupOps || warmedMs.get(v) < c.warmupMs;
  for (let round = 0; round < 100000 && live.some(warming); round++) {
    await eachVariant('warmup', async (v) => {
      if (!warming(v)) return;
      const t0 = host.now();
      const pending = runOp(v);
      if (pending) await pending;
      warmedMs.set(v, warmedMs.get(v) + host.now() - t0);
      warmedOps.set(v, warmedOps.get(v) + 1);
    });
  }

  for (let s = 0; s < c.samples; s++) {
    await eachVariant('timing', async (v) => {
      operation.beforeOp(module, state, p);
      const cpu0 = host.cpuNs?.();
      const t0 = host.now();
      const pending = settle(operation.variants[v](module, state, p, probe));
      if (pending) await pending;
      const t1 = host.now();
      const m = measured.get(v);
      m.samples.push((t1 - t0) * 1e6);
      if (m.cpuSamples) m.cpuSamples.push(host.cpuNs() - cpu0);
    });
  }

  module._tollgate_set_probes(1);
  probe.enabled = true;
  for (let s = 0; s < c.phaseSamples; s++) {
    await eachVariant('phases', async (v) => {
      operation.beforeOp(module, state, p);
      probe.reset();
      module._tollgate_reset();
      const pending = settle(operation.variants[v](module, state, p, probe));
      if (pending) await pending;
      measured.get(v).phaseSamples.push(combinePhases(probe.ns, readSnapshot(module)));
    });
  }
  probe.enabled = false;
  module._tollgate_set_probes(0);
  if (state !== undefined) operation.release(module, state);  // undefined: its replacement failed

  for (const v of [...live]) {
    try {
      const m = measured.get(v);
      Object.assign(m, await countingPass(host, compiled, operation, c, v, probe, env));
      await host.emitRow(makeRow({ ...c, warmupOps: warmedOps.get(v) }, v, host.runtime, m));
    } catch (error) {
      await fail(v, 'counting', error);
    }
  }
}

async function countingPass(host, compiled, operation, c, variant, probe, env) {
  const p = c.params;
  const module = await instantiate(compiled, { counting: true });
  const state = await operation.prepare(module, p, env);
  let failed = true;
  try {
    for (let i = 0; i < c.countingWarmupOps; i++) {
      operation.beforeOp(module, state, p);
      const pending = settle(operation.variants[variant](module, state, p, probe));
      if (pending) await pending;
    }
    operation.beforeOp(module, state, p);
    module._tollgate_reset();
    const before = readSnapshot(module);
    probe.reset();
    const counts = module.tollgateCounts;
    counts.js_to_wasm = 0;
    counts.wasm_to_js = 0;
    const pending = settle(operation.variants[variant](module, state, p, probe));
    if (pending) await pending;
    const crossings = { ...counts };  // before anything else crosses
    const after = readSnapshot(module);
    const result = {
      counters: {
        crossings: crossings.js_to_wasm + crossings.wasm_to_js,
        crossings_js_to_wasm: crossings.js_to_wasm,
        crossings_wasm_to_js: crossings.wasm_to_js,
        bytes_in: after.bytes_in + probe.bytesIn,
        bytes_out: after.bytes_out + probe.bytesOut,
        allocations: after.allocations,
        bytes_allocated: after.bytes_allocated,
        ...(operation.counters?.(module, state, p) ?? {}),
      },
      memory: {
        heap_peak_bytes: after.peak_live_bytes - before.live_bytes,
        heap_end_bytes: Math.max(0, after.live_bytes - before.live_bytes),
        linear_memory_bytes: module.HEAPU8.length,
        ...((await host.memory?.()) ?? {}),
        ...(operation.memory?.(module, state, p) ?? {}),
      },
      digest: operation.digest(module, state, p),
      quality: operation.quality(module, state, p),
    };
    failed = false;
    return result;
  } finally {
    // A variant that fails here releases what it prepared too; after a failure
    // (a trap, say) its error is the one reported, not the release's.
    try {
      operation.release(module, state);
    } catch (error) {
      if (!failed) throw error;
    }
  }
}
