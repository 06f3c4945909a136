#!/usr/bin/env node
// Profiles workload variants in Node: the driver's profiling pass with V8's sampling
// profiler (the in-process inspector, so only the operation loop is sampled).
//
//   node runners/node/profile-node.mjs --suite vector [--filter REGEX] [--variants a,b]
//        [--seconds 2] [--out-dir profiles]
//
// Exit status: 0 profiled, 2 failed (the message says why).

import './register-tollgate.mjs';  // first: adapters outside the tree import 'tollgate'
import inspector from 'node:inspector';
import { pathToFileURL } from 'node:url';
import { profileSuite } from '../driver/profile.mjs';
import { writeProfileArtifact } from './profile-writer.mjs';
import { buildDirOption, nodeHost } from './run-node.mjs';
import { parseCommandLine } from './command-line.mjs';
import { keepingLoopAlive } from './keep-alive.mjs';
import { WorkloadRegistry, searchDirsFromEnv } from './workload-registry.mjs';

function inspectorProfiler(intervalUs) {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params = {}) => new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  return {
    start: async () => {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: intervalUs });
      await post('Profiler.start');
    },
    stop: async () => (await post('Profiler.stop')).profile,
  };
}

export const PROFILE_OPTIONS = {
  suite: { value: 'NAME', help: 'a workload (vector) or its folder', default: 'vector' },
  workloads: { value: 'DIR', help: 'a folder of workloads from outside the tree (also TOLLGATE_WORKLOAD_DIRS)', multiple: true },
  filter: { value: 'REGEX', help: 'only benchmarks whose name matches' },
  variants: { value: 'LIST', help: 'only these adapters (comma-separated)' },
  seconds: { value: 'SECONDS', help: 'how long each variant is profiled', default: '2' },
  'out-dir': { value: 'DIR', help: 'where the profiles go (one folder per case)', default: 'profiles' },
  'build-dir': { value: 'DIR', help: "the wasm build (default: the checkout's build/wasm)" },
};

// --seconds as a number, or a usage error.
export function profileSeconds(values, command) {
  const seconds = Number(values.seconds);
  if (!(seconds > 0)) {
    console.error(`${command}: --seconds takes a positive number; got '${values.seconds}' (see ${command} --help)`);
    process.exit(2);
  }
  return seconds;
}

async function main() {
  const values = parseCommandLine({
    command: 'profile-node.mjs',
    summary: "Profiles workload variants in Node: the driver's profiling pass with V8's sampling profiler.",
    options: PROFILE_OPTIONS,
    details: 'Exit status: 0 profiled, 2 failed (the message says why).',
  });
  const seconds = profileSeconds(values, 'profile-node.mjs');
  const profiler = inspectorProfiler(100);
  const buildDir = buildDirOption(values);
  let registry;
  try {
    registry = new WorkloadRegistry({ buildDir, searchDirs: [...searchDirsFromEnv(), ...(values.workloads ?? [])] });
  } catch (error) {
    console.error(`profile-node: ${error.message}`);
    return 2;
  }
  const host = {
    ...nodeHost({ writer: null, buildDir, registry }),
    startCpuProfile: profiler.start,
    stopCpuProfile: profiler.stop,
    emitProfile: (artifact) => console.log(`profile-node: ${artifact.name}: ${artifact.ops} operations -> ${writeProfileArtifact(values['out-dir'], artifact)}`),
  };
  try {
    await profileSuite(host, {
      suite: values.suite, filter: values.filter, variants: values.variants?.split(','), seconds,
    });
    return 0;
  } catch (error) {
    console.error(`profile-node: ${error.message}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await keepingLoopAlive(main);
}
