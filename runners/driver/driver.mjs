// The one driver: runs a workload's suite through its boundary adapters, in
// Node and in a Chromium page alike. A host supplies what differs between them
// (clock, loading files, where rows go); everything measured is measured here.
//
// Per case, separate passes (passes.mjs: warm-up, timing, phases, counting), so
// that no instrumentation skews the figures another reports; a variant that
// fails is recorded and dropped, the others go on (case-run.mjs).
//
// What a workload provides (its folder, suite.json, the adapter file and its
// hooks) is written once, in workloads/README.md. The host finds the workload
// (host.workload(name): its suite and adapter module, wherever its folder is);
// the suite is checked against harness/schema/suite.schema.json and the adapters
// against the contract (adapters.mjs) before anything runs.
//
// A suite names its module (`module`: every case runs on instances of it) and
// may name more (`modules`: compiled too, each recorded in the context with its
// size, compile and instantiation times, and handed to prepare as
// env.modules[name], so an operation can instantiate them itself).
//
// Any hook that throws fails that case's variant (or every variant, for prepare
// and release) with the stage it was in, and the run goes on; one that never
// finishes is stopped by the per-operation watchdog (watchdog.mjs).
//
// A workload that reads data files exports prepareData(module, cases, data, env):
// it writes any file its cases need that `data` lacks (env.modules: the suite's
// other modules). runSuite calls it when
// the host can write data (Node); the browser runner calls prepareSuiteData on
// its Node side before the page runs, and the page reads the files over HTTP.

import { checkAdapters } from './adapters.mjs';
import { CaseRun } from './case-run.mjs';
import { JsProbe } from './phases.mjs';
import { cString, instantiate, kernelWorkPercent, setInjectedWork } from './instantiate.mjs';
import { outsideOf } from './outside.mjs';
import { benchmarkName, makeRow } from './results.mjs';
import { countingPass, phasePass, timingPass, warmupPass } from './passes.mjs';
import { selectCases } from './suite.mjs';
import { DEFAULT_WATCHDOG_MS, guard } from './watchdog.mjs';
import { countingContext, hasCounter } from './instruction-count.mjs';

// `adapters` replaces the workload's adapter module: tests use it to drive the
// failure paths with operations that fail on purpose. `inject` names deliberate
// regressions from the adapters' `injections`, or kernel_work_<percent>, extra
// work inside every workload's kernel (to prove the gates catch them); returns
// { injected }, those this workload knows. `watchdogMs` bounds each operation;
// `skip` names benchmarks not to run (a supervisor resuming a suite after a hang
// passes those already done).
export async function runSuite(host, options) {
  const kernelWork = (options.inject ?? []).map(kernelWorkPercent).find((p) => p !== null) ?? 0;
  setInjectedWork(kernelWork);
  try {
    return await runWorkload(host, options);
  } finally {
    setInjectedWork(0);
  }
}

async function runWorkload(host, {
  suite: suiteName, profile = 'quick', filter = null, variants = null, adapters = null, inject = [],
  watchdogMs = DEFAULT_WATCHDOG_MS, skip = [],
}) {
  const workload = await loadWorkload(host, suiteName, { profile, adapters });
  const { suite, cases } = workload;
  const choice = { pattern: filter ? new RegExp(filter) : null, variants, skip: new Set(skip) };
  // Nothing of this suite to run (its cases are in another profile, filtered out
  // or done): no module is compiled or loaded, and nothing is added to the context.
  // kernel_work_<percent> works inside the kernels Tollgate builds (a suite with a module).
  const kernelWork = (name) => kernelWorkPercent(name) !== null && Boolean(suite.module);
  const injected = inject.filter((name) => workload.adapters.injections?.[name] || kernelWork(name));
  if (selected(cases, suite, choice).length === 0) return { injected };
  const operations = withInjections(workload.operations, workload.adapters, injected.filter((name) => !kernelWork(name)));
  if (injected.length > 0) await host.addContext({ injected });
  const compiled = await compileFor(host, workload);
  if (suite.module) compiled.counting = await countingBuild(host, suite.module);
  const context = suite.module ? await moduleContext(host, compiled) : await outsideContext(host, compiled);
  const modules = suite.module ? { [suite.module]: compiled } : {};
  for (const name of suite.modules ?? []) {
    if (modules[name]) continue;
    modules[name] = await host.compileModule(name);
    modules[name].counting = await countingBuild(host, name);
    const { module, ...wasm } = await instantiationContext(host, modules[name]);
    context.wasm = { ...context.wasm, ...wasm };
  }
  await host.addContext(context);
  if (host.data?.write) {
    const needed = selected(cases, suite, choice);
    try {
      host.progress?.({ names: allNames(needed, suite, choice), stage: 'setup', hook: 'prepareData' });
      await guard(prepareData(compiled, workload.adapters, needed, host.data, modules), watchdogMs,
        `preparing the ${suiteName} data files`);
    } catch (error) {
      // Every case that would have read them fails, by name; the suite ends here.
      const message = `preparing the data files failed: ${error?.message ?? error}`;
      for (const name of allNames(needed, suite, choice)) await host.emitFailure({ name, stage: 'setup', message });
      return { injected };
    }
  }

  for (const c of cases) {
    const chosen = caseVariants(c, suite, choice);
    if (chosen.length > 0) await runCase(host, compiled, operations[c.operation], c, chosen, modules, watchdogMs);
  }
  return { injected };
}

// A workload as the driver runs it: its suite (checked), the cases of `profile`,
// and its adapters (checked, optional hooks made explicit). `adapters` replaces
// the workload's own adapter module (tests).
export async function loadWorkload(host, name, { profile = 'quick', adapters = null } = {}) {
  const found = await host.workload(name);
  const schema = await host.loadJson('harness/schema/suite.schema.json');
  const cases = selectCases(found.suite, profile, found.suiteFile, schema);
  const module = adapters ?? found.adapters;
  return {
    suite: found.suite, cases, adapters: module, operations: checkAdapters(module, found.suite, found.adaptersFile),
  };
}

// The adapters' deliberate regressions, by name, swapped in for the variants they
// replace. A run of several workloads applies each where it is defined; the
// runner checks that every name asked for was applied somewhere.
function withInjections(checked, adapters, inject) {
  const operations = { ...checked };
  for (const name of inject) {
    const injection = adapters.injections[name];
    for (const [op, fn] of Object.entries(injection.operations)) {
      operations[op] = { ...operations[op], variants: { ...operations[op].variants, [injection.variant]: fn } };
    }
  }
  return operations;
}

// The variants a case runs: those asked for (or the suite's), less those the
// case leaves out (its own "variants" list), those the filter does not match and
// those to skip.
function caseVariants(c, suite, { pattern, variants, skip }) {
  return (variants ?? suite.variants.wasm)
    .filter((v) => !c.variants || c.variants.includes(v))
    .filter((v) => !pattern || pattern.test(benchmarkName(c, v)))
    .filter((v) => !skip?.has(benchmarkName(c, v)));
}

// The cases that have at least one variant to run.
function selected(cases, suite, choice) {
  return cases.filter((c) => caseVariants(c, suite, choice).length > 0);
}

function allNames(cases, suite, choice) {
  return cases.flatMap((c) => caseVariants(c, suite, choice).map((v) => benchmarkName(c, v)));
}

async function prepareData(compiled, adapters, cases, data, modules) {
  if (typeof adapters.prepareData !== 'function' || cases.length === 0) return;
  await adapters.prepareData(await instantiate(compiled), cases, data, { modules });
}

// Writes the data files a suite's cases need (the browser runner's Node side
// calls this before the page reads them over HTTP).
export async function prepareSuiteData(host, {
  suite: suiteName, profile = 'quick', filter = null, variants = null, watchdogMs = DEFAULT_WATCHDOG_MS,
}) {
  const { suite, cases, adapters } = await loadWorkload(host, suiteName, { profile });
  if (typeof adapters.prepareData !== 'function') return;
  const choice = { pattern: filter ? new RegExp(filter) : null, variants, skip: null };
  const chosen = selected(cases, suite, choice);
  if (chosen.length === 0) return;
  host.progress?.({ names: allNames(chosen, suite, choice), stage: 'setup', hook: 'prepareData' });
  const compiled = await compileFor(host, { suite, adapters });
  const modules = suite.module ? { [suite.module]: compiled } : {};
  for (const name of suite.modules ?? []) modules[name] ??= await host.compileModule(name);
  await guard(prepareData(compiled, adapters, chosen, host.data, modules), watchdogMs, `preparing the ${suiteName} data files`);
}

// The module every case runs on: the suite's own (built by Tollgate), or, when
// the suite names none, the one the adapters load themselves (outside.mjs).
async function compileFor(host, { suite, adapters }) {
  if (suite.module) return host.compileModule(suite.module);
  return { name: suite.workload, load: adapters.load, env: { runtime: host.runtime } };
}

// The module's counting build, or null where it has none (a host without them,
// a module built elsewhere): its rows then carry no instruction counts.
async function countingBuild(host, name) {
  const counting = await host.compileModule(name, { counting: true });
  return counting && hasCounter(counting.module) ? counting : null;
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
    ...(compiled.counting ? { counting: countingContext(compiled.counting, build) } : {}),
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

// A module from outside has no build information or probes of its own: what is
// known is how long its first load took and how many instances it made.
async function outsideContext(host, compiled) {
  const t0 = host.now();
  const module = await instantiate(compiled);
  const { instances, bytes } = outsideOf(module);
  return {
    js_probe_overhead_ns: jsProbeOverheadNs(host),
    timer_resolution_ns: timerResolutionNs(host),
    outside_modules: { [compiled.name]: { load_ms: host.now() - t0, instances, ...(bytes ? { size_bytes: bytes } : {}) } },
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

// One case: the shared instance's passes, then a counting pass and a row per
// variant still alive.
async function runCase(host, compiled, operation, c, variants, modules, watchdogMs) {
  const run = new CaseRun(host, compiled, operation, c, variants, modules, watchdogMs);
  await host.beginCase?.(variants.map((v) => run.name(v)));
  await run.dropUnknownVariants();
  if (!(await run.start())) return;
  await warmupPass(run);
  await timingPass(run);
  await phasePass(run);
  try {
    run.releaseInstance();
  } catch (error) {
    for (const v of [...run.live]) await run.fail(v, 'release', error);
    return;
  }

  for (const v of [...run.live]) {
    try {
      const m = run.measured.get(v);
      Object.assign(m, await countingPass(run, v));
      await host.emitRow(makeRow({ ...c, warmupOps: m.warmupOps }, v, host.runtime, m));
    } catch (error) {
      await run.fail(v, error?.stage ?? 'counting', error);
    }
  }
}
