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
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { profileSuite } from '../driver/profile.mjs';
import { writeProfileArtifact } from './profile-writer.mjs';
import { nodeHost } from './run-node.mjs';
import { WorkloadRegistry, searchDirsFromEnv } from './workload-registry.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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

async function main() {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string', default: 'vector' },
      filter: { type: 'string' },
      variants: { type: 'string' },
      seconds: { type: 'string', default: '2' },
      'out-dir': { type: 'string', default: path.join(root, 'profiles') },
      'build-dir': { type: 'string', default: path.join(root, 'build/wasm') },
      workloads: { type: 'string', multiple: true, default: [] },
    },
  });
  const profiler = inspectorProfiler(100);
  const buildDir = path.resolve(values['build-dir']);
  let registry;
  try {
    registry = new WorkloadRegistry({ buildDir, searchDirs: [...searchDirsFromEnv(), ...values.workloads] });
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
      suite: values.suite, filter: values.filter, variants: values.variants?.split(','), seconds: Number(values.seconds),
    });
    return 0;
  } catch (error) {
    console.error(`profile-node: ${error.message}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
