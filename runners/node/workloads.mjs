#!/usr/bin/env node
// The registered workloads, for scripts (workload-registry.mjs does the finding):
//
//   node runners/node/workloads.mjs list [--all]        one name a line (--all: internal ones too)
//   node runners/node/workloads.mjs get NAME FIELD      dir, suite, adapters, module, gates, or
//                                                       a field of its suite.json (naive, ...)
// Options: --build-dir build/wasm, --workloads DIR (also TOLLGATE_WORKLOAD_DIRS).
// Exit status: 0, or 2 with the reason on stderr.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { WorkloadRegistry, root, searchDirsFromEnv } from './workload-registry.mjs';

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      'build-dir': { type: 'string', default: path.join(root, 'build/wasm') },
      workloads: { type: 'string', multiple: true, default: [] },
    },
  });
  const registry = new WorkloadRegistry({
    buildDir: path.resolve(values['build-dir']), searchDirs: [...searchDirsFromEnv(), ...values.workloads],
  });
  const [command, name, field] = positionals;
  if (command === 'list') {
    for (const w of registry.byName.values()) if (values.all || w.listed) console.log(w.name);
    return 0;
  }
  if (command === 'get' && name && field) {
    const w = registry.get(name);
    const value = field in w ? w[field] : JSON.parse(fs.readFileSync(w.suite, 'utf8'))[field];
    if (value === undefined || value === null) throw new Error(`workload '${w.name}' has no ${field}`);
    console.log(typeof value === 'string' ? value : JSON.stringify(value));
    return 0;
  }
  throw new Error('usage: workloads.mjs list [--all] | get NAME FIELD');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(`workloads: ${error.message}`);
    process.exitCode = 2;
  }
}
