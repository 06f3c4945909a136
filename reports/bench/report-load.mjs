#!/usr/bin/env node
// How long a large report takes to open in headless Chromium: 50 results files
// (the recorded fixtures, as 50 runs of history) and several flamegraphs.
//
//   node reports/bench/report-load.mjs [--repetitions 5] [--out FILE.json]
//
// Prints the median and range of the time from navigation to the page's script
// having finished (tables sortable, charts scheduled, the first flamegraph drawn),
// and of drawing every chart; writes them as JSON with --out. A benchmark, not a
// test: the machine and its load are part of the figure.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../runners/browser/run-browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { repetitions: { type: 'string', default: '5' }, out: { type: 'string' } } });
const repetitions = Number(values.repetitions);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-report-bench-'));
const fixtures = path.join(root, 'harness/test/fixtures');
const sources = ['native-flat.json', 'node-flat.json', 'chromium-flat.json'].map((f) => JSON.parse(fs.readFileSync(path.join(fixtures, f), 'utf8')));
const files = [];
for (let i = 0; i < 50; i++) {
  const doc = structuredClone(sources[i % 3]);
  doc.context.git_commit = `run${String(i).padStart(3, '0')}`;
  for (const b of doc.benchmarks) b.samples_ns = b.samples_ns.map((ns) => ns * (1 + 0.002 * i));
  const file = path.join(work, `run-${i}.json`);
  fs.writeFileSync(file, JSON.stringify(doc));
  files.push(file);
}
const folded = path.join(root, 'reports/test/fixtures');
const report = path.join(work, 'report.html');
const made = spawnSync(path.join(root, 'build/native/bin/tollgate'), ['report', '--out', report,
  '--flame', `CPU, node=${folded}/cpu-node.folded`, '--flame', `CPU, node before=${folded}/cpu-node-before.folded`,
  '--flame-diff', `CPU, node against before=${folded}/cpu-node.folded,${folded}/cpu-node-before.folded`,
  '--hotspots', `${folded}/hotspots-native.json`, ...files], { encoding: 'utf8' });
if (made.status !== 0) throw new Error(`tollgate report failed: ${made.stderr}`);

const browser = await launchChromium();
const ready = [];
const allCharts = [];
try {
  for (let r = 0; r < repetitions; r++) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`file://${report}`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60000 });
    ready.push(await page.evaluate(() => performance.now()));
    allCharts.push(await page.evaluate(() => {
      const t0 = performance.now();
      window.tollgateReport.drawAllCharts();
      return performance.now() - t0;
    }));
    await page.close();
  }
} finally {
  await browser.close();
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const result = {
  report_bytes: fs.statSync(report).size,
  results_files: files.length,
  flamegraphs: 6,
  repetitions,
  ready_ms: { median: median(ready), min: Math.min(...ready), max: Math.max(...ready) },
  draw_all_charts_ms: { median: median(allCharts), min: Math.min(...allCharts), max: Math.max(...allCharts) },
  machine: `${os.cpus()[0]?.model} x${os.cpus().length}`,
};
console.log(`report over ${files.length} results files (${(result.report_bytes / 1024).toFixed(0)} KiB): ready in ` +
  `${result.ready_ms.median.toFixed(0)} ms (median of ${repetitions}, ${result.ready_ms.min.toFixed(0)}-${result.ready_ms.max.toFixed(0)}); ` +
  `every chart drawn in a further ${result.draw_all_charts_ms.median.toFixed(0)} ms; ${result.machine}`);
if (values.out) fs.writeFileSync(values.out, JSON.stringify(result, null, 2) + '\n');
fs.rmSync(work, { recursive: true, force: true });
