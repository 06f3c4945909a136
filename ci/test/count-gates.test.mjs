// Count gates end to end, on real runs natively (callgrind) and in Node (the
// counting build): one run of each is enough. The same build counted again
// passes with identical counts; 2% more work inside the kernels (kernel_work_2)
// fails the count gate on exactly the rows whose kernel does that work, in both
// runtimes, naming the row, the baseline count, the new count and the change.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { nativeRunner, resultsPath, root, tollgateCli, validateFile } from '../../runners/test-support.mjs';

// Flat inserts append vectors (no distance computed: the injection does not
// touch them); flat searches compute a distance per stored vector.
const FILTER = '(insert|search)/(kernel|single|zero_copy)/index:flat';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-count-gates-'));

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `${command} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
}

function counted(name, inject = null) {
  const node = resultsPath(`count-gates-${name}-node.json`);
  const native = resultsPath(`count-gates-${name}-native.json`);
  run('node', ['runners/node/run-node.mjs', '--suite', 'vector', '--profile', 'quick', '--filter', FILTER, '--out', node,
    ...(inject ? ['--inject', inject] : [])]);
  run(nativeRunner, ['--suite=vector', '--profile=quick', `--filter=${FILTER}`, '--instructions', `--out=${native}`,
    '--benchmark_color=false', ...(inject ? [`--inject=${inject}`] : [])]);
  return { node, native };
}

function gate(files, out) {
  const config = path.join(work, 'gates.json');
  fs.writeFileSync(config, JSON.stringify({
    version: 1,
    count: [{ id: 'instructions', metric: 'instructions', max_increase: 0.01 }],
  }));
  const r = spawnSync(tollgateCli, ['gate', '--config', config, '--baselines', path.join(work, 'baselines'), '--out-dir', out,
    '--final', files.native, files.node], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout + r.stderr, verdict: JSON.parse(fs.readFileSync(path.join(out, 'gate-verdict.json'), 'utf8')) };
}

const baseline = counted('baseline');
for (const runtime of ['native', 'node']) {
  const toolchain = spawnSync(tollgateCli, ['toolchain', baseline[runtime]], { encoding: 'utf8' }).stdout.trim();
  const dir = path.join(work, 'baselines', 'counts', toolchain);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(baseline[runtime], path.join(dir, `${runtime}.json`));
}

test('A/A: counted again, every row counts the same instructions and the count gates pass', () => {
  const again = counted('again');
  for (const runtime of ['native', 'node']) {
    assert.deepEqual(validateFile(again[runtime]), []);
    const before = JSON.parse(fs.readFileSync(baseline[runtime], 'utf8')).benchmarks;
    const after = JSON.parse(fs.readFileSync(again[runtime], 'utf8')).benchmarks;
    assert.ok(after.length >= 2, runtime);
    after.forEach((row, i) => assert.deepEqual(row.instructions, before[i].instructions, `${runtime} ${row.name}`));
  }
  const g = gate(again, path.join(work, 'aa'));
  assert.equal(g.status, 0, g.stdout);
  const results = g.verdict.gates.filter((r) => r.id === 'instructions');
  assert.equal(results.length, 2 + 4);  // native kernel x2, node single and zero_copy x2
  assert.ok(results.every((r) => r.verdict === 'pass' && r.baseline_value === r.measured), JSON.stringify(results));
  assert.ok(g.verdict.count_baselines.every((b) => b.same_toolchain));
});

test('2% more work in the kernels fails the count gate on exactly the rows that do it', () => {
  const injected = counted('kernel-work-2', 'kernel_work_2');
  const g = gate(injected, path.join(work, 'injected'));
  assert.equal(g.status, 1, g.stdout);
  const results = g.verdict.gates.filter((r) => r.id === 'instructions');
  for (const r of results) {
    const searches = r.subject.startsWith('vector.search/');
    assert.equal(r.verdict, searches ? 'fail' : 'pass', `${r.runtime} ${r.subject}: ${r.note}`);
    if (!searches) continue;
    const change = r.measured / r.baseline_value - 1;
    assert.ok(change > 0.015 && change < 0.06, `${r.runtime} ${r.subject}: ${change}`);
    assert.match(r.note, /^baseline [\d.]+, now [\d.]+ instructions per item \(\+\d\.\d\d%\)$/);
  }
  assert.match(g.stdout, /FAIL\s+instructions\s+<= \+1\.00%\s+\+\d\.\d\d%\s+-\s+native vector\.search\/kernel\/index:flat/);
});
