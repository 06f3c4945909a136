// The per-operation watchdog. Every hook and variant the driver calls is one
// operation; a hang becomes a failure naming that case, variant and stage.
//
// Two kinds of hang, two mechanisms:
//   - an operation that returns a promise which never settles (a range fetch to a
//     server that went silent, an async prepare): raced here against a timer, in
//     Node and in the page alike. The instance may still be busy with it, so the
//     error is fatal to the instance (it is replaced, as after a trap).
//   - a synchronous call that never returns (a wasm loop): nothing in its own
//     thread can interrupt it. The driver reports each operation as it starts
//     (host.progress); the host's supervisor, in another thread or process, sees
//     it last too long, stops the thread (a Node worker, the Chromium page),
//     records the failure, and runs the rest of the suite on a fresh one. Rows
//     already recorded are kept (runners/node/supervisor.mjs, run-browser.mjs).

export const DEFAULT_WATCHDOG_MS = 300_000;

export class WatchdogError extends Error {
  constructor(what, ms) {
    super(`${what} did not finish within ${ms / 1000} s (watchdog)`);
    this.name = 'WatchdogError';
    this.fatal = true;  // the instance may still be working on it
  }
}

// `result` as is when it is not a promise; else a promise that rejects with a
// WatchdogError if `result` has not settled within `ms`.
export function guard(result, ms, what) {
  if (!result || typeof result.then !== 'function' || !(ms > 0) || !Number.isFinite(ms)) return result;
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new WatchdogError(what, ms)), ms);
  });
  return Promise.race([result, expired]).finally(() => clearTimeout(timer));
}
