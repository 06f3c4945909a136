// A workload is one folder: workloads/example copied to a new name in a scratch
// copy of the tree, with the README's recipe (workloads/example/README.md) and no
// edit outside the new folder, is built, run in native, Node and Chromium, gated
// and reported, and its rows, with no baseline yet, are new, never failures.
//
// The build is focused (TOLLGATE_ONLY_WORKLOADS, no tests): the native runner and
// the new module, not the whole tree. Each step's seconds are printed
// (`node --test` diagnostics) so CI's cost stays in sight.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { root, tollgateCli, validateFile } from '../../runners/test-support.mjs';

const NAME = 'mylib';
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

// The recipe's file commands, verbatim from the template's README; its build and
// run lines are replaced by the focused build and the runs below.
function recipe() {
  const readme = fs.readFileSync(path.join(root, 'workloads/example/README.md'), 'utf8');
  const block = /## Make it yours[\s\S]*?```bash\n([\s\S]*?)```/.exec(readme)[1];
  const lines = block.split('\n').filter((l) => /^(cp|mv|sed) /.test(l));
  assert.equal(lines.length, 3, `the README's recipe changed: ${block}`);
  return lines.join('\n').replaceAll('mylib', NAME);
}

test('a copy of workloads/example under a new name builds, runs everywhere, is gated as new and reported', async (t) => {
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

  const focused = [`-DTOLLGATE_ONLY_WORKLOADS=${NAME}`, '-DTOLLGATE_BUILD_TESTS=OFF'];
  const env = { NODE_PATH: '/usr/share/nodejs' };
  timed('build native', () => {
    sh('cmake', ['--preset', 'native', ...focused], { env });
    sh('cmake', ['--build', '--preset', 'native', '--target', 'tollgate_native', '-j', '2'], { env });
  });
  timed('build wasm', () => {
    sh('cmake', ['--preset', 'wasm', ...focused], { env });
    sh('cmake', ['--build', '--preset', 'wasm', '--target', `tollgate_${NAME}_module`, '-j', '2'], { env });
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(scratch, 'build/wasm/workloads.json'), 'utf8'));
  assert.deepEqual(manifest.workloads.map((w) => w.name), [NAME], 'the focused build registers the new workload alone');

  const out = path.join(scratch, 'results');
  fs.mkdirSync(out, { recursive: true });
  const files = ['native', 'node', 'chromium'].map((r) => path.join(out, `${r}.json`));
  timed('run native', () => sh(path.join(scratch, 'build/native/bin/tollgate_native'), [`--suite=${NAME}`, '--profile=quick', `--out=${files[0]}`, '--benchmark_color=false']));
  timed('run node', () => sh('node', ['runners/node/run-node.mjs', '--suite', NAME, '--out', files[1]]));
  timed('run chromium', () => sh('node', ['runners/browser/run-browser.mjs', '--suite', NAME, '--out', files[2]]));
  const rows = files.flatMap((file) => {
    assert.deepEqual(validateFile(file), [], file);
    return JSON.parse(fs.readFileSync(file, 'utf8')).benchmarks;
  });
  assert.deepEqual(rows.map((r) => `${r.runtime}/${r.variant}`),
    ['native/kernel', 'node/per_item', 'node/batch', 'chromium/per_item', 'chromium/batch']);
  assert.ok(rows.every((r) => r.workload === NAME && r.name.startsWith(`${NAME}.hash/`)));
  assert.equal(new Set(rows.map((r) => r.result_digest)).size, 1, 'the runtimes disagree');

  // The project's gates with the scratch build's manifest: the new folder's own
  // gates.json is merged in; no baseline has its rows, so they are new.
  const gates = path.join(out, 'gates');
  const gate = timed('gate', () => sh(tollgateCli, ['gate', '--config', 'ci/gates.json', '--baselines', path.join(root, 'ci/baselines'),
    '--manifest', path.join(scratch, 'build/native/workloads.json'), '--out-dir', gates, '--final', ...files]));
  const verdict = JSON.parse(fs.readFileSync(path.join(gates, 'gate-verdict.json'), 'utf8'));
  assert.notEqual(verdict.verdict, 'fail', gate);
  assert.equal(verdict.counts.fail, 0, gate);
  assert.ok(verdict.gates.some((g) => g.id === `${NAME}/batch-vs-per-item`), 'the new folder\'s gates.json was not merged');
  const timing = verdict.gates.filter((g) => g.id === 'time-vs-baseline');
  assert.equal(timing.length, rows.length);
  for (const g of timing) assert.match(g.note, /new case: no baseline row/, JSON.stringify(g));

  const report = path.join(out, 'report.html');
  timed('report', () => sh(tollgateCli, ['report', '--out', report, '--gates', path.join(gates, 'gate-verdict.json'),
    '--baselines', path.join(root, 'ci/baselines'), ...files]));
  const html = fs.readFileSync(report, 'utf8');
  for (const variant of ['kernel', 'per_item', 'batch']) assert.ok(html.includes(`${NAME}.hash/${variant}`), `${variant} is not in the report`);

  const total = Object.values(seconds).reduce((a, b) => a + b, 0);
  t.diagnostic(`seconds: ${Object.entries(seconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}; total ${total.toFixed(1)}`);
  fs.rmSync(scratch, { recursive: true, force: true });
});
