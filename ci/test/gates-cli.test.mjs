// The gate command end to end, on real runs in Node: the same build gated against
// itself passes; a deliberate extra copy fails the gates that guard it, by name;
// malformed input is an error naming the file and field, never a pass.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { resultsPath, root, tollgateCli, validateFile } from '../../runners/test-support.mjs';

const FILTER = 'insert/(single|zero_copy)/index:flat';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-gates-'));

function node(args) {
  const r = spawnSync('node', ['runners/node/run-node.mjs', '--suite', 'vector', '--profile', 'quick', '--filter', FILTER, ...args], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

function tollgate(args) {
  return spawnSync(tollgateCli, args, { cwd: root, encoding: 'utf8' });
}

// Three rounds pooled, as the regression job does.
function pooledRun(name, extra = []) {
  const rounds = [1, 2, 3].map((r) => {
    const out = path.join(work, `${name}-${r}.json`);
    node(['--out', out, ...extra]);
    return out;
  });
  const merged = resultsPath(`gates-${name}.json`);
  const m = tollgate(['merge', '--out', merged, ...rounds]);
  assert.equal(m.status, 0, m.stdout + m.stderr);
  return merged;
}

// The project's gates that apply to this filtered run (a gate that applies to no row
// is a configuration error): the exact gates but Parquet's and extraction's, the
// baseline timing gate, and the vector workload's relative gate on flat inserts.
function gatesFor(file) {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'ci/gates.json'), 'utf8'));
  const vector = JSON.parse(fs.readFileSync(path.join(root, 'workloads/vector/gates.json'), 'utf8'));
  config.workload_gates = false;
  config.relative = vector.relative.filter((g) => g.id === 'flat-zero-copy-insert-vs-single')
    .map((g) => ({ ...g, subject: { ...g.subject, workload: 'vector' } }));
  assert.equal(config.relative.length, 1);
  config.baseline = config.baseline.filter((g) => g.id === 'time-vs-baseline');
  config.exact = config.exact.filter((g) => !/^(parquet|extraction)-/.test(g.id));
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

function baselineFrom(results) {
  const kind = tollgate(['machine', results]).stdout.trim();
  const dir = path.join(work, 'baselines', kind);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(results, path.join(dir, 'node.json'));
  return path.join(work, 'baselines');
}

const baseline = pooledRun('baseline');
const baselines = baselineFrom(baseline);
const config = gatesFor(path.join(work, 'gates.json'));

test('A/A: the same build gated against itself passes', () => {
  const current = pooledRun('again');
  const out = path.join(work, 'aa');
  const r = tollgate(['gate', '--config', config, '--baselines', baselines, '--out-dir', out, '--final', '--stopped', 'max_rounds', current]);
  assert.equal(r.status, 0, r.stdout.split('\n').filter((l) => /FAIL/.test(l)).join('\n') + r.stderr);
  const verdict = JSON.parse(fs.readFileSync(path.join(out, 'gate-verdict.json'), 'utf8'));
  assert.equal(verdict.verdict, 'pass');
  assert.equal(verdict.counts.fail, 0);
  assert.ok(verdict.gates.some((g) => g.id === 'bytes-in' && g.verdict === 'pass'));
  assert.match(fs.readFileSync(path.join(out, 'gate-summary.md'), 'utf8'), /✅ gates passed/);
});

test('an injected extra copy fails the gates that guard it, and only those', () => {
  const current = pooledRun('injected', ['--inject', 'zero_copy_extra_copy']);
  assert.deepEqual(validateFile(current), []);
  assert.deepEqual(JSON.parse(fs.readFileSync(current, 'utf8')).context.injected, ['zero_copy_extra_copy']);
  const out = path.join(work, 'injected');
  const r = tollgate(['gate', '--config', config, '--baselines', baselines, '--out-dir', out, '--final', '--stopped', 'max_rounds', current]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const verdict = JSON.parse(fs.readFileSync(path.join(out, 'gate-verdict.json'), 'utf8'));
  const failed = verdict.gates.filter((g) => g.verdict === 'fail');
  assert.ok(failed.some((g) => g.id === 'bytes-in'), 'the extra copy across the boundary went unnoticed');
  for (const g of failed) {
    assert.match(g.subject, /\/zero_copy\//, `${g.id} failed on a row the injection did not touch: ${g.subject}`);
    assert.ok(['bytes-in', 'crossings'].includes(g.id), `unexpected failing gate ${g.id}: ${JSON.stringify(g)}`);
  }
  const bytes = failed.find((g) => g.id === 'bytes-in');
  assert.equal(bytes.measured, 2 * bytes.limit, 'the injection copies every byte twice');
  assert.match(r.stdout, /FAIL\s+bytes-in/);
  assert.match(fs.readFileSync(path.join(out, 'gate-summary.md'), 'utf8'), /❌ regression gates failed[\s\S]*\| FAIL \| `bytes-in` \|/);
});

test('malformed configuration or results: an error naming the file and field, never a pass', () => {
  const badConfig = path.join(work, 'bad-gates.json');
  fs.writeFileSync(badConfig, JSON.stringify({ version: 1, exact: [{ id: 'x', metric: 'counters.bytes_in', allowance: 'none' }] }));
  const c = tollgate(['gate', '--config', badConfig, '--baselines', baselines, baseline]);
  assert.equal(c.status, 2);
  assert.match(c.stderr, /bad-gates\.json: exact\[0\]\.allowance: expected a number, found "none"/);

  const badResults = path.join(work, 'bad-results.json');
  const doc = JSON.parse(fs.readFileSync(baseline, 'utf8'));
  delete doc.benchmarks[1].samples_ns;
  fs.writeFileSync(badResults, JSON.stringify(doc));
  const b = tollgate(['gate', '--config', config, '--baselines', baselines, badResults]);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /bad-results\.json: \/benchmarks\/1: missing required field 'samples_ns'/);

  fs.writeFileSync(badResults, '{ "schema_version": 1, ');
  const t = tollgate(['gate', '--config', config, badResults]);
  assert.equal(t.status, 2);
  assert.match(t.stderr, /bad-results\.json: not valid JSON/);

  // Files that once crashed every command (stack overflows): a refusal naming them.
  fs.writeFileSync(badResults, '['.repeat(1000000));
  for (const command of [['validate', badResults], ['summary', badResults], ['gate', '--config', config, badResults]]) {
    const d = tollgate(command);
    assert.ok(d.status === 1 || d.status === 2, `${command[0]}: status ${d.status} ${d.signal ?? ''}`);
    assert.match(d.stdout + d.stderr, /bad-results\.json: (\/: )?nested more than 64 levels deep at byte 64/, command[0]);
  }
  doc.benchmarks[1].samples_ns = [1];
  doc.benchmarks[1].workload = 'W'.repeat(30000);
  fs.writeFileSync(badResults, JSON.stringify(doc));
  const w = tollgate(['validate', badResults]);
  assert.equal(w.status, 1, w.stderr);
  assert.match(w.stdout, /\/benchmarks\/1\/workload: expected to match \^\[a-z0-9_\]\+\$/);
  fs.writeFileSync(badConfig, `{"version": 1, "exact": ${'['.repeat(1000000)}`);
  const g = tollgate(['gate', '--config', badConfig, baseline]);
  assert.equal(g.status, 2);
  assert.match(g.stderr, /bad-gates\.json: nested more than 64 levels deep/);
});

test('a gate that measures nothing fails the run as a configuration error, never passes', () => {
  const typo = path.join(work, 'typo-gates.json');
  fs.writeFileSync(typo, JSON.stringify({ version: 1, exact: [{ id: 'crossings', metric: 'counters.crosings' }] }));
  const r = tollgate(['gate', '--config', typo, '--baselines', baselines, '--final', baseline]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /FAIL\s+crossings/);
  assert.match(r.stdout, /configuration error: no row has counters\.crosings \(a misspelt metric\?\)/);

  const nothing = path.join(work, 'nothing-gates.json');
  fs.writeFileSync(nothing, JSON.stringify({ version: 1, baseline: [{ id: 'chromium-time', rows: { runtime: 'chromium' }, max_slowdown: 0.5 }] }));
  const n = tollgate(['gate', '--config', nothing, '--baselines', baselines, '--final', baseline]);
  assert.equal(n.status, 1, n.stdout + n.stderr);
  assert.match(n.stdout, /configuration error: the gate matched no row \(runtime=chromium\)/);
});
