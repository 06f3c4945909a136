// Tabulates ci/prove-counts.sh's runs as Markdown (ci/README.md): the A/A
// (identical counts run to run, no count gate failing) and, per injection level,
// what the count gates and the timing gates decided over the same runs.
//
//   node ci/proof-table.mjs build/prove-counts 2 5 25
//
// Exit status 1 when the A/A does not hold or a level's count gates do not fail
// exactly on the rows the injection touches.

import fs from 'node:fs';
import path from 'node:path';

const [dir, ...levels] = process.argv.slice(2);
const RUNTIMES = ['native', 'node', 'chromium'];
// What kernel_work_<n> does not touch (tollgate/inject.h's hooks): flat inserts
// only append, Parquet footers decode no page, the example workload has no hook.
const UNTOUCHED = /^(vector\.insert\/[^/]+\/index:flat\/|parquet\.footer\/|example\.)/;
const COUNT_GATES = new Set(['instructions', 'instructions-compute']);
let ok = true;
const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

// ---- A/A ----
const aaDir = path.join(dir, 'aa');
const runs = fs.readdirSync(path.join(aaDir, 'rounds')).filter((f) => /^node-\d+\.json$/.test(f)).length;
const lines = ['## A/A: the same build counted again', '',
  '| runtime | runs | rows counted | rows whose count varied | count gate failures |', '|---|---|---|---|---|'];
for (const runtime of RUNTIMES) {
  const counts = new Map();
  for (let run = 1; run <= runs; run++) {
    for (const row of read(path.join(aaDir, 'rounds', `${runtime}-${run}.json`)).benchmarks) {
      if (!row.instructions) continue;
      if (!counts.has(row.name)) counts.set(row.name, new Set());
      counts.get(row.name).add(JSON.stringify(row.instructions));
    }
  }
  const varied = [...counts.values()].filter((s) => s.size > 1).length;
  let failures = 0;
  for (let run = 1; run <= runs; run++) {
    const verdict = read(path.join(aaDir, `gates-${run}`, 'gate-verdict.json'));
    failures += verdict.gates.filter((g) => g.kind === 'count' && g.runtime === runtime && g.verdict === 'fail').length;
  }
  if (varied > 0 || failures > 0) ok = false;
  lines.push(`| ${runtime} | ${runs} | ${counts.size} | ${varied} | ${failures} |`);
}
const seconds = fs.readFileSync(path.join(aaDir, 'seconds.txt'), 'utf8').trim().split('\n').map((l) => Number(l.split(' ')[1]));
lines.push('', `Counting round (native under callgrind, Node, Chromium): ${Math.min(...seconds)} to ${Math.max(...seconds)} s.`);

// ---- Injections ----
const verdictOf = (g) => (g.verdict === 'fail' ? 'caught' : g.verdict === 'pass' ? 'missed' : 'undecided');
lines.push('', '## Injected work inside the kernels: which gates caught it', '',
  '| level | runtime | count gates: touched rows failed | count gates: untouched rows failed | change of touched rows (instructions) | timing vs baseline: caught / missed / undecided | relative timing gates: caught / missed / undecided |',
  '|---|---|---|---|---|---|---|');
for (const level of levels) {
  const verdict = read(path.join(dir, `level-${level}`, 'gate-verdict.json'));
  for (const runtime of RUNTIMES) {
    const gates = verdict.gates.filter((g) => g.runtime === runtime);
    const count = gates.filter((g) => g.id === 'instructions');
    const touched = count.filter((g) => !UNTOUCHED.test(g.subject));
    const untouched = count.filter((g) => UNTOUCHED.test(g.subject));
    const failedTouched = touched.filter((g) => g.verdict === 'fail').length;
    const failedUntouched = untouched.filter((g) => g.verdict === 'fail').length;
    // Either count gate (whole operation or compute) catching a touched row counts as caught.
    const caughtRows = new Set(gates.filter((g) => COUNT_GATES.has(g.id) && g.verdict === 'fail' && !UNTOUCHED.test(g.subject))
      .map((g) => g.subject));
    if (caughtRows.size !== touched.length || gates.some((g) => COUNT_GATES.has(g.id) && g.verdict === 'fail' && UNTOUCHED.test(g.subject))) ok = false;
    const changes = touched.filter((g) => g.baseline_value).map((g) => 100 * (g.measured / g.baseline_value - 1));
    const tally = (list) => ['caught', 'missed', 'undecided'].map((k) => list.filter((g) => verdictOf(g) === k).length).join(' / ');
    const timing = gates.filter((g) => g.kind === 'baseline' && !UNTOUCHED.test(g.subject));
    const relative = gates.filter((g) => g.kind === 'relative' && g.metric === 'time');
    lines.push(`| ${level}% | ${runtime} | ${failedTouched} of ${touched.length} (either gate: ${caughtRows.size}) | ${failedUntouched} of ${untouched.length} | `
      + `${changes.length ? `+${Math.min(...changes).toFixed(2)}% to +${Math.max(...changes).toFixed(2)}%` : '-'} | ${tally(timing)} | ${tally(relative)} |`);
  }
}
const levelSeconds = path.join(dir, 'level-seconds.txt');
if (fs.existsSync(levelSeconds)) {
  lines.push('', `Regression job per level: ${fs.readFileSync(levelSeconds, 'utf8').trim().split('\n').map((l) => `${l.split(' ')[0]}%: ${l.split(' ')[1]} s`).join(', ')}.`);
}
console.log(lines.join('\n'));
process.exitCode = ok ? 0 : 1;
