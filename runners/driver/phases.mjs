// Boundary phases as the JS side of an adapter records them. The names are the
// schema's; the module's own probes (C++) fill the same phases from inside.
//
// `call` here is the wall time of each call into wasm as JS sees it. What the
// module's probes account for inside that call is subtracted afterwards
// (combinePhases), leaving `call` as the crossing itself: argument conversion,
// the binding's glue and the transition.

export const PHASES = ['copy_in', 'call', 'compute', 'serialize', 'copy_out'];

export class JsProbe {
  constructor(now) {
    this.now = now;        // ms, performance.now() or equivalent
    this.enabled = false;  // on only in the phase pass: the timing pass pays one branch
    this.events = null;    // an array while tracing (profiling pass): { phase, start, duration } in ms
    this.reset();
  }

  reset() {
    this.ns = { copy_in: 0, call: 0, serialize: 0, copy_out: 0 };
    this.bytesIn = 0;
    this.bytesOut = 0;
  }

  start() {
    return this.enabled ? this.now() : 0;
  }

  end(phase, startMs) {
    if (!this.enabled) return;
    const now = this.now();
    this.ns[phase] += (now - startMs) * 1e6;
    if (this.events) this.events.push({ phase, start: startMs, duration: now - startMs });
  }
}

// One operation's phase times: JS-side times plus the module's ledger (`inside`,
// the snapshot fields), with `call` reduced by what the module's probes saw.
export function combinePhases(js, inside) {
  const insideTotal = inside.copy_in + inside.compute + inside.serialize + inside.copy_out;
  return {
    copy_in: js.copy_in + inside.copy_in,
    // Totals over the whole operation, so clock quantisation averages out; only a
    // whole-operation negative (all calls faster than the clock's step) is clamped.
    call: Math.max(0, js.call - insideTotal),
    compute: inside.compute,
    serialize: js.serialize + inside.serialize,
    copy_out: js.copy_out + inside.copy_out,
  };
}

// A module measured from outside has no probes: what JS saw is all there is, and
// `call` holds everything inside the calls, its compute included (no `compute`
// entry: it cannot be split from outside, so it is not reported).
export function outsidePhases(js) {
  return { copy_in: js.copy_in, call: js.call, serialize: js.serialize, copy_out: js.copy_out };
}
