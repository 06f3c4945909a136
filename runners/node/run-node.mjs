#!/usr/bin/env node
// Runs workload suites in Node through the shared driver and writes results.
//
//   node runners/node/run-node.mjs [--suite vector] [--suite ...] [--profile quick|full]
//        [--out results/node.json] [--filter REGEX] [--variants single,batch]
//        [--workloads DIR]... [--build-dir build/wasm]
//        [--inject NAME]   a deliberate regression from the adapters (gate tests only)
//        [--watchdog-s S]  the longest one operation may take (default 300)
//   node runners/node/run-node.mjs --help
//
// A suite is a workload's name or folder (workload-registry.mjs); without --suite,
// every listed workload. --workloads (or TOLLGATE_WORKLOAD_DIRS) adds folders
// from outside the tree.
//
// The driver runs in a worker thread watched from here (supervisor.mjs): an
// operation that hangs, even inside a synchronous wasm call, is recorded as a
// failure of its benchmark and the suite goes on.
//
// Exit status: 0 all measured, 1 some cases failed (named in the file), 2 the run
// itself failed (also recorded in the file when it got that far).

import './register-tollgate.mjs';  // first: adapters outside the tree import 'tollgate'
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_WATCHDOG_MS } from '../driver/watchdog.mjs';
import { ResultsWriter, machineContext } from './results-writer.mjs';
import { parseCommandLine } from './command-line.mjs';
import { keepingLoopAlive } from './keep-alive.mjs';
import { CaseProgress, plannedCases } from './progress.mjs';
import { runSupervised } from './supervisor.mjs';
import { WorkloadRegistry, searchDirsFromEnv } from './workload-registry.mjs';

export { nodeHost } from './node-host.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const RUN_OPTIONS = {
  suite: { value: 'NAME', help: 'a workload (vector) or its folder; every listed workload when absent', multiple: true },
  workloads: { value: 'DIR', help: 'a folder of workloads from outside the tree (also TOLLGATE_WORKLOAD_DIRS)', multiple: true },
  profile: { value: 'NAME', help: "the suite's profile", default: 'quick' },
  filter: { value: 'REGEX', help: 'only benchmarks whose name matches' },
  variants: { value: 'LIST', help: 'only these adapters (comma-separated)' },
  inject: { value: 'LIST', help: 'deliberate regressions from the adapters (gate tests only)' },
  'build-dir': { value: 'DIR', help: "the wasm build (default: the checkout's build/wasm)" },
  'watchdog-s': { value: 'S', help: `the longest one operation may take (default ${DEFAULT_WATCHDOG_MS / 1000})` },
};

// The watchdog's limit in milliseconds, from --watchdog-s.
export function watchdogOption(values) {
  if (values['watchdog-s'] === undefined) return DEFAULT_WATCHDOG_MS;
  const seconds = Number(values['watchdog-s']);
  if (!(seconds > 0)) throw new Error(`--watchdog-s takes a positive number of seconds; got '${values['watchdog-s']}'`);
  return seconds * 1000;
}

export function buildDirOption(values) {
  return values['build-dir'] ? path.resolve(values['build-dir']) : path.join(root, 'build/wasm');
}

async function main() {
  const values = parseCommandLine({
    command: 'run-node.mjs',
    summary: 'Runs workload suites in Node through the shared driver and writes a results file.',
    options: { ...RUN_OPTIONS, out: { value: 'FILE', help: 'the results file', default: 'results/node.json' } },
    details: 'The driver runs in a worker thread watched from here: an operation that hangs, even in a synchronous '
      + 'wasm call, fails its benchmark and the suite goes on. '
      + 'Exit status: 0 all measured, 1 some cases failed (named in the file), 2 the run itself failed.',
  });
  const writer = new ResultsWriter(values.out, machineContext({
    runtime: 'node', runtimeVersion: `Node ${process.versions.node} (V8 ${process.versions.v8})`, profile: values.profile,
  }));
  const buildDir = buildDirOption(values);
  const variants = values.variants?.split(',');
  let suites = values.suite ?? [];
  try {
    const watchdogMs = watchdogOption(values);
    const searchDirs = [...searchDirsFromEnv(), ...(values.workloads ?? [])];
    const selected = new WorkloadRegistry({ buildDir, searchDirs }).select(suites);
    suites = selected.map((w) => w.name);
    // The driver runs in a watched worker thread (supervisor.mjs): rows, failures
    // and progress come back here as they happen.
    const progress = new CaseProgress('node', plannedCases(selected.map((w) => w.suite), { ...values, variants }));
    const sink = {
      mergeContext: (context) => writer.mergeContext(context),
      begin: (names) => { progress.begin(names); writer.begin(names); },
      addRow: (row) => { writer.addRow(row); progress.row(row); },
      addFailure: (failure) => { writer.addFailure(failure); progress.failure(failure); },
      get inProgress() { return writer.inProgress; },
    };
    const inject = values.inject ? values.inject.split(',') : [];
    const { injected } = await runSupervised({
      task: { mode: 'suites', suites, searchDirs, options: { profile: values.profile, filter: values.filter, variants, inject } },
      buildDir, writer: sink, watchdogMs,
    });
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

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await keepingLoopAlive(main);
}
