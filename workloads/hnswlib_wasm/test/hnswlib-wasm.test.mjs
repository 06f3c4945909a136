// hnswlib-wasm (npm, built without Tollgate) measured from outside, in Node and
// Chromium, in the same run as the vector workload on the same inputs: its rows
// say they were measured from outside, report no compute or allocations they
// cannot know, count crossings both ways, find the same hits in both runtimes,
// and reach the recall hnswlib is known for.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { resultsPath, root, tollgateCli, validateFile } from '../../../runners/test-support.mjs';

const FILTER = 'hnsw/n:1000/dim:128';
const ARGS = ['--suite', 'vector', '--suite', 'hnswlib_wasm', '--profile', 'full', '--filter', FILTER];

function run(script, out) {
  const r = spawnSync('node', [script, ...ARGS, '--out', out], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `${script}\n${r.stdout}\n${r.stderr}`);
  assert.deepEqual(validateFile(out), []);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

test('hnswlib-wasm beside the vector workload, measured from outside in Node and Chromium', () => {
  const docs = [run('runners/node/run-node.mjs', resultsPath('hnswlib-node.json')),
    run('runners/browser/run-browser.mjs', resultsPath('hnswlib-chromium.json'))];
  const digests = new Map();
  for (const doc of docs) {
    const rows = doc.benchmarks;
    const ours = rows.filter((r) => r.workload === 'vector');
    const theirs = rows.filter((r) => r.workload === 'hnswlib_wasm');
    assert.equal(ours.length, 6, `${doc.context.runtime}: vector hnsw insert and search, three adapters each`);
    assert.deepEqual(theirs.map((r) => r.variant), ['add_point', 'add_points', 'search_knn']);
    assert.equal(doc.context.outside_modules.hnswlib_wasm.instances, 1);
    for (const r of theirs) {
      assert.equal(r.measured_from, 'outside', r.name);
      assert.deepEqual(r.phase_samples_ns.compute, [], `${r.name}: compute cannot be split from outside`);
      assert.ok(!('allocations' in r.counters) && !('heap_peak_bytes' in r.memory), `${r.name}: allocations are unknown from outside`);
      assert.ok(r.counters.crossings_js_to_wasm > 0 && r.counters.crossings_wasm_to_js > 0, `${r.name}: crossings both ways`);
      assert.ok(r.memory.linear_memory_bytes >= 16 << 20, r.name);
      digests.set(`${doc.context.runtime} ${r.variant}`, r.result_digest);
    }
    const [addPoint, addPoints, search] = theirs;
    assert.equal(addPoint.counters.crossings_js_to_wasm, 1000, 'one addPoint call per vector');
    assert.equal(addPoints.counters.crossings_js_to_wasm, 1, 'one addPoints call for all');
    assert.equal(addPoint.result_digest, addPoints.result_digest, 'both ways of inserting build the same index');
    assert.ok(search.quality.recall_at_k >= 0.9, `recall@10 ${search.quality.recall_at_k}`);
    assert.ok(ours.every((r) => r.measured_from === undefined && 'allocations' in r.counters));
  }
  for (const variant of ['add_point', 'search_knn']) {
    assert.equal(digests.get(`node ${variant}`), digests.get(`chromium ${variant}`), `${variant}: Node and Chromium differ`);
  }
});

test('profiled from outside: the package\'s own function names in the flamegraph, no allocation sites claimed', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-hnswlib-profile-'));
  const r = spawnSync(tollgateCli, ['profile', '--suite', 'hnswlib_wasm', '--filter', 'search', '--runtime', 'node', '--seconds', '1', '--out', out],
    { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const [caseDir] = fs.readdirSync(out).map((d) => path.join(out, d));
  const dir = path.join(caseDir, 'node-search_knn');
  const top = spawnSync(tollgateCli, ['fold', '--cpuprofile', path.join(dir, 'cpu.cpuprofile'), '--top', '3'], { encoding: 'utf8' }).stdout;
  assert.match(top, /hnswlib::\S+.* \[wasm\]/, `the package's name section names its frames:\n${top}`);
  assert.ok(!fs.existsSync(path.join(dir, 'hotspots.json')), 'no allocation sites can be seen from outside');
  const memory = JSON.parse(fs.readFileSync(path.join(dir, 'memory.json'), 'utf8'));
  assert.equal(memory.measured_from, 'outside');
  assert.ok(!('heap_peak_bytes' in memory) && memory.linear_memory_bytes >= 16 << 20);
  assert.ok(fs.existsSync(path.join(caseDir, 'report.html')));
  fs.rmSync(out, { recursive: true, force: true });
});
