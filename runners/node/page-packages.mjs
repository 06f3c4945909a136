// npm packages a workload's adapters import (suite.json "packages": a wasm package
// measured from outside, say), made importable in the Chromium page by the same
// bare names as in Node: each package's folder is served at /node_modules/<name>/
// and the page's import map sends "<name>" and "<name>/..." there. In Node the
// adapters' imports resolve as usual, from the workload's folder.
//
// Only the packages named are mapped: a package whose own files import other bare
// names would need those named too (its dependencies are added when it lists them).

import fs from 'node:fs';
import path from 'node:path';

// The folder of package `name`, from node_modules beside `from` or above it.
export function packageDir(name, from) {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

// What `import "<name>"` means in a browser: the "." export under the browser or
// import conditions, else the module or main field.
export function browserEntry(pkg) {
  const pick = (target) => {
    if (typeof target === 'string') return target;
    if (Array.isArray(target)) return target.map(pick).find(Boolean) ?? null;
    if (target && typeof target === 'object') {
      for (const condition of ['browser', 'import', 'default']) {
        const found = target[condition] !== undefined ? pick(target[condition]) : null;
        if (found) return found;
      }
    }
    return null;
  };
  const { exports } = pkg;
  const dot = typeof exports === 'string' || Array.isArray(exports) ? exports
    : exports && (exports['.'] ?? (Object.keys(exports).every((k) => !k.startsWith('.')) ? exports : undefined));
  return (dot !== undefined ? pick(dot) : null) ?? pkg.module ?? pkg.main ?? 'index.js';
}

// The mounts and import-map entries for the packages these workloads name (and
// the dependencies those packages declare).
export function pagePackages(workloads, fallbackRoot) {
  const mounts = {};
  const imports = {};
  const visit = (name, from, who) => {
    if (imports[`${name}/`]) return;
    const dir = packageDir(name, from) ?? packageDir(name, fallbackRoot);
    if (!dir) throw new Error(`${who} names the npm package '${name}', which is not installed beside it or in ${fallbackRoot} (npm install it)`);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const url = `/node_modules/${name}/`;
    mounts[url] = dir;
    imports[`${name}/`] = url;
    imports[name] = url + browserEntry(pkg).replace(/^\.\//, '');
    for (const dependency of Object.keys(pkg.dependencies ?? {})) {
      if (!dependency.startsWith('@types/')) visit(dependency, dir, `${name}/package.json`);
    }
  };
  for (const w of workloads) {
    for (const name of JSON.parse(fs.readFileSync(w.suite, 'utf8')).packages ?? []) visit(name, w.dir, w.suite);
  }
  return { mounts, imports };
}
