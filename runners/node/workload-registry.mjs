// How the JS runners find workloads: the one place (the native side's is
// harness/src/workloads.cc). Two sources, merged:
//   - the build's workload manifest, <build>/workloads.json (tollgate-workloads/1),
//     written by CMake from every tollgate_add_workload call: Tollgate's own
//     workloads and those added from outside the tree (TOLLGATE_WORKLOAD_DIRS at
//     configure time, or a user's project that adds Tollgate as a subdirectory);
//   - workload folders named at run time (--workloads DIR, TOLLGATE_WORKLOAD_DIRS,
//     or a folder given as --suite), for workloads with nothing to build: a wasm
//     module built elsewhere, measured from outside.
// A folder is a workload when it holds suite.json; a folder of such folders holds
// several. The page in Chromium is served each workload's folder at
// /workloads/<name>/ (see mountsFor), wherever it lives.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MANIFEST_FORMAT = 'tollgate-workloads/1';

function readJson(file, what) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the ${what} (${error.code ?? error.message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${error.message}`);
  }
}

// One workload as the runners use it; `dir` is absolute.
function entry(name, dir, fields = {}) {
  return {
    name,
    dir,
    suite: path.join(dir, 'suite.json'),
    adapters: path.join(dir, 'adapters', `${name}-adapters.mjs`),
    gates: fs.existsSync(path.join(dir, 'gates.json')) ? path.join(dir, 'gates.json') : null,
    module: null,
    listed: true,
    ...fields,
  };
}

function fromManifest(file) {
  const doc = readJson(file, 'workload manifest');
  if (doc.format !== MANIFEST_FORMAT) throw new Error(`${file}: format: expected "${MANIFEST_FORMAT}"`);
  if (!Array.isArray(doc.workloads)) throw new Error(`${file}: workloads: expected an array`);
  return doc.workloads.map((w, i) => {
    for (const key of ['name', 'dir']) {
      if (typeof w[key] !== 'string') throw new Error(`${file}: workloads[${i}].${key}: expected a string`);
    }
    return entry(w.name, w.dir, { module: w.module ?? null, listed: w.listed !== false, gates: w.gates ?? null });
  });
}

// The workload folders under `dir`: itself when it holds suite.json, else its
// subfolders that do.
export function workloadFolders(dir) {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new Error(`${abs}: no such folder (a workload folder was expected)`);
  if (fs.existsSync(path.join(abs, 'suite.json'))) return [abs];
  const found = fs.readdirSync(abs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(abs, d.name, 'suite.json')))
    .map((d) => path.join(abs, d.name))
    .sort();
  if (found.length === 0) throw new Error(`${abs}: holds no workload (no suite.json in it or in its subfolders)`);
  return found;
}

// A folder named at run time: its name is its suite's "workload".
function fromFolder(dir) {
  const suite = readJson(path.join(dir, 'suite.json'), 'suite file');
  if (typeof suite.workload !== 'string' || suite.workload === '') {
    throw new Error(`${path.join(dir, 'suite.json')}: workload: expected the workload's name`);
  }
  return entry(suite.workload, dir, { module: suite.module ?? null });
}

export function searchDirsFromEnv(env = process.env) {
  return (env.TOLLGATE_WORKLOAD_DIRS ?? '').split(/[:;]/).filter(Boolean);
}

export class WorkloadRegistry {
  // `buildDir`: the wasm build (its workloads.json); `searchDirs`: more folders.
  constructor({ buildDir, searchDirs = searchDirsFromEnv() }) {
    this.buildDir = buildDir;
    this.manifest = path.join(buildDir, 'workloads.json');
    this.byName = new Map();
    if (!fs.existsSync(this.manifest)) {
      throw new Error(`${this.manifest} not found: build the wasm target first (scripts/build.sh); it lists the workloads`);
    }
    for (const w of fromManifest(this.manifest)) this.byName.set(w.name, w);
    for (const dir of searchDirs) {
      for (const folder of workloadFolders(dir)) this.add(fromFolder(folder));
    }
  }

  add(w) {
    const known = this.byName.get(w.name);
    if (known && path.resolve(known.dir) !== path.resolve(w.dir)) {
      throw new Error(`two workloads are named '${w.name}': ${known.dir} and ${w.dir}`);
    }
    if (!known) this.byName.set(w.name, w);
    return this.byName.get(w.name);
  }

  // A workload by name, or a folder by path (registered on the way).
  get(nameOrPath) {
    const w = this.byName.get(nameOrPath);
    if (w) return w;
    if (nameOrPath.includes('/') || nameOrPath.includes(path.sep)) {
      const dir = [path.resolve(nameOrPath), path.resolve(root, nameOrPath)].find((d) => fs.existsSync(path.join(d, 'suite.json')));
      if (dir) return this.add(fromFolder(dir));
    }
    throw new Error(`no workload named '${nameOrPath}' (known: ${[...this.byName.keys()].join(', ') || 'none'}; `
      + 'a folder outside the tree is added with --workloads DIR or TOLLGATE_WORKLOAD_DIRS)');
  }

  // The workloads a run covers: those named, or every listed one.
  select(names = []) {
    return names.length > 0 ? names.map((n) => this.get(n)) : [...this.byName.values()].filter((w) => w.listed);
  }

  // The server's mounts: each folder at /workloads/<name>/, those run and the
  // others (an adapter may import from another workload's folder).
  mountsFor(workloads) {
    return Object.fromEntries([...this.byName.values(), ...workloads].map((w) => [`/workloads/${w.name}/`, w.dir]));
  }
}
