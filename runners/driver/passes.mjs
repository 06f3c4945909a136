// The passes a case runs, in order, each apart so that no instrumentation skews
// the figures another reports:
//   warmupPass    untimed operations until V8 has tiered the code up
//   timingPass    the shared plain instance, variants interleaved sample by sample
//                 (machine noise then falls on all variants alike), probes off,
//                 garbage collected before a sample when the variants left much
//   phasePass     the same instance with JS and module probes on
//   countingPass  a fresh instance per variant of the module's counting build
//                 (instruction-count.mjs), every crossing wrapped and counted:
//                 instructions, allocations and memory read around one
//                 operation, then the instructions of a second split by phase
// Each takes a CaseRun (case-run.mjs), which owns the instance and failures.

import { InstructionTally, instantiate, readSnapshot } from './instantiate.mjs';
import { UNCOUNTED_IN_JS, assertNotCounting, countedPhases, counterOf } from './instruction-count.mjs';
import { outsideOf } from './outside.mjs';
import { combinePhases, outsidePhases } from './phases.mjs';
import { settle } from './case-run.mjs';

// At least warmupOps operations and warmupMs of its own time per variant: short
// operations need many calls before V8 tiers the wasm and the adapter code up,
// and a slow variant beside a fast one must not use up the fast one's warm-up.
// Rounds are capped so a clock too coarse to see an operation cannot spin forever.
export async function warmupPass(run) {
  const { host, c, measured } = run;
  const warmedMs = new Map(run.variants.map((v) => [v, 0]));
  const warming = (v) => measured.get(v).warmupOps < c.warmupOps || warmedMs.get(v) < c.warmupMs;
  for (let round = 0; round < 100000 && run.live.some(warming); round++) {
    await run.eachVariant('warmup', async (v) => {
      if (!warming(v)) return;
      const t0 = host.now();
      const pending = run.startOp(v, 'warmup');
      if (pending) await pending;
      warmedMs.set(v, warmedMs.get(v) + host.now() - t0);
      measured.get(v).warmupOps++;
    });
  }
}

// A sample starts on a collected JS heap (untimed) when the variants before it
// left much garbage: interleaved, an eager variant that builds a million JS
// objects made the next variant's samples 4x slower in Chromium (parquet select
// late_columns at 45 ms after eager_rows, 11 ms alone; with a 32 MB threshold,
// every other sample still was: eager_rows leaves a little less). Only then: a full
// collection before every sample made 1 ms operations run on cold caches (Node
// flat search zero_copy 12 -> 16-25 us). The heap's growth since the last
// collection is the debt (scavenges already freed what died young); a variant's
// own collections during its operation stay in its time.
const LITTER_BYTES = 4 * 1024 * 1024;

export function collectIfLittered(run) {
  const { host } = run;
  if (!host.collectGarbage || !host.jsHeapBytes) return;
  const used = host.jsHeapBytes();
  if (run.heapAfterCollection === undefined) {
    run.heapAfterCollection = used;
  } else if (used - run.heapAfterCollection > LITTER_BYTES) {
    host.collectGarbage();
    run.heapAfterCollection = host.jsHeapBytes();
  }
}

export async function timingPass(run) {
  const { host, c, operation, probe, measured } = run;
  assertNotCounting(run.compiled);
  for (let s = 0; s < c.samples; s++) {
    await run.eachVariant('timing', async (v) => {
      collectIfLittered(run);
      run.progress('timing', 'beforeOp', v);
      operation.beforeOp(run.module, run.state, c.params);
      run.progress('timing', v, v);
      const cpu0 = host.cpuNs?.();
      const t0 = host.now();
      // A synchronous variant is timed bare; only a promise gets the watchdog's race.
      const pending = run.guard(settle(operation.variants[v](run.module, run.state, c.params, probe)), v, v);
      if (pending) await pending;
      const t1 = host.now();
      const m = measured.get(v);
      m.samples.push((t1 - t0) * 1e6);
      if (m.cpuSamples) m.cpuSamples.push(host.cpuNs() - cpu0);
    });
  }
}

// A module measured from outside has no probes to turn on: its phases are what
// the adapter's JS probes saw (outsidePhases).
export async function phasePass(run) {
  const { c, probe, measured } = run;
  const inside = !outsideOf(run.module);
  if (inside) run.module._tollgate_set_probes(1);
  probe.enabled = true;
  try {
    for (let s = 0; s < c.phaseSamples; s++) {
      await run.eachVariant('phases', async (v) => {
        collectIfLittered(run);
        run.progress('phases', 'beforeOp', v);
        run.operation.beforeOp(run.module, run.state, c.params);
        probe.reset();
        if (inside) run.module._tollgate_reset();
        run.progress('phases', v, v);
        const pending = run.guard(settle(run.operation.variants[v](run.module, run.state, c.params, probe)), v, v);
        if (pending) await pending;
        measured.get(v).phaseSamples.push(inside ? combinePhases(probe.ns, readSnapshot(run.module)) : outsidePhases(probe.ns));
      });
    }
  } finally {
    probe.enabled = false;
    if (inside && run.module) run.module._tollgate_set_probes(0);
  }
}

// Counters, memory, digest and quality of one operation of `variant`, on a
// fresh counting instance of its own. An error names the hook that threw in its
// `stage` when that is not the counting itself (a release that fails).
export async function countingPass(run, variant) {
  const { host, c, operation, probe, env } = run;
  const p = c.params;
  const step = (hook) => run.progress('counting', hook, variant);
  step('prepare');
  // Without a counting build (an external module, say) everything but the
  // instructions is counted.
  const module = await run.guard(instantiate(run.compiled, { counting: true }), 'instantiate', variant);
  const counter = counterOf(module);
  const state = await run.guard(operation.prepare(module, p, env), 'prepare', variant);
  const once = async () => {
    step('beforeOp');
    operation.beforeOp(module, state, p);
    step(variant);
    const pending = run.guard(settle(operation.variants[variant](module, state, p, probe)), variant, variant);
    if (pending) await pending;
  };
  let failed = true;
  try {
    for (let i = 0; i < c.countingWarmupOps; i++) await once();
    step('beforeOp');
    operation.beforeOp(module, state, p);
    // From outside there is no ledger: bytes are what the adapter's probe counts,
    // and allocations and the C++ heap are not known, so not reported.
    const outside = outsideOf(module);
    if (!outside) module._tollgate_reset();
    const before = outside ? null : readSnapshot(module);
    probe.reset();
    const counts = outside ? outside.counts : module.tollgateCounts;
    counts.js_to_wasm = 0;
    counts.wasm_to_js = 0;
    step(variant);
    const tally = counter ? new InstructionTally(module) : null;
    let instructions;
    try {
      const pending = run.guard(settle(operation.variants[variant](module, state, p, probe)), variant, variant);
      if (pending) await pending;
    } finally {
      instructions = tally?.close();  // before anything else runs in the module
    }
    const crossings = { ...counts };  // before anything else crosses
    const after = outside ? null : readSnapshot(module);
    step('counters');
    const counters = operation.counters?.(module, state, p) ?? {};
    step('memory');
    const memory = { ...((await host.memory?.()) ?? {}), ...(operation.memory?.(module, state, p) ?? {}) };
    step('digest');
    const digest = operation.digest(module, state, p);
    step('quality');
    const quality = operation.quality(module, state, p);
    const result = {
      counters: {
        crossings: crossings.js_to_wasm + crossings.wasm_to_js,
        crossings_js_to_wasm: crossings.js_to_wasm,
        crossings_wasm_to_js: crossings.wasm_to_js,
        bytes_in: (after?.bytes_in ?? 0) + probe.bytesIn,
        bytes_out: (after?.bytes_out ?? 0) + probe.bytesOut,
        ...(after ? { allocations: after.allocations, bytes_allocated: after.bytes_allocated } : {}),
        ...counters,
      },
      memory: {
        ...(after ? {
          heap_peak_bytes: after.peak_live_bytes - before.live_bytes,
          heap_end_bytes: Math.max(0, after.live_bytes - before.live_bytes),
        } : {}),
        linear_memory_bytes: outside ? outside.memory.buffer.byteLength : module.HEAPU8.length,
        ...memory,
      },
      digest,
      quality,
      outside: Boolean(outside),
    };
    if (counter) {
      step(variant);
      const phases = await countedPhases(module, (countingProbe) => {
        operation.beforeOp(module, state, p);
        return run.guard(settle(operation.variants[variant](module, state, p, countingProbe)), variant, variant);
      });
      result.instructions = { per_op: Number(instructions), phases, uncounted: UNCOUNTED_IN_JS };
    }
    failed = false;
    return result;
  } finally {
    // A variant that fails here releases what it prepared too; after a failure
    // (a trap, say) its error is the one reported, not the release's.
    try {
      step('release');
      operation.release(module, state);
    } catch (error) {
      if (!failed) throw Object.assign(error instanceof Error ? error : new Error(String(error)), { stage: 'release' });
    }
  }
}
