// The driver's host inside a Chromium page: the same driver module as in Node,
// with the page's clock and fetch, and rows handed to the Playwright side
// through exposed functions as they are measured (so a crash loses none).

import { runSuite } from '../../driver/driver.mjs';
import { profileSuite } from '../../driver/profile.mjs';
import { HttpRangeSource } from '../../driver/range-source.mjs';

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${response.statusText}`);
  return response;
}

function pageHost() {
  // Alive, at least once a second while working and at every change of pass:
  // a longer silence tells the runner the page is stuck in a call that never
  // returns (run-browser.mjs), and the last message says where.
  let lastProgress = -Infinity;
  let lastStage = null;
  return {
    progress: (info) => {
      const now = performance.now();
      if (now - lastProgress < 1000 && info.stage === lastStage) return;
      lastProgress = now;
      lastStage = info.stage;
      window.tollgateProgress?.(info)?.catch?.(() => {});
    },
    runtime: 'chromium',
    now: () => performance.now(),
    // gc() exists when the runner launched Chromium with --js-flags=--expose-gc.
    collectGarbage: typeof globalThis.gc === 'function' ? () => globalThis.gc() : undefined,
    // Exact with --enable-precise-memory-info (the runner's flags), else bucketed.
    jsHeapBytes: performance.memory ? () => performance.memory.usedJSHeapSize : undefined,
    // No CPU clock in a page; performance.memory is Chromium's JS heap only
    // (linear memory is reported separately, from the module itself); the
    // renderer's RSS comes from the runner, which can read /proc.
    memory: async () => ({
      ...(performance.memory ? { js_heap_used_bytes: performance.memory.usedJSHeapSize } : {}),
      ...(await window.tollgateProcessMemory?.() ?? {}),
    }),
    loadJson: async (relative) => (await fetchOk(`/${relative}`)).json(),
    // The runner's server mounts each workload's folder at /workloads/<name>/.
    workload: async (name) => {
      const suiteFile = `/workloads/${name}/suite.json`;
      const adaptersFile = `/workloads/${name}/adapters/${name}-adapters.mjs`;
      return { suite: await (await fetchOk(suiteFile)).json(), suiteFile, adapters: await import(adaptersFile), adaptersFile };
    },
    // `counting`: the module's counting build (same glue), or null without one.
    compileModule: async (name, { counting = false } = {}) => {
      const url = `/build/wasm/modules/${name}${counting ? '.counting' : ''}.wasm`;
      if (counting && !(await fetch(url, { method: 'HEAD' })).ok) return null;
      const t0 = performance.now();
      const module = await WebAssembly.compileStreaming(fetchOk(url));
      const compileMs = performance.now() - t0;
      const { default: createModule } = await import(`/build/wasm/modules/${name}.mjs`);
      return { name, module, createModule, compileMs };
    },
    // Data files are read with HTTP Range requests from the runner's server,
    // which serves the build's data folder (written by the runner beforehand).
    data: { open: (name) => HttpRangeSource.open(`/data/${name}`) },
    addContext: (context) => window.tollgateContext(context),
    beginCase: (names) => window.tollgateBegin(names),
    emitRow: (row) => window.tollgateRow(row),
    emitFailure: (failure) => window.tollgateFailure(failure),
  };
}

window.tollgateRun = async (options) => {
  const { injected } = await runSuite(pageHost(), options);
  return { injected, crossOriginIsolated: self.crossOriginIsolated };
};
// The profiling pass: the CPU profiler is the DevTools protocol's, run by the
// Playwright side, which also keeps the profile (it never crosses back here).
window.tollgateProfile = async (options) => {
  await profileSuite({
    ...pageHost(),
    startCpuProfile: () => window.tollgateCpuProfileStart(),
    stopCpuProfile: async () => {
      await window.tollgateCpuProfileStop();
      return null;
    },
    emitProfile: (artifact) => window.tollgateProfileArtifact(artifact),
  }, options);
};
window.tollgateReady = true;
