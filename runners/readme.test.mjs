// The README's commands are the ones that exist and the ones CI runs, and its
// recipes for measuring one's own code run as written.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { root } from './test-support.mjs';

const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the two set-up commands are the first block: main job, then tests', () => {
  const commands = blocks[0].split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  assert.deepEqual(commands, ['bash scripts/main.sh', 'bash scripts/test.sh']);
});

test('CI runs the README\'s test command', () => {
  const ci = fs.readFileSync(path.join(root, '.ci/run'), 'utf8');
  assert.match(ci, /^bash scripts\/test\.sh$/m);
});

test('every script and binary the README names exists in the tree or the build', () => {
  for (const block of blocks) {
    for (const line of block.split('\n')) {
      for (const [, file] of line.matchAll(/(scripts\/[\w-]+\.sh|ci\/[\w-]+\.(?:sh|json)|(?:runners|reports)\/[\w/-]+\.mjs|workloads\/[\w/]+\.json)/g)) {
        if (file.startsWith('workloads/mylib/')) continue;  // made by recipe 1
        assert.ok(fs.existsSync(path.join(root, file)), `README names ${file}, which does not exist`);
      }
      for (const [, binary] of line.matchAll(/build\/native\/bin\/([\w]+)/g)) {
        assert.ok(fs.existsSync(path.join(root, 'harness/cli')) && ['tollgate', 'tollgate_native'].includes(binary),
          `README names build/native/bin/${binary}, which no target builds`);
        assert.ok(fs.existsSync(path.join(root, 'build/native/bin', binary)), `${binary} was not built`);
      }
    }
  }
});

// "Measure your own code": every recipe is run by a test.
const recipes = Object.fromEntries([...readme.matchAll(/\*\*(\d)\. [^*]+\*\*[\s\S]*?```bash\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]));
const lines = (block) => block.split('\n').map((l) => l.trim()).filter(Boolean);

test('recipe 1 is the template\'s, which ci/test/new-workload.test.mjs runs in a scratch copy of the tree', () => {
  const example = fs.readFileSync(path.join(root, 'workloads/example/README.md'), 'utf8');
  const block = /## Make it yours[\s\S]*?```bash\n([\s\S]*?)```/.exec(example)[1];
  assert.deepEqual(lines(recipes[1]), lines(block));
});

test('recipe 2 names the variable the build reads; the mechanism is run by ci/test/new-workload.test.mjs', () => {
  for (const line of lines(recipes[2])) assert.match(line, /^TOLLGATE_WORKLOAD_DIRS=\S+ bash scripts\/(build|main)\.sh( --quick)?$/);
  assert.match(fs.readFileSync(path.join(root, 'CMakeLists.txt'), 'utf8'), /\$ENV\{TOLLGATE_WORKLOAD_DIRS\}/);
  assert.match(fs.readFileSync(path.join(root, 'scripts/build.sh'), 'utf8'), /TOLLGATE_WORKLOAD_DIRS/);
  assert.match(fs.readFileSync(path.join(root, 'ci/test/new-workload.test.mjs'), 'utf8'), /-DTOLLGATE_WORKLOAD_DIRS=/);
});

test('recipe 3 runs as written: a package measured from outside, from a folder outside the tree, in Node and Chromium', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-readme-'));
  const results = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-readme-results-'));
  // Its folder and results go to temporary folders; the runs take the search case
  // alone (--filter), to keep the test short.
  const script = lines(recipes[3]).map((l) => l.replaceAll('/tmp/my-bench', scratch).replaceAll('results/', `${results}/`))
    .map((l) => (l.startsWith('node ') ? `${l} --filter search` : l)).join('\n');
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `${script}\n${r.stdout}\n${r.stderr}`);
  for (const runtime of ['node', 'chromium']) {
    const doc = JSON.parse(fs.readFileSync(path.join(results, `ann-${runtime}.json`), 'utf8'));
    assert.deepEqual(doc.benchmarks.map((b) => `${b.name} ${b.measured_from}`), ['ann.search/search_knn/index:hnsw/n:1000/dim:128/queries:100/k:10 outside']);
    assert.ok(doc.benchmarks[0].quality.recall_at_k >= 0.9);
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.rmSync(results, { recursive: true, force: true });
});

test('the workloads\' READMEs name suites and files that exist', () => {
  const dirs = fs.readdirSync(path.join(root, 'workloads')).filter((d) => fs.existsSync(path.join(root, 'workloads', d, 'suite.json')));
  for (const d of dirs) {
    const file = path.join(root, 'workloads', d, 'README.md');
    assert.ok(fs.existsSync(file), `workloads/${d} has no README.md`);
    for (const [, block] of fs.readFileSync(file, 'utf8').matchAll(/```bash\n([\s\S]*?)```/g)) {
      for (const [, name] of block.matchAll(/--suite[ =]([\w/.]+)/g)) {
        const known = name.includes('/') ? fs.existsSync(path.join(root, name)) : dirs.includes(name) || name === 'mylib';
        assert.ok(known, `workloads/${d}/README.md names the suite ${name}`);
      }
      for (const [, f] of block.matchAll(/((?:runners|scripts)\/[\w/-]+\.(?:mjs|sh))/g)) assert.ok(fs.existsSync(path.join(root, f)), f);
    }
  }
});
