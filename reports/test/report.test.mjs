// The HTML report in real headless Chromium: generated from recorded results and from
// a fresh run, opened from disk, checked for what a reader relies on. Screenshots are
// kept beside the test results (look at them).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchChromium } from '../../runners/browser/run-browser.mjs';
import { resultsPath, root, tollgateCli } from '../../runners/test-support.mjs';

const fixtures = path.join(root, 'harness/test/fixtures');
const mine = path.join(root, 'reports/test/fixtures');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-report-'));
const shots = resultsPath('screenshots');
fs.mkdirSync(shots, { recursive: true });

function tollgate(args, expectStatus = 0) {
  const r = spawnSync(tollgateCli, args, { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, expectStatus, `tollgate ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
}

// As the report writes durations (html_writer.cc).
function duration(ns) {
  if (ns < 1e3) return `${ns.toFixed(ns < 10 ? 2 : 1)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
}

// A gate verdict with one failing gate: the baseline claims fewer bytes in than
// node's single flat insert really moves.
function failingVerdict() {
  const doc = JSON.parse(fs.readFileSync(path.join(fixtures, 'node-flat.json'), 'utf8'));
  const kind = tollgate(['machine', path.join(fixtures, 'node-flat.json')]).stdout.trim();
  doc.benchmarks.find((b) => b.variant === 'single' && b.operation === 'insert').counters.bytes_in -= 512;
  const dir = path.join(work, 'baselines', kind);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'node.json'), JSON.stringify(doc));
  const config = path.join(work, 'gates.json');
  fs.writeFileSync(config, JSON.stringify({ version: 1, exact: [{ id: 'bytes-in', metric: 'counters.bytes_in' }] }));
  tollgate(['gate', '--config', config, '--baselines', path.join(work, 'baselines'), '--out-dir', work, '--final',
    path.join(fixtures, 'node-flat.json')], 1);
  return path.join(work, 'gate-verdict.json');
}

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

async function open(file) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`network request: ${r.url()}`); });
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 10000 });
  return { page, errors };
}

test('a report from recorded results shows the verdict, the values, charts, flamegraphs and hotspots', async () => {
  const out = resultsPath('report-fixtures.html');
  tollgate(['report', '--out', out, '--title', 'Tollgate report (fixtures)', '--gates', failingVerdict(),
    '--baselines', path.join(work, 'baselines'),
    '--flame', `CPU, node=${path.join(mine, 'cpu-node.folded')}`,
    '--flame-diff', `CPU, node against before=${path.join(mine, 'cpu-node.folded')},${path.join(mine, 'cpu-node-before.folded')}`,
    '--hotspots', path.join(mine, 'hotspots-native.json'),
    ...['native-flat.json', 'node-flat.json', 'chromium-flat.json'].map((f) => path.join(fixtures, f))]);
  const { page, errors } = await open(out);

  // The verdict first, failing, naming the failed gate with its numbers; every gate
  // below, collapsed.
  assert.equal(await page.locator('#overall-verdict .badge').textContent(), 'fail');
  assert.match(await page.locator('#attention').textContent(),
    /gate bytes-in failed: node vector\.insert\/single\/index:flat\S* measured \d+, expected/);
  const failing = page.locator('#gates-attention tr.verdict-fail');
  assert.equal(await failing.count(), 1);
  assert.match(await failing.textContent(), /bytes-in.*vector\.insert\/single\/index:flat/);
  assert.equal(await page.locator('#gates-attention').isVisible(), false);

  // Every case, every runtime and variant, with the values of the results files.
  const native = JSON.parse(fs.readFileSync(path.join(fixtures, 'native-flat.json'), 'utf8'));
  const search = native.benchmarks.find((b) => b.operation === 'search');
  const expected = duration(median(search.samples_ns) / search.items_per_op);
  const cell = page.locator('article.case').nth(1).locator('tr[data-runtime="native"] td').nth(2);
  assert.equal(await cell.textContent(), expected);
  assert.equal(await page.locator('article.case').count(), 2);
  assert.equal(await page.locator('article.case').nth(0).locator('tbody tr').count(), 7);
  assert.match(await page.locator('#context-table').textContent(), /Chromium 156[\s\S]*cross-origin isolated/);

  // Charts: three per case, all drawn by Chart.js.
  await page.evaluate(() => window.tollgateReport.drawAllCharts());
  assert.equal(await page.evaluate(() => window.tollgateReport.chartsRendered), 6);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('canvas[data-chart]')].filter((c) => Chart.getChart(c)).length), 6);
  const phaseLabels = await page.evaluate(() => Chart.getChart(document.querySelector('canvas[data-chart="phases"]')).data.datasets.map((d) => d.label));
  assert.deepEqual(phaseLabels, ['copy_in', 'call', 'compute', 'serialize', 'copy_out']);
  await page.locator('article.case').first().screenshot({ path: path.join(shots, 'report-case.png') });

  // Sorting a table by a numeric column.
  const table = page.locator('article.case').nth(1).locator('table');
  await table.locator('th', { hasText: 'per query' }).click();
  const sorted = await table.locator('tbody tr td:nth-child(3)').evaluateAll((cells) => cells.map((c) => Number(c.dataset.value)));
  assert.deepEqual(sorted, [...sorted].sort((a, b) => a - b));

  // The CPU flamegraph: zoom into a frame, search, reset.
  await page.selectOption('#flame-select', { label: 'CPU, node' });
  const frame = (name) => page.locator(`#flamegraph g.frame[name="${name}"]`).first();
  const fullWidth = Number(await frame('all').getAttribute('width'));
  const before = Number(await frame('single').getAttribute('width'));
  assert.ok(before < fullWidth / 2);
  await frame('single').click();
  await page.waitForTimeout(400);
  assert.ok(Math.abs(Number(await frame('single').getAttribute('width')) - fullWidth) < 1, 'click did not zoom');
  await page.fill('#flame-search', 'hot_distance');
  await page.waitForTimeout(200);
  const highlighted = await page.locator('#flamegraph g.frame[name="hot_distance"] rect').evaluateAll((r) => r.map((x) => x.getAttribute('fill')));
  assert.ok(highlighted.length > 0 && highlighted.every((fill) => fill === '#E600E6'), `search did not highlight: ${highlighted}`);
  await page.locator('#flamegraphs').screenshot({ path: path.join(shots, 'report-flamegraph-zoomed.png') });
  await page.click('#flame-reset');
  await page.waitForTimeout(400);
  assert.ok(Math.abs(Number(await frame('single').getAttribute('width')) - before) < 1, 'reset did not unzoom');

  // The differential view colours what grew and shrank. (d3-flame-graph grows new
  // frames in over 250 ms whatever the configured duration: let it settle.)
  await page.selectOption('#flame-select', { label: 'CPU, node against before' });
  await page.waitForTimeout(400);
  const glue = await frame('js glue convertJSArrayToNumberVector').locator('rect').getAttribute('fill');
  const hot = await page.locator('#flamegraph g.frame[name="hot_distance"] rect').first().getAttribute('fill');
  assert.notEqual(glue, hot, 'a shrinking and a growing frame look the same');
  assert.ok(Number(await frame('all').getAttribute('width')) > 600, 'the differential flamegraph is not drawn');
  await page.locator('#flamegraphs').screenshot({ path: path.join(shots, 'report-flamegraph-differential.png') });

  // Memory hotspots, sortable, with their exact figures.
  const hotspots = page.locator('#hotspots table');
  assert.match(await hotspots.textContent(), /_M_realloc_insert \(hnsw_index\.cc:74\)compute11[\s\S]*74\.6%/);
  assert.equal(await hotspots.locator('tbody tr').count(), 3);
  await page.screenshot({ path: path.join(shots, 'report-top.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a report from a fresh run opens without errors and shows every row measured', async () => {
  const results = resultsPath('report-fresh-node.json');
  const r = spawnSync('node', ['runners/node/run-node.mjs', '--suite', 'vector', '--profile', 'quick', '--filter', 'search/.*/index:flat', '--out', results],
    { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = resultsPath('report-fresh.html');
  tollgate(['report', '--out', out, results]);
  const { page, errors } = await open(out);
  assert.equal(await page.locator('#overall-verdict .badge').textContent(), 'no gates');
  assert.equal(await page.locator('article.case tbody tr').count(), 3);
  await page.evaluate(() => window.tollgateReport.drawAllCharts());
  assert.equal(await page.evaluate(() => window.tollgateReport.chartsRendered), 3);
  await page.screenshot({ path: path.join(shots, 'report-fresh.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the main job\'s report opens on the verdict and the first workload\'s chart, not a gate table', async () => {
  // The main job itself (tollgate run), on one small case in every runtime, two rounds.
  const dir = resultsPath('main-job');
  fs.rmSync(dir, { recursive: true, force: true });
  const r = spawnSync(tollgateCli, ['run', '--rounds', '2', '--filter', 'search/.*/index:flat/n:1000/', '--suite', 'vector',
    '--out', dir], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Comparisons \(95% intervals/);
  const { page, errors } = await open(path.join(dir, 'report.html'));
  const screen = page.viewportSize();
  const onFirstScreen = async (selector) => {
    const box = await page.locator(selector).first().boundingBox();
    return box !== null && box.y >= 0 && box.y + Math.min(box.height, 150) <= screen.height;
  };
  assert.ok(await onFirstScreen('#overall-verdict'), 'the verdict is not on the first screen');
  assert.match(await page.locator('#overall-verdict').textContent(), /gates: \d+ failed, \d+ passed.*Comparisons: \d+ of \d+ decided/);
  assert.ok(await onFirstScreen('article.case canvas[data-chart="time"]'), 'the first chart is not on the first screen');
  assert.ok(await page.evaluate(() => Boolean(Chart.getChart(document.querySelector('canvas[data-chart="time"]')))),
    'the first chart is not drawn');
  for (const table of ['#gates-attention', '#gates-passing', '#baseline-table']) {
    assert.equal(await page.locator(table).isVisible(), false, `${table} shows on opening`);
  }
  await page.screenshot({ path: path.join(shots, 'main-job-first-screen.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a profile report leaves out what it did not measure', () => {
  const out = resultsPath('report-profile.html');
  tollgate(['report', '--out', out, '--title', 'Profile', '--hotspots', path.join(mine, 'hotspots-native.json'),
    '--flame', `CPU, node=${path.join(mine, 'cpu-node.folded')}`]);
  const html = fs.readFileSync(out, 'utf8');
  for (const id of ['verdict', 'workloads', 'context']) assert.doesNotMatch(html, new RegExp(`<section id="${id}"`));
  assert.match(html, /<section id="hotspots"/);
});

test('unreadable inputs are errors naming the file', () => {
  const bad = path.join(work, 'bad.folded');
  fs.writeFileSync(bad, 'a;b;c 12\na;b\n');
  const r = tollgate(['report', '--out', path.join(work, 'x.html'), '--flame', `bad=${bad}`, path.join(fixtures, 'node-flat.json')], 2);
  assert.match(r.stderr, /bad\.folded:2: expected 'frame;frame;\.\.\. count'/);
  const hot = path.join(work, 'hot.json');
  fs.writeFileSync(hot, '{"format":"something-else"}');
  const h = tollgate(['report', '--out', path.join(work, 'y.html'), '--hotspots', hot, path.join(fixtures, 'node-flat.json')], 2);
  assert.match(h.stderr, /hot\.json: not a tollgate-hotspots\/1 table/);
});

test('the load benchmark builds a 50-file report and measures opening it', () => {
  // Not a results file (scripts/test.sh validates those): a folder of its own.
  const out = resultsPath('bench/report-load.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync('node', ['reports/bench/report-load.mjs', '--repetitions', '1', '--out', out], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const measured = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(measured.results_files, 50);
  assert.ok(measured.ready_ms.median > 0 && measured.draw_all_charts_ms.median >= 0);
  assert.match(r.stdout, /report over 50 results files .* ready in \d+ ms/);
});
