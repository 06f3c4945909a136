// The driver's thread under runners/node/supervisor.mjs: runs the suites (or only
// writes their data files) with the Node host, hands every row, failure and
// context to the parent as it comes, and announces each operation in shared
// memory before starting it.

import './register-tollgate.mjs';  // first: adapters outside the tree import 'tollgate'
import { parentPort, workerData } from 'node:worker_threads';
import { prepareSuiteData, runSuite } from '../driver/driver.mjs';
import { keepingLoopAlive } from './keep-alive.mjs';
import { nodeHost } from './node-host.mjs';
import { WorkloadRegistry } from './workload-registry.mjs';

const { task, buildDir, skip, watchdogMs, shared } = workerData;
const header = new Int32Array(shared, 0, 2);
const progressBytes = new Uint8Array(shared, 8);
const encoder = new TextEncoder();
const post = (type) => (value) => parentPort.postMessage({ type, value });

const host = nodeHost({
  writer: { mergeContext: post('context'), begin: post('begin'), addRow: post('row'), addFailure: post('failure') },
  buildDir,
  registry: new WorkloadRegistry({ buildDir, searchDirs: task.searchDirs ?? [] }),
});
host.progress = (info) => {
  const { written } = encoder.encodeInto(JSON.stringify(info), progressBytes);
  Atomics.store(header, 1, written);
  Atomics.add(header, 0, 1);
};

// Nothing else holds this thread's event loop while a module compiles
// (keep-alive.mjs says why that matters).
await keepingLoopAlive(async () => {
  for (const suite of task.suites) {
    if (task.mode === 'prepareData') {
      await prepareSuiteData(host, { suite, ...task.options, watchdogMs });
    } else {
      const run = await runSuite(host, { suite, ...task.options, watchdogMs, skip });
      post('injected')(run.injected);
    }
  }
});
parentPort.postMessage({ type: 'done' });
