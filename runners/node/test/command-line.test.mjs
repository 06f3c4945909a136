// Every runner entry point answers --help with its options (exit 0) and a mistake
// with one line (exit 2), never a stack trace; progress lines count cases.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { nativeRunner, root } from '../../test-support.mjs';
import path from 'node:path';
import { CaseProgress, formatClock, plannedCases } from '../progress.mjs';

const ENTRY_POINTS = [
  ['node', 'runners/node/run-node.mjs'],
  ['node', 'runners/browser/run-browser.mjs'],
  ['node', 'runners/node/profile-node.mjs'],
  ['node', 'runners/browser/profile-browser.mjs'],
  [nativeRunner],
];

for (const entry of ENTRY_POINTS) {
  const name = entry[entry.length - 1].split('/').pop();
  const run = (...args) => spawnSync(entry[0], [...entry.slice(1), ...args], { cwd: root, encoding: 'utf8' });

  test(`${name} --help prints its options and exits 0`, () => {
    const r = run('--help');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^usage: ${name.replace('.', '\\.')} \\[options\\]`));
    assert.match(r.stdout, /--suite /);
    assert.equal(r.stderr, '');
  });

  test(`${name} refuses an unknown option in one line, exit 2`, () => {
    const r = run('--no-such-option');
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `${name}: unknown option --no-such-option (see ${name} --help)\n`);
  });

  test(`${name} names an option missing its value`, () => {
    const r = run('--suite');
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`^${name.replace('.', '\\.')}: --suite needs a value.*\\n$`));
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
}

test('a progress line per finished case: i of N, medians per item, elapsed and what is left', () => {
  const lines = [];
  let now = 0;
  const progress = new CaseProgress('node', 2, { write: (l) => lines.push(l), now: () => now });
  progress.begin(['vector.search/single/index:flat/n:1000', 'vector.search/batch/index:flat/n:1000']);
  progress.row({ name: 'vector.search/single/index:flat/n:1000', variant: 'single', samples_ns: [3000, 1000, 2000],
    items_per_op: 100, item: 'query' });
  assert.deepEqual(lines, []);
  now = 10000;
  progress.failure({ name: 'vector.search/batch/index:flat/n:1000', stage: 'timing' });
  assert.deepEqual(lines, ['node [1/2] vector.search/index:flat/n:1000, per query: single 20.0 ns, batch FAILED (timing) (0:10, ~0:10 left)\n']);
  assert.equal(formatClock(125.4), '2:05');
});

test('the planned case count follows the profile, --variants and --filter', () => {
  const vector = [path.join(root, 'workloads/vector/suite.json')];
  assert.equal(plannedCases(vector, { profile: 'quick' }), 4);
  assert.equal(plannedCases(vector, { profile: 'quick', filter: 'index:flat' }), 2);
  assert.equal(plannedCases(vector, { profile: 'quick', filter: 'zero_copy/index:flat' }), 2);
  assert.equal(plannedCases(vector, { profile: 'quick', filter: 'nothing' }), 0);
});

test('the npx launcher runs the built tollgate with its arguments and exit status', () => {
  const run = (...args) => spawnSync('node', ['scripts/tollgate.mjs', ...args], { cwd: root, encoding: 'utf8' });
  const help = run('--help');
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^usage: tollgate VERB/);
  const wrong = run('machine');
  assert.equal(wrong.status, 2);
  assert.equal(wrong.stderr, 'tollgate machine: missing RESULTS (see tollgate machine --help)\n');
});
