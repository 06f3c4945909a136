#!/usr/bin/env node
// Runs workload suites in Node through the shared driver and writes results.
//
//   node runners/node/run-node.mjs [--suite vector] [--suite ...] [--profile quick|full]
//        [--out results/node.json] [--filter REGEX] [--variants single,batch]
//        [--workloads DIR]... [--build-dir build/wasm]
//        [--inject NAME]   a deliberate regression from the adapters (gate tests only)
//   node runners/node/run-node.mjs --help
//
// A suite is a workload's name or folder (workload-registry.mjs); without --suite,
// every listed workload. --workloads (or TOLLGATE_WORKLOAD_DIRS) adds folders
// from outside the tree.
//
// Exit status: 0 all measured, 1 some cases failed (named in the file), 2 the run
// itself failed (also recorded in the file when it got that far).

import './register-tollgate.mjs';  // first: adapters outside the tree import 'tollgate'
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { runSuite } from '../driver/driver.mjs';
import { ResultsWriter, machineContext, wasmFileStats } from './results-writer.mjs';
import { dataFolder } from './data-folder.mjs';
import { parseCommandLine } from './command-line.mjs';
import { keepingLoopAlive } from './keep-alive.mjs';
import { CaseProgress, plannedCases } from './progress.mjs';
import { WorkloadRegistry, searchDirsFromEnv } from './workload-registry.mjs';

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
    compileModule: async (name) => {
      const wasmFile = path.join(buildDir, 'modules', `${name}.wasm`);
      const glueFile = path.join(buildDir, 'modules', `${name}.mjs`);
      if (!fs.existsSync(wasmFile)) throw new Error(`${wasmFile} not found: build the wasm target first (scripts/build.sh)`);
      const bytes = fs.readFileSync(wasmFile);
      const t0 = performance.now();
      const module = await WebAssembly.compile(bytes);
      const compileMs = performance.now() - t0;
      const { default: createModule } = await import(pathToFileURL(glueFile).href);
      writer?.mergeContext({ wasm: { [name]: wasmFileStats(wasmFile) } });
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

export const RUN_OPTIONS = {
  suite: { value: 'NAME', help: 'a workload (vector) or its folder; every listed workload when absent', multiple: true },
  workloads: { value: 'DIR', help: 'a folder of workloads from outside the tree (also TOLLGATE_WORKLOAD_DIRS)', multiple: true },
  profile: { value: 'NAME', help: "the suite's profile", default: 'quick' },
  filter: { value: 'REGEX', help: 'only benchmarks whose name matches' },
  variants: { value: 'LIST', help: 'only these adapters (comma-separated)' },
  inject: { value: 'LIST', help: 'deliberate regressions from the adapters (gate tests only)' },
  'build-dir': { value: 'DIR', help: "the wasm build (default: the checkout's build/wasm)" },
};

export function buildDirOption(values) {
  return values['build-dir'] ? path.resolve(values['build-dir']) : path.join(root, 'build/wasm');
}

async function main() {
  const values = parseCommandLine({
    command: 'run-node.mjs',
    summary: 'Runs workload suites in Node through the shared driver and writes a results file.',
    options: { ...RUN_OPTIONS, out: { value: 'FILE', help: 'the results file', default: 'results/node.json' } },
    details: 'Exit status: 0 all measured, 1 some cases failed (named in the file), 2 the run itself failed.',
  });
  const writer = new ResultsWriter(values.out, machineContext({
    runtime: 'node', runtimeVersion: `Node ${process.versions.node} (V8 ${process.versions.v8})`, profile: values.profile,
  }));
  const buildDir = buildDirOption(values);
  const variants = values.variants?.split(',');
  let suites = values.suite ?? [];
  try {
    const registry = new WorkloadRegistry({ buildDir, searchDirs: [...searchDirsFromEnv(), ...(values.workloads ?? [])] });
    const selected = registry.select(suites);
    suites = selected.map((w) => w.name);
    const host = nodeHost({ writer, buildDir, registry });
    const progress = new CaseProgress('node', plannedCases(selected.map((w) => w.suite), { ...values, variants }));
    Object.assign(host, withProgress(host, progress));
    const inject = values.inject ? values.inject.split(',') : [];
    const injected = new Set();
    for (const suite of suites) {
      const run = await runSuite(host, {
        suite, profile: values.profile, filter: values.filter, variants, inject,
      });
      run.injected.forEach((name) => injected.add(name));
    }
    const unknown = inject.filter((name) => !injected.has(name));
    if (unknown.length > 0) throw new Error(`no workload run (${suites.join(', ')}) has an injection '${unknown.join("', '")}'`);
  } catch (error) {
    writer.abandon('runner', String(error?.message ?? error));
    if (writer.failures.length === 0) writer.addFailure({ name: suites.join(',') || 'run-node', stage: 'runner', message: String(error?.message ?? error) });
    console.error(`run-node: ${error?.message ?? error}`);
    return 2;
  }
  console.log(`run-node: ${writer.rows.length} rows, ${writer.failures.length} failures -> ${values.out}`);
  return writer.failures.length === 0 ? 0 : 1;
}

// The host's case, row and failure callbacks, also reported to `progress`.
export function withProgress(host, progress) {
  const { beginCase, emitRow, emitFailure } = host;  // the originals, before they are replaced
  return {
    beginCase: (names) => { progress.begin(names); return beginCase(names); },
    emitRow: (row) => { const r = emitRow(row); progress.row(row); return r; },
    emitFailure: (failure) => { const r = emitFailure(failure); progress.failure(failure); return r; },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await keepingLoopAlive(main);
}
