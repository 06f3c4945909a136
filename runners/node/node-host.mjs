// The driver's host in Node: the clock, CPU time and memory of this process,
// files from the checkout and the build, workloads from the registry, and rows
// handed to a writer (a ResultsWriter, or the worker's messages to its supervisor).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { wasmFileStats } from './results-writer.mjs';
import { dataFolder } from './data-folder.mjs';
import { WorkloadRegistry } from './workload-registry.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// V8's gc(), for the driver to start each timed sample on a collected heap:
// exposed on request (a flag every isolate made afterwards sees), then taken
// from a fresh context so this one needs no --expose-gc on the command line.
function exposedGc() {
  if (typeof globalThis.gc === 'function') return () => globalThis.gc();
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

// `registry`: where workloads are found (the build's manifest and more folders).
export function nodeHost({ writer, buildDir, registry = null }) {
  return {
    runtime: 'node',
    now: () => performance.now(),
    collectGarbage: exposedGc(),
    jsHeapBytes: () => v8.getHeapStatistics().used_heap_size,
    cpuNs: () => {
      const u = process.cpuUsage();
      return (u.user + u.system) * 1000;
    },
    memory: () => {
      const m = process.memoryUsage();
      return { rss_bytes: m.rss, js_heap_used_bytes: m.heapUsed, external_bytes: m.external, array_buffers_bytes: m.arrayBuffers };
    },
    loadJson: async (relative) => JSON.parse(fs.readFileSync(path.join(root, relative), 'utf8')),
    workload: async (name) => {
      const w = (registry ?? new WorkloadRegistry({ buildDir })).get(name);
      return {
        suite: JSON.parse(fs.readFileSync(w.suite, 'utf8')),
        suiteFile: w.suite,
        adapters: await import(pathToFileURL(w.adapters).href),
        adaptersFile: w.adapters,
      };
    },
    // `counting`: the module's counting build (same glue), or null without one.
    compileModule: async (name, { counting = false } = {}) => {
      const wasmFile = path.join(buildDir, 'modules', `${name}${counting ? '.counting' : ''}.wasm`);
      const glueFile = path.join(buildDir, 'modules', `${name}.mjs`);
      if (counting && !fs.existsSync(wasmFile)) return null;
      if (!fs.existsSync(wasmFile)) throw new Error(`${wasmFile} not found: build the wasm target first (scripts/build.sh)`);
      const bytes = fs.readFileSync(wasmFile);
      const t0 = performance.now();
      const module = await WebAssembly.compile(bytes);
      const compileMs = performance.now() - t0;
      const { default: createModule } = await import(pathToFileURL(glueFile).href);
      if (!counting) writer?.mergeContext({ wasm: { [name]: wasmFileStats(wasmFile) } });
      return { name, module, createModule, compileMs };
    },
    // Files workloads read by range, generated into the build tree at run time.
    data: dataFolder(path.join(buildDir, 'data')),
    addContext: (context) => writer?.mergeContext(context),
    beginCase: (names) => writer.begin(names),
    emitRow: (row) => writer.addRow(row),
    emitFailure: (failure) => writer.addFailure(failure),
  };
}
