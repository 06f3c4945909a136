import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { resultsPath, root, validateFile } from '../../test-support.mjs';

const runNode = (args) => spawnSync('node', ['runners/node/run-node.mjs', '--suite', 'vector', ...args], { cwd: root, encoding: 'utf8' });

test('measures a filtered suite, writes valid results and exits 0', () => {
  const out = resultsPath('node-cli.json');
  const r = runNode(['--profile', 'quick', '--filter', 'search/.*/index:flat/n:1000', '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /3 rows, 0 failures/);
  assert.deepEqual(validateFile(out), []);
  const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.deepEqual(doc.benchmarks.map((b) => b.variant), ['single', 'batch', 'zero_copy']);
  assert.equal(doc.context.runtime, 'node');
  assert.match(doc.context.runtime_version, /^Node 2\d/);
  assert.ok(doc.benchmarks.every((b) => b.cpu_time_measured && b.cpu_samples_ns.length === b.samples_ns.length));
});

test('an unknown variant exits 1 with the failure in the file, beside the rows that worked', () => {
  const out = resultsPath('node-cli-partial.json');
  const r = runNode(['--profile', 'quick', '--filter', 'insert/.*/index:flat', '--variants', 'batch,bulk', '--out', out]);
  assert.equal(r.status, 1, r.stderr);
  const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.deepEqual(validateFile(out), []);
  assert.deepEqual(doc.benchmarks.map((b) => b.variant), ['batch']);
  assert.equal(doc.failures.length, 1);
  assert.match(doc.failures[0].message, /no variant 'bulk'/);
});

test('a missing build exits 2 and says what to do, in the file too', () => {
  const out = resultsPath('node-cli-nobuild.json');
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-nobuild-'));
  const r = runNode(['--profile', 'quick', '--build-dir', empty, '--out', out]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /workloads\.json not found: build the wasm target first/);
  const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.deepEqual(validateFile(out), []);
  assert.equal(doc.benchmarks.length, 0);
  assert.match(doc.failures[0].message, /not found/);
});

test('a variant stuck in a wasm call that never returns is stopped by the watchdog, named, and the suite goes on', () => {
  const out = resultsPath('node-cli-hang.json');
  const started = Date.now();
  const r = runNode(['--profile', 'quick', '--filter', 'insert/.*/index:flat/n:1000/dim:128|search/batch/index:flat/n:1000/',
    '--inject', 'single_never_returns', '--watchdog-s', '2', '--out', out]);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(Date.now() - started < 120_000, 'the hang held the run');
  assert.deepEqual(validateFile(out), []);
  const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
  // The variants measured beside it and the case after it keep their rows.
  assert.deepEqual(doc.benchmarks.map((b) => `${b.operation}/${b.variant}`).sort(), ['insert/batch', 'insert/zero_copy', 'search/batch']);
  assert.equal(doc.failures.length, 1, JSON.stringify(doc.failures));
  const [f] = doc.failures;
  assert.equal(f.name, 'vector.insert/single/index:flat/n:1000/dim:128');
  assert.equal(f.stage, 'warmup');
  assert.match(f.message, /^single did not return within 2 s \(watchdog: a synchronous call that never returned/);
});
