// Runs the driver in a worker thread and watches it, so that a synchronous call
// that never returns (a wasm loop: nothing in its own thread can interrupt it)
// becomes a failure naming its case, variant and stage, and the suite goes on.
//
// The worker announces each operation before it starts (the driver's
// host.progress) into a SharedArrayBuffer: a sequence number and the operation as
// JSON. Writing there costs nothing measurable and needs no event loop, so it is
// seen here even when the worker never returns. When the sequence stands still
// longer than the watchdog allows, the worker is terminated (V8 interrupts wasm
// and JS loops alike), the operation's benchmarks are recorded as failed, and a
// fresh worker runs the rest of the suite, skipping what already has a row or a
// failure. Rows are written by the parent as they arrive: nothing is lost.
//
// An operation that returns a promise which never settles is caught earlier, in
// the worker, by the driver's own watchdog (runners/driver/watchdog.mjs): the
// limit here leaves it room to do so.

import { Worker } from 'node:worker_threads';

const PROGRESS_BYTES = 64 * 1024;

// How long the worker may show no progress: the driver's own limit first.
export function hangLimitMs(watchdogMs) {
  return watchdogMs + Math.min(30_000, Math.max(1000, watchdogMs / 10));
}

// `task`: { mode: 'suites', suites, searchDirs, options } runs suites (workloads
// found as the registry finds them); { mode: 'prepareData', ... } only writes
// their data files (the browser runner's Node side: a hang there fails every
// benchmark that needed them, and is not retried). `writer`: a ResultsWriter.
// Returns { finished: names with a row or a failure, injected: injections some
// workload applied }; throws when the run itself fails (as runSuite would).
export async function runSupervised({ task, buildDir, writer, watchdogMs, pollMs = 100 }) {
  const finished = new Set();
  const injected = new Set();
  const done = () => ({ finished, injected });
  const track = {
    injected: (names) => names.forEach((name) => injected.add(name)),
    begin: (names) => writer.begin(names),
    row: (row) => { writer.addRow(row); finished.add(row.name); },
    failure: (failure) => { writer.addFailure(failure); finished.add(failure.name); },
    context: (context) => writer.mergeContext(context),
  };
  for (let attempt = 0; ; attempt++) {
    const outcome = await runWorker({ task, buildDir, skip: [...finished], watchdogMs, pollMs, track });
    if (outcome.kind === 'done') return done();
    if (outcome.kind === 'error') throw outcome.error;
    const { info, stalledMs } = outcome;
    const names = (info?.names ?? []).filter((name) => !finished.has(name));
    if (names.length === 0) {
      throw new Error(`the driver's worker stopped responding for ${Math.round(stalledMs / 1000)} s `
        + `${info ? `after ${info.hook} (${info.stage})` : 'before running anything'}; it was stopped`);
    }
    const message = `${info.hook} did not return within ${watchdogMs / 1000} s (watchdog: a synchronous call `
      + 'that never returned; the worker running it was stopped and the suite went on in a new one)';
    for (const name of names) track.failure({ name, stage: info.stage, message });
    if (task.mode === 'prepareData') return done();
  }
}

function runWorker({ task, buildDir, skip, watchdogMs, pollMs, track }) {
  const shared = new SharedArrayBuffer(8 + PROGRESS_BYTES);
  const header = new Int32Array(shared, 0, 2);
  const worker = new Worker(new URL('./suite-worker.mjs', import.meta.url), {
    workerData: { task, buildDir, skip, watchdogMs, shared },
  });
  return new Promise((resolve) => {
    let settled = false;
    let lastSeq = -1;
    let lastChange = performance.now();
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      resolve(outcome);
    };
    const timer = setInterval(() => {
      const seq = Atomics.load(header, 0);
      const now = performance.now();
      if (seq !== lastSeq) {
        lastSeq = seq;
        lastChange = now;
        return;
      }
      if (now - lastChange <= hangLimitMs(watchdogMs)) return;
      const info = readProgress(shared, header);
      settled = true;  // what the terminated worker still says is not awaited
      clearInterval(timer);
      worker.terminate().finally(() => resolve({ kind: 'hung', info, stalledMs: now - lastChange }));
    }, pollMs);
    worker.on('message', (message) => {
      if (message.type === 'done') finish({ kind: 'done' });
      else track[message.type](message.value);
    });
    worker.on('error', (error) => finish({ kind: 'error', error }));
    worker.on('exit', (code) => finish(code === 0 ? { kind: 'done' } : { kind: 'error', error: new Error(`the driver's worker exited with status ${code}`) }));
  });
}

function readProgress(shared, header) {
  const length = Atomics.load(header, 1);
  if (length === 0) return null;
  try {
    // A copy: TextDecoder refuses views of shared memory.
    return JSON.parse(new TextDecoder().decode(new Uint8Array(shared, 8, length).slice()));
  } catch {
    return null;
  }
}
