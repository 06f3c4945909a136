// Tabulates ci/counting-cost.sh's runs as Markdown: per workload, the native run's
// wall time with instruction counts against without, and the per-item time of the
// counting build's code in Node against the plain build's (each row's median
// sample, per round; the ratio of a workload is the median over its rows and
// rounds, with the lowest and highest).
//
//   node ci/counting-cost-table.mjs build/counting-cost 3 example extraction parquet vector

import fs from 'node:fs';
import path from 'node:path';

const [dir, roundsText, ...workloads] = process.argv.slice(2);
const rounds = Number(roundsText);
const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (values) => `${median(values).toFixed(2)}x (${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)})`;

const seconds = new Map();  // "name counting" -> [s per round]
for (const line of fs.readFileSync(path.join(dir, 'native-ns.txt'), 'utf8').trim().split('\n')) {
  const [name, counting, , ns] = line.split(' ');
  const key = `${name} ${counting}`;
  seconds.set(key, [...(seconds.get(key) ?? []), Number(ns) / 1e9]);
}

const rowsOf = (file) => new Map(read(file).benchmarks.filter((r) => r.samples_ns?.length)
  .map((r) => [r.name, median(r.samples_ns) / r.items_per_op]));

const lines = [
  `What counting costs, ${rounds} process rounds (${new Date().toISOString().slice(0, 10)}).`, '',
  '| workload | native run without counts | with counts (callgrind) | slower | Node rows | counting build / plain build, per item |',
  '|---|---|---|---|---|---|',
];
for (const name of workloads) {
  const plain = seconds.get(`${name} no`), counted = seconds.get(`${name} yes`);
  const ratios = [];
  let rows = 0;
  for (let round = 1; round <= rounds; round++) {
    const a = rowsOf(path.join(dir, 'rounds', `plain-${name}-${round}.json`));
    const b = rowsOf(path.join(dir, 'rounds', `counted-${name}-${round}.json`));
    rows = a.size;
    for (const [row, ns] of a) if (b.has(row)) ratios.push(b.get(row) / ns);
  }
  const nativeRatios = plain.map((s, i) => counted[i] / s);
  lines.push(`| ${name} | ${median(plain).toFixed(1)} s | ${median(counted).toFixed(1)} s | ${spread(nativeRatios)} | ` +
    `${rows} | ${ratios.length ? spread(ratios) : '-'} |`);
}
console.log(lines.join('\n'));
