// Every hook an operation provides may throw or never finish: the driver records
// it as a failure of that case and variant, by stage, and the run goes on. Tested
// with a fake operation on the real vector module, in-process (no browser).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runSuite } from '../driver.mjs';
import { compileModule, root } from '../../test-support.mjs';
import { WatchdogError, guard } from '../watchdog.mjs';

function suite() {
  return {
    workload: 'vector',
    module: 'vector',
    naive: 'a',
    variants: { native: ['kernel'], wasm: ['a', 'b'] },
    profiles: { quick: { samples: 2, warmup_ops: 1, phase_samples: 1 } },
    operations: { op: { name_params: ['n'], items: 'n', item: 'thing' } },
    cases: [
      { operation: 'op', profiles: ['quick'], params: { n: 1 } },
      { operation: 'op', profiles: ['quick'], params: { n: 2 } },
    ],
  };
}

// An operation whose hooks behave unless `faults` says otherwise for case n:
// faults[n] = { hook: 'release' | 'digest' | ..., variant?: 'a' | 'b', kind: 'throw' | 'never' }.
function faultyOp(faults, log = []) {
  const hit = (hook, p, variant = null) => {
    const f = faults[p.n];
    if (!f || f.hook !== hook || (f.variant && variant && f.variant !== variant)) return null;
    if (f.kind === 'never') return new Promise(() => {});
    throw new Error(`${hook} failed on purpose`);
  };
  const op = {
    prepare: (m, p) => hit('prepare', p) ?? { n: p.n },
    beforeOp: (m, s, p) => { hit('beforeOp', p); },
    variants: {},
    digest: (m, s, p) => { hit('digest', p); return 'fnv1a32:00000000'; },
    quality: (m, s, p) => { hit('quality', p); return null; },
    release: (m, s) => { log.push(`release ${s?.n}`); hit('release', { n: s?.n ?? 0 }); },
  };
  for (const v of ['a', 'b']) op.variants[v] = (m, s, p) => hit('variant', p, v);
  return op;
}

function testHost() {
  const host = {
    runtime: 'node', rows: [], failures: [], context: {},
    now: () => performance.now(),
    workload: async () => ({ suite: suite(), suiteFile: 'test-suite.json', adapters: {}, adaptersFile: 'test-adapters.mjs' }),
    loadJson: async (relative) => JSON.parse(fs.readFileSync(path.join(root, relative), 'utf8')),
    compileModule: (name) => compileModule(name),
    addContext: (c) => Object.assign(host.context, c),
    beginCase: () => {},
    emitRow: (row) => host.rows.push(row),
    emitFailure: (f) => host.failures.push(f),
  };
  return host;
}

async function run(faults, options = {}) {
  const host = testHost();
  const log = [];
  host.onProgress = [];
  if (options.progress) host.progress = (info) => host.onProgress.push(info);
  await runSuite(host, { suite: 'vector', profile: 'quick', adapters: { operations: { op: faultyOp(faults, log) } }, ...options });
  return { host, log };
}

const rowsOf = (host) => host.rows.map((r) => r.name).sort();
const failuresOf = (host) => host.failures.map((f) => [f.name, f.stage, f.message]);

test('a release that throws after the timing and phase passes fails that case; later cases are measured', async () => {
  const { host } = await run({ 1: { hook: 'release', kind: 'throw' } });
  // It once rejected runSuite: every later case was lost, and no failure recorded.
  assert.deepEqual(failuresOf(host), [
    ['vector.op/a/n:1', 'release', 'release failed on purpose'],
    ['vector.op/b/n:1', 'release', 'release failed on purpose'],
  ]);
  assert.deepEqual(rowsOf(host), ['vector.op/a/n:2', 'vector.op/b/n:2']);
});

test('a throwing digest, quality, beforeOp or variant fails its case\'s variants at its stage; the others go on', async () => {
  // digest, quality and beforeOp are the case's hooks: every variant meets them.
  for (const [hook, stage, failing] of [['digest', 'counting', ['a', 'b']], ['quality', 'counting', ['a', 'b']],
    ['beforeOp', 'warmup', ['a', 'b']], ['variant', 'warmup', ['b']]]) {
    const { host } = await run({ 1: { hook, variant: 'b', kind: 'throw' } });
    assert.deepEqual(failuresOf(host), failing.map((v) => [`vector.op/${v}/n:1`, stage, `${hook} failed on purpose`]), hook);
    const all = ['vector.op/a/n:1', 'vector.op/a/n:2', 'vector.op/b/n:1', 'vector.op/b/n:2'];
    assert.deepEqual(rowsOf(host), all.filter((n) => !failing.some((v) => n === `vector.op/${v}/n:1`)), hook);
  }
});

test('a prepare that throws fails its case at setup; a failing counting release is named as a release', async () => {
  let { host } = await run({ 2: { hook: 'prepare', kind: 'throw' } });
  assert.deepEqual(failuresOf(host).map(([n, s]) => [n, s]), [['vector.op/a/n:2', 'setup'], ['vector.op/b/n:2', 'setup']]);
  assert.deepEqual(rowsOf(host), ['vector.op/a/n:1', 'vector.op/b/n:1']);
  ({ host } = await run({}, {}));
  assert.equal(host.rows.length, 4);
});

test('an operation whose promise never settles is stopped by the watchdog, named, and the rest go on', async () => {
  const { host } = await run({ 1: { hook: 'variant', variant: 'a', kind: 'never' } }, { watchdogMs: 200 });
  assert.deepEqual(failuresOf(host), [
    ['vector.op/a/n:1', 'warmup', 'a of vector.op/a/n:1 did not finish within 0.2 s (watchdog)'],
  ]);
  assert.deepEqual(rowsOf(host), ['vector.op/a/n:2', 'vector.op/b/n:1', 'vector.op/b/n:2']);

  const prep = await run({ 2: { hook: 'prepare', kind: 'never' } }, { watchdogMs: 200 });
  assert.deepEqual(failuresOf(prep.host).map(([n, s, m]) => [n, s, m]), [
    ['vector.op/a/n:2', 'setup', 'prepare of the op case did not finish within 0.2 s (watchdog)'],
    ['vector.op/b/n:2', 'setup', 'prepare of the op case did not finish within 0.2 s (watchdog)'],
  ]);
});

test('data preparation that throws or hangs fails the cases that needed it, by name', async () => {
  for (const prepareData of [async () => { throw new Error('disk full'); }, () => new Promise(() => {})]) {
    const host = testHost();
    host.data = { write: () => {}, exists: () => false, open: async () => null };
    await runSuite(host, {
      suite: 'vector', profile: 'quick', watchdogMs: 200,
      adapters: { operations: { op: faultyOp({}) }, prepareData },
    });
    assert.equal(host.rows.length, 0);
    assert.deepEqual(host.failures.map((f) => f.name), ['vector.op/a/n:1', 'vector.op/b/n:1', 'vector.op/a/n:2', 'vector.op/b/n:2']);
    for (const f of host.failures) {
      assert.equal(f.stage, 'setup');
      assert.match(f.message, /^preparing the data files failed: (disk full|preparing the vector data files did not finish within 0.2 s \(watchdog\))$/);
    }
  }
});

test('every operation is announced before it runs, and skipped benchmarks are not run', async () => {
  const { host } = await run({}, { progress: true, skip: ['vector.op/a/n:1'] });
  assert.deepEqual(rowsOf(host), ['vector.op/a/n:2', 'vector.op/b/n:1', 'vector.op/b/n:2']);
  const seen = host.onProgress;
  assert.ok(seen.some((p) => p.stage === 'timing' && p.hook === 'b' && p.names[0] === 'vector.op/b/n:1'));
  assert.ok(seen.some((p) => p.stage === 'setup' && p.hook === 'prepare' && p.names.length === 2));
  assert.ok(seen.some((p) => p.stage === 'counting' && p.hook === 'digest'));
  assert.ok(seen.some((p) => p.stage === 'release' && p.hook === 'release'));
  assert.ok(!seen.some((p) => p.names.includes('vector.op/a/n:1')), 'a skipped benchmark ran');
});

test('the guard leaves synchronous results alone and bounds promises', async () => {
  assert.equal(guard(5, 10, 'x'), 5);
  assert.equal(guard(null, 10, 'x'), null);
  assert.equal(await guard(Promise.resolve(7), 1000, 'x'), 7);
  await assert.rejects(guard(new Promise(() => {}), 50, 'a fetch'), (e) => e instanceof WatchdogError && e.fatal
    && e.message === 'a fetch did not finish within 0.05 s (watchdog)');
});
