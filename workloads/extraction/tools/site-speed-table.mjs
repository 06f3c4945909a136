// The site corpus speed table (workloads/extraction/README.md): native and the
// Node adapters on the same 20 real-world-shaped pages, as MB/s of processor
// time and of wall time, median over every sample of `rounds` process rounds
// per runtime, interleaved (native, Node, native, ...), with the median
// absolute deviation and wasm / native. Run from the checkout after
// scripts/build.sh:
//
//   node workloads/extraction/tools/site-speed-table.mjs [rounds=3] [out-dir=build/site-speed]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const rounds = Number(process.argv[2] ?? 3);
const outDir = process.argv[3] ?? 'build/site-speed';
const filter = 'extract/.*corpus:site';
const variants = ['kernel', 'zero_copy', 'streaming', 'copy_json', 'pooled_batch'];
fs.mkdirSync(outDir, { recursive: true });

function run(command, args) {
  const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status}`);
}

const samples = Object.fromEntries(variants.map((v) => [v, { cpu: [], wall: [] }]));
const loads = [];
let digests = new Set();
for (let r = 0; r < rounds; r++) {
  const nativeOut = path.join(outDir, `native-${r}.json`);
  const nodeOut = path.join(outDir, `node-${r}.json`);
  loads.push(os.loadavg()[0]);
  run('build/native/bin/tollgate_native', ['--suite', 'extraction', '--filter', filter, '--out', nativeOut]);
  loads.push(os.loadavg()[0]);
  run('node', ['runners/node/run-node.mjs', '--suite', 'extraction', '--filter', filter, '--out', nodeOut]);
  for (const file of [nativeOut, nodeOut]) {
    for (const row of JSON.parse(fs.readFileSync(file, 'utf8')).benchmarks) {
      const bytes = row.counters.document_bytes;
      const mbps = (ns) => bytes / (ns / 1e9) / 1e6;
      samples[row.variant].cpu.push(...row.cpu_samples_ns.map(mbps));
      samples[row.variant].wall.push(...row.samples_ns.map(mbps));
      digests.add(row.result_digest);
    }
  }
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const n = s.length;
  return n % 2 ? s[n >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const mad = (a) => median(a.map((x) => Math.abs(x - median(a))));
const cell = (a) => `${median(a).toFixed(1)} (${((100 * mad(a)) / median(a)).toFixed(1)}%)`;
const head = ['| site corpus, 2.0 MB', 'native kernel', ...variants.slice(1).map((v) => `Node ${v}`)];
const lines = [head.join(' | ') + ' |', head.map(() => '---').join('|').replace(/^/, '|') + '|'];
for (const kind of ['cpu', 'wall']) {
  const label = kind === 'cpu' ? 'processor time' : 'wall time';
  const base = median(samples.kernel[kind]);
  lines.push(`| ${label}, MB/s | ${variants.map((v) => cell(samples[v][kind])).join(' | ')} |`);
  lines.push(`| ÷ native | ${variants.map((v) => (base / median(samples[v][kind])).toFixed(2)).join(' | ')} |`);
}
console.log(lines.join('\n'));
console.log(`\n${rounds} rounds per runtime, ${samples.kernel.cpu.length} samples each; load average ` +
            `${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}; ${os.cpus()[0].model}, ${os.cpus().length} cpus; ` +
            `digests: ${[...digests].join(', ')}`);
