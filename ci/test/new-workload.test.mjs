// A workload is one folder, in the tree or outside it:
//   - workloads/example copied to a new name in a scratch copy of the tree, with
//     the README's recipe (workloads/example/README.md) and no edit outside the new
//     folder;
//   - another copy in a temporary folder outside the repository, added with
//     TOLLGATE_WORKLOAD_DIRS;
// both are built, run in native, Node and Chromium, gated and reported, and their
// rows, with no baseline yet, are new, never failures.
//
// One focused build serves both (TOLLGATE_ONLY_WORKLOADS, no tests): the native
// runner and the two modules, not the whole tree. Each step's seconds are printed
// (`node --test` diagnostics) so CI's cost stays in sight.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { root, tollgateCli, validateFile } from '../../runners/test-support.mjs';

const NAME = 'mylib';
const OUTSIDE = 'outside';
// Inside build/ (ignored by git): under the compiler cache's base directory, so a
// warm cache serves the scratch build as it serves the tree's.
const scratch = path.join(root, 'build', 'scratch-new-workload');

function sh(command, args, { cwd = scratch, env = {} } = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `${command} ${args.join(' ')} (in ${cwd})\n${r.stdout?.slice(-3000)}\n${r.stderr?.slice(-3000)}`);
  return r.stdout;
}

// The tree as it stands (tracked files and new ones git does not ignore).
function copyTree() {
  fs.rmSync(scratch, { recursive: true, force: true });
  const files = sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(root, file))) continue;  // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(scratch, file));
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'));
}

// Every file outside the new folder, by content.
function fingerprint() {
  const out = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(scratch, full);
      if (rel === 'node_modules' || rel === 'build' || rel === `workloads/${NAME}`) continue;
      if (entry.isDirectory()) walk(full);
      else out.set(rel, crypto.createHash('sha1').update(fs.readFileSync(full)).digest('hex'));
    }
  };
  walk(scratch);
  return out;
}

function compilerCache() {
  if (process.env.CMAKE_CXX_COMPILER_LAUNCHER || spawnSync('ccache', ['--version']).status !== 0) return {};
  return { CMAKE_CXX_COMPILER_LAUNCHER: 'ccache', CMAKE_C_COMPILER_LAUNCHER: 'ccache', CCACHE_BASEDIR: root, CCACHE_NOHASHDIR: '1' };
}

// The recipe's file commands, verbatim from the template's README; its build and
// run lines are replaced by the focused build and the runs below.
function recipe(name = NAME) {
  const readme = fs.readFileSync(path.join(root, 'workloads/example/README.md'), 'utf8');
  const block = /## Make it yours[\s\S]*?```bash\n([\s\S]*?)```/.exec(readme)[1];
  const lines = block.split('\n').filter((l) => /^(cp|mv|sed) /.test(l));
  assert.equal(lines.length, 3, `the README's recipe changed: ${block}`);
  return lines.join('\n').replaceAll('mylib', name);
}

test('copies of workloads/example, one in the tree and one outside it, build, run everywhere, are gated as new and reported', async (t) => {
  const seconds = {};
  const timed = (step, body) => {
    const t0 = performance.now();
    const result = body();
    seconds[step] = (performance.now() - t0) / 1000;
    return result;
  };
  timed('copy', copyTree);
  const before = fingerprint();
  timed('recipe', () => sh('bash', ['-euo', 'pipefail', '-c', recipe()]));
  assert.deepEqual(fingerprint(), before, 'the recipe touched files outside the new folder');
  // The same recipe into a folder of workloads outside the repository.
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-elsewhere-'));
  fs.mkdirSync(path.join(elsewhere, 'workloads'));
  fs.cpSync(path.join(root, 'workloads/example'), path.join(elsewhere, 'workloads/example'), { recursive: true });
  sh('bash', ['-euo', 'pipefail', '-c', recipe(OUTSIDE)], { cwd: elsewhere });
  fs.rmSync(path.join(elsewhere, 'workloads/example'), { recursive: true });

  const focused = [`-DTOLLGATE_ONLY_WORKLOADS=${NAME}`, '-DTOLLGATE_BUILD_TESTS=OFF',
    `-DTOLLGATE_WORKLOAD_DIRS=${path.join(elsewhere, 'workloads')}`];
  // With ccache installed, the scratch build caches under the tree's root: its
  // sources sit at the same relative paths as the tree's, so a run after the
  // first (or after a tree built the same way) compiles almost nothing.
  const env = { NODE_PATH: '/usr/share/nodejs', ...compilerCache() };
  timed('build native', () => {
    sh('cmake', ['--preset', 'native', ...focused], { env });
    sh('cmake', ['--build', '--preset', 'native', '--target', 'tollgate_native', '-j', '2'], { env });
  });
  timed('build wasm', () => {
    sh('cmake', ['--preset', 'wasm', ...focused], { env });
    sh('cmake', ['--build', '--preset', 'wasm', '--target', `tollgate_${NAME}_module`, `tollgate_${OUTSIDE}_module`, '-j', '2'], { env });
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(scratch, 'build/wasm/workloads.json'), 'utf8'));
  assert.deepEqual(manifest.workloads.map((w) => [w.name, w.dir]),
    [[NAME, path.join(scratch, 'workloads', NAME)], [OUTSIDE, path.join(elsewhere, 'workloads', OUTSIDE)]]);

  const out = path.join(scratch, 'results');
  fs.mkdirSync(out, { recursive: true });
  const files = ['native', 'node', 'chromium'].map((r) => path.join(out, `${r}.json`));
  // No --suite: every registered workload, the one outside the tree included.
  timed('run native', () => sh(path.join(scratch, 'build/native/bin/tollgate_native'), ['--profile=quick', `--out=${files[0]}`, '--benchmark_color=false']));
  timed('run node', () => sh('node', ['runners/node/run-node.mjs', '--out', files[1]]));
  timed('run chromium', () => sh('node', ['runners/browser/run-browser.mjs', '--out', files[2]]));
  const rows = files.flatMap((file) => {
    assert.deepEqual(validateFile(file), [], file);
    return JSON.parse(fs.readFileSync(file, 'utf8')).benchmarks;
  });
  for (const name of [NAME, OUTSIDE]) {
    const own = rows.filter((r) => r.workload === name);
    assert.deepEqual(own.map((r) => `${r.runtime}/${r.variant}`),
      ['native/kernel', 'node/per_item', 'node/batch', 'chromium/per_item', 'chromium/batch'], name);
    assert.ok(own.every((r) => r.name.startsWith(`${name}.hash/`)));
  }
  assert.equal(rows.length, 10);
  assert.equal(new Set(rows.map((r) => r.result_digest)).size, 1, 'the runtimes disagree');

  // The project's gates with the scratch build's manifest: the new folder's own
  // gates.json is merged in; no baseline has its rows, so they are new.
  const gates = path.join(out, 'gates');
  const gate = timed('gate', () => sh(tollgateCli, ['gate', '--config', 'ci/gates.json', '--baselines', path.join(root, 'ci/baselines'),
    '--manifest', path.join(scratch, 'build/native/workloads.json'), '--out-dir', gates, '--final', ...files]));
  const verdict = JSON.parse(fs.readFileSync(path.join(gates, 'gate-verdict.json'), 'utf8'));
  assert.notEqual(verdict.verdict, 'fail', gate);
  assert.equal(verdict.counts.fail, 0, gate);
  for (const name of [NAME, OUTSIDE]) {
    assert.ok(verdict.gates.some((g) => g.id === `${name}/batch-vs-per-item`), `${name}'s gates.json was not merged`);
  }
  const timing = verdict.gates.filter((g) => g.id === 'time-vs-baseline');
  assert.equal(timing.length, rows.length);
  for (const g of timing) assert.match(g.note, /new case: no baseline row/, JSON.stringify(g));

  const report = path.join(out, 'report.html');
  timed('report', () => sh(tollgateCli, ['report', '--out', report, '--gates', path.join(gates, 'gate-verdict.json'),
    '--baselines', path.join(root, 'ci/baselines'), ...files]));
  const html = fs.readFileSync(report, 'utf8');
  for (const name of [NAME, OUTSIDE]) {
    for (const variant of ['kernel', 'per_item', 'batch']) assert.ok(html.includes(`${name}.hash/${variant}`), `${name} ${variant} is not in the report`);
  }

  const total = Object.values(seconds).reduce((a, b) => a + b, 0);
  t.diagnostic(`seconds: ${Object.entries(seconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}; total ${total.toFixed(1)}`);
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.rmSync(elsewhere, { recursive: true, force: true });
});

// A project of its own that adds Tollgate as a subdirectory, then its own
// workload folder: Tollgate's workloads stay out, the folder registers with the
// project's build and compiles with Tollgate's flags and headers.
test('a user\'s CMake project adds Tollgate and registers its own workload folder', () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-project-'));
  fs.cpSync(path.join(root, 'workloads/example'), path.join(project, 'bench'), { recursive: true });
  fs.renameSync(path.join(project, 'bench/adapters/example-adapters.mjs'), path.join(project, 'bench/adapters/mylib-adapters.mjs'));
  const suiteFile = path.join(project, 'bench/suite.json');
  fs.writeFileSync(suiteFile, fs.readFileSync(suiteFile, 'utf8').replaceAll('"example"', '"mylib"'));
  fs.writeFileSync(path.join(project, 'CMakeLists.txt'), [
    'cmake_minimum_required(VERSION 3.20)',
    'project(mylib_bench CXX)',
    `add_subdirectory(${root} tollgate)`,
    'add_subdirectory(bench)',
    '',
  ].join('\n'));
  const build = path.join(project, 'build');
  sh('cmake', ['-S', project, '-B', build, '-DCMAKE_BUILD_TYPE=Release', '-DTOLLGATE_BUILD_TESTS=OFF'], { cwd: project });
  const manifest = JSON.parse(fs.readFileSync(path.join(build, 'workloads.json'), 'utf8'));
  assert.deepEqual(manifest.workloads.map((w) => [w.name, w.dir, w.native_cases]), [['mylib', path.join(project, 'bench'), true]]);
  sh('cmake', ['--build', build, '--target', 'tollgate_mylib_native_cases', '-j', '2'], { cwd: project });
  fs.rmSync(project, { recursive: true, force: true });
});
