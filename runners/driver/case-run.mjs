// One case's run through its variants: the instance the passes share, the
// variants still alive, and what each has measured so far. The passes
// (passes.mjs) only measure; what happens when a variant fails is decided here.
//
// A variant that throws is recorded as a failure with its message and dropped;
// the others go on. A trapped or aborted module is replaced before they do, and
// so is one still busy with an operation the watchdog gave up on.
//
// Every hook and variant call is announced to the host first (host.progress),
// so that a supervisor outside this thread can name a synchronous hang, and what
// returns a promise is guarded by the per-operation watchdog (watchdog.mjs).

import { instantiate } from './instantiate.mjs';
import { JsProbe } from './phases.mjs';
import { benchmarkName } from './results.mjs';
import { DEFAULT_WATCHDOG_MS, guard } from './watchdog.mjs';

// Awaits what a variant returns only when it is a promise: synchronous variants
// are timed exactly as before, with no microtask in between.
export function settle(result) {
  return result && typeof result.then === 'function' ? result : null;
}

function isFatal(error) {
  // A trap or an abort leaves the instance unusable; a thrown Error does not.
  return error instanceof WebAssembly.RuntimeError || /Aborted\(/.test(String(error?.message)) || error?.fatal === true;
}

export class CaseRun {
  constructor(host, compiled, operation, c, variants, modules, watchdogMs = DEFAULT_WATCHDOG_MS) {
    this.host = host;
    this.compiled = compiled;
    this.operation = operation;
    this.c = c;
    this.variants = variants;
    this.live = [...variants];
    this.probe = new JsProbe(host.now);
    this.env = { data: host.data ?? null, runtime: host.runtime, modules };
    this.measured = new Map(variants.map((v) => [v, {
      samples: [], cpuSamples: host.cpuNs ? [] : null, phaseSamples: [], warmupOps: 0,
    }]));
    this.module = undefined;
    this.state = undefined;
    this.watchdogMs = watchdogMs;
  }

  name(variant) {
    if (!this.names) this.names = new Map();
    if (!this.names.has(variant)) this.names.set(variant, benchmarkName(this.c, variant));
    return this.names.get(variant);
  }

  // Says which operation starts (a variant's, or the case's: every live
  // variant), then guards what it returns: a promise is raced against the watchdog.
  progress(stage, hook, variant = null) {
    this.host.progress?.({ names: variant ? [this.name(variant)] : this.live.map((v) => this.name(v)), stage, hook });
  }

  guard(result, hook, variant = null) {
    return guard(result, this.watchdogMs, `${hook} of ${variant ? this.name(variant) : `the ${this.c.operation} case`}`);
  }

  // Hosts persist what they are given before answering (a page waits for the
  // Playwright side), so nothing reported is lost to a crash that follows.
  async fail(variant, stage, error) {
    this.live = this.live.filter((v) => v !== variant);
    await this.host.emitFailure({ name: this.name(variant), stage, message: String(error?.message ?? error) });
  }

  // Variants the adapters lack fail before anything is instantiated.
  async dropUnknownVariants() {
    const known = this.operation.variants;
    for (const v of this.variants) {
      if (typeof known[v] === 'function') continue;
      await this.fail(v, 'setup', new Error(`the ${this.c.workload} adapters have no variant '${v}' for `
        + `${this.c.operation} (they have: ${Object.keys(known).join(', ')})`));
    }
  }

  async setUp() {
    this.progress('setup', 'prepare');
    this.module = await this.guard(instantiate(this.compiled), 'instantiate');
    this.state = await this.guard(this.operation.prepare(this.module, this.c.params, this.env), 'prepare');
  }

  // The shared instance, or false (every variant recorded as failed) when it
  // cannot be set up.
  async start() {
    if (this.live.length === 0) return false;
    try {
      await this.setUp();
      return true;
    } catch (error) {
      for (const v of [...this.live]) await this.fail(v, 'setup', error);
      return false;
    }
  }

  // After a trap: what the dead instance's state holds outside it (an open
  // file, say) is released before it is replaced. Its module may refuse the
  // call; that is no failure of the variant, which is recorded already.
  async replace() {
    const dead = this.state;
    this.state = undefined;
    try {
      this.operation.release(this.module, dead);
    } catch {
      // the instance is dead
    }
    await this.setUp();
  }

  // Runs `body` for each live variant; a failure drops that variant, and a dead
  // instance is replaced for the rest.
  async eachVariant(stage, body) {
    for (const v of [...this.live]) {
      if (!this.live.includes(v)) continue;  // dropped while replacing the instance
      try {
        await body(v);
      } catch (error) {
        await this.fail(v, stage, error);
        if (isFatal(error) && this.live.length > 0) {
          try {
            await this.replace();
          } catch (setupError) {
            for (const rest of [...this.live]) await this.fail(rest, 'setup', setupError);
          }
        }
      }
    }
  }

  // One operation of a variant on the shared instance: beforeOp untimed, then
  // the variant (a promise when it reads or instantiates; null otherwise).
  startOp(variant, stage) {
    this.progress(stage, 'beforeOp', variant);
    this.operation.beforeOp(this.module, this.state, this.c.params);
    this.progress(stage, variant, variant);
    return this.guard(settle(this.operation.variants[variant](this.module, this.state, this.c.params, this.probe)),
      variant, variant);
  }

  // Frees what prepare made, once the shared instance's passes are done. A
  // release that throws fails every variant still alive (runCase): its rows would
  // come from an adapter that cannot clean up after itself.
  releaseInstance() {
    const state = this.state;
    this.state = undefined;
    this.progress('release', 'release');
    if (state !== undefined) this.operation.release(this.module, state);  // undefined: its replacement failed
  }
}
