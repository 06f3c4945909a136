// The profiling pass: apart from the timing runs, so that what it turns on (CPU
// sampling, allocation sites, probe traces) never skews a reported time.
//
// For each chosen case and variant: a fresh instance of the module's profiling build
// (with C++ names for the profiler), a warm-up, then two parts of a few seconds each:
//   CPU           the operation in a loop under the host's CPU profiler, with every
//                 probe and the allocation profiler off (they would be sampled too)
//   instrumented  the operation in a loop with the probes, their trace and the
//                 allocation-site profile on, linear memory's growth watched, and
//                 no CPU profiler
// The host receives one artifact per variant (emitProfile): the CPU profile, the
// probe trace, the allocation sites by phase and the memory figures.

import { JsProbe, PHASES } from './phases.mjs';
import { instantiate } from './instantiate.mjs';
import { benchmarkName } from './results.mjs';
import { loadWorkload } from './driver.mjs';
import { outsideOf } from './outside.mjs';

// Events kept per profile (24 bytes each in linear memory); later ones are counted as dropped.
const TRACE_CAPACITY = 1 << 17;

// The quick profile's cases; a suite with none there (its cases only in the main
// job's full profile, hnswlib_wasm say) is profiled on its full profile's.
export async function profileSuite(host, { suite: suiteName, profile = 'quick', filter = null, variants = null, seconds = 2 }) {
  let workload = await loadWorkload(host, suiteName, { profile });
  if (workload.cases.length === 0 && profile === 'quick') workload = await loadWorkload(host, suiteName, { profile: 'full' });
  const { suite, cases, operations, adapters } = workload;
  // A module from outside is profiled as it ships: its frames have names where
  // its own name section has them (no profiling twin of it exists).
  const compiled = suite.module ? await host.compileModule(`${suite.module}.profiling`)
    : { name: suite.workload, load: adapters.load, env: { runtime: host.runtime } };
  // The suite's other modules too (profiling builds, under their own names).
  const modules = suite.module ? { [suite.module]: compiled } : {};
  for (const name of suite.modules ?? []) modules[name] ??= await host.compileModule(`${name}.profiling`);
  const pattern = filter ? new RegExp(filter) : null;
  const env = { data: host.data ?? null, runtime: host.runtime, modules };
  let profiled = 0;
  for (const c of cases) {
    const operation = operations[c.operation];
    const chosen = (variants ?? suite.variants.wasm)
      .filter((v) => !c.variants || c.variants.includes(v))
      .filter((v) => !pattern || pattern.test(benchmarkName(c, v)));
    for (const variant of chosen) {
      if (typeof operation?.variants[variant] !== 'function') {
        throw new Error(`the ${c.workload} adapters have no variant '${variant}' for ${c.operation}`);
      }
      await host.emitProfile(await profileOne(host, compiled, operation, c, variant, seconds, env));
      profiled++;
    }
  }
  if (profiled === 0) throw new Error(`no case of ${suiteName} matches${filter ? ` --filter ${filter}` : ''}`);
}

async function profileOne(host, compiled, operation, c, variant, seconds, env) {
  const p = c.params;
  const growth = [];
  const module = await instantiate(compiled, { onMemoryGrow: (g) => growth.push({ ...g, at_ms: host.now() }) });
  const state = await operation.prepare(module, p, env);
  const probe = new JsProbe(host.now);
  const runOp = async () => {
    operation.beforeOp(module, state, p);
    const pending = operation.variants[variant](module, state, p, probe);
    if (pending && typeof pending.then === 'function') await pending;
  };
  // Warm-up, so the profile shows the steady state rather than V8's first tiers.
  const warmEnd = host.now() + Math.min(500, seconds * 250);
  do await runOp(); while (host.now() < warmEnd);

  const loop = async () => {
    const start = host.now();
    let ops = 0;
    while (host.now() - start < seconds * 1000) {
      await runOp();
      ops++;
    }
    return { ops, ms: host.now() - start };
  };

  await host.startCpuProfile();
  const cpuPart = await loop();
  const cpuProfile = await host.stopCpuProfile();

  // From outside there are no probes, trace or allocation profile in the module:
  // the instrumented part has the JS probes and linear memory only.
  const outside = outsideOf(module);
  const linearBytes = () => (outside ? outside.memory.buffer.byteLength : module.HEAPU8.length);
  probe.enabled = true;
  probe.events = [];
  if (!outside) {
    module._tollgate_set_probes(1);
    module._tollgate_trace_start(TRACE_CAPACITY);
    module._tollgate_alloc_profile_start();
  }
  // The profiler's own buffers are in place: growth from here on is the operation's.
  growth.length = 0;
  const linearAtStart = linearBytes();
  const instrumented = await loop();
  const ops = instrumented.ops;
  const elapsedMs = instrumented.ms;
  if (!outside) {
    module._tollgate_alloc_profile_stop();
    module._tollgate_trace_stop();
    module._tollgate_set_probes(0);
  }
  probe.enabled = false;

  const name = benchmarkName(c, variant);
  const artifact = {
    name,
    workload: c.workload,
    runtime: host.runtime,
    variant,
    ops,
    seconds: elapsedMs / 1000,
    cpu_profile: cpuProfile,
    cpu_ops: cpuPart.ops,
    trace: traceEvents(outside ? { events: [], dropped: 0 } : readModuleTrace(module), probe.events, host.runtime),
    // No allocation sites from outside: absent, not an empty table.
    hotspots: outside ? null : hotspotTable(readAllocProfile(module), name, host.runtime, ops),
    memory: {
      format: 'tollgate-memory/1',
      runtime: host.runtime,
      case: name,
      ops,
      ...(outside ? { measured_from: 'outside' } : { heap_peak_bytes: readAllocProfile(module).heap_peak_bytes }),
      linear_memory_bytes: linearBytes(),
      linear_memory_at_start_bytes: linearAtStart,
      linear_memory_growth: growth,
      process: (await host.memory?.()) ?? {},
      ...(outside ? {} : {
        alloc_hook_overhead_ns: module._tollgate_alloc_hook_overhead_ns(20000, 0),
        alloc_profile_overhead_ns: module._tollgate_alloc_hook_overhead_ns(2000, 1),
        probe_overhead_ns: module._tollgate_probe_overhead_ns(100000),
      }),
    },
  };
  operation.release(module, state);
  return artifact;
}

function readModuleTrace(module) {
  const ptr = module._tollgate_trace();
  const head = new Float64Array(module.HEAPU8.buffer, ptr, 2);
  const count = head[0];
  const values = new Float64Array(module.HEAPU8.buffer, ptr, 2 + 3 * count);
  const events = [];
  for (let i = 0; i < count; i++) {
    events.push({ phase: PHASES[values[2 + 3 * i + 2]], start: values[2 + 3 * i] / 1e6, duration: values[2 + 3 * i + 1] / 1e6 });
  }
  return { events, dropped: head[1] };
}

// Chrome's trace-event format (Perfetto, chrome://tracing): the module's probe
// scopes and the driver's on one timeline (both read the same clock).
function traceEvents(moduleTrace, jsEvents, runtime) {
  const toUs = (ms) => Math.round(ms * 1000 * 1000) / 1000;
  const event = (e, tid) => ({ name: e.phase, cat: `tollgate,${tid}`, ph: 'X', ts: toUs(e.start), dur: toUs(e.duration), pid: runtime, tid });
  return {
    traceEvents: [
      ...moduleTrace.events.map((e) => event(e, 'wasm')),
      ...jsEvents.map((e) => event(e, 'js')),
    ],
    displayTimeUnit: 'ns',
    otherData: { dropped_events: moduleTrace.dropped },
  };
}

function readAllocProfile(module) {
  const ptr = module._tollgate_alloc_profile();
  const head = new Float64Array(module.HEAPU8.buffer, ptr, 4);
  const count = head[2];
  const values = new Float64Array(module.HEAPU8.buffer, ptr, 4 + 6 * count);
  const sites = [];
  for (let i = 0; i < count; i++) {
    const [phase, allocations, bytes, peak, live, atPeak] = values.subarray(4 + 6 * i, 10 + 6 * i);
    sites.push({ phase, allocations, bytes, peak_live_bytes: peak, live_bytes: live, live_at_heap_peak: atPeak });
  }
  return { peak_bytes: head[0], untracked: head[1], heap_peak_bytes: head[3], sites };
}

// The hotspot table (tollgate-hotspots/1). In wasm a site is the probe phase it
// happened in: there is no stack walk in the module.
export function hotspotTable(profile, name, runtime, ops) {
  return {
    format: 'tollgate-hotspots/1',
    runtime,
    title: `${name}, ${runtime}`,
    ops,
    peak_bytes: profile.peak_bytes,
    untracked_allocations: profile.untracked,
    sites: profile.sites.map((s) => ({
      site: s.phase >= 0 ? `phase ${PHASES[s.phase]}` : 'outside the probes (setup between operations)',
      scope: s.phase >= 0 ? PHASES[s.phase] : '(none)',
      allocations: s.allocations,
      bytes: s.bytes,
      peak_live_bytes: s.peak_live_bytes,
      live_end_bytes: s.live_bytes,
      share_of_peak: profile.peak_bytes > 0 ? s.live_at_heap_peak / profile.peak_bytes : 0,
    })),
  };
}
