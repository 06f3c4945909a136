// The profiling command end to end on a program whose profile is known
// (harness/test/profile_target): in every runtime its hottest function is found by
// name in the CPU flamegraph, and its one allocation site with its exact byte count
// in the hotspot table.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { launchChromium } from './browser/run-browser.mjs';
import { PHASES } from './driver/phases.mjs';
import { resultsPath, root } from './test-support.mjs';

const KNOWN_BYTES = 123456;
const out = resultsPath('profiles');
fs.rmSync(out, { recursive: true, force: true });
const run = spawnSync('bash', ['scripts/profile.sh', '--suite', 'harness/test/profile_target', '--seconds', '1', '--out', out],
  { cwd: root, encoding: 'utf8' });
const caseDir = path.join(out, 'profile_target.run_iterations_2000000');
const read = (dir, file) => fs.readFileSync(path.join(caseDir, dir, file), 'utf8');

function selfTimes(folded) {
  const self = new Map();
  for (const line of folded.trim().split('\n')) {
    const at = line.lastIndexOf(' ');
    const frames = line.slice(0, at).split(';');
    self.set(frames.at(-1), (self.get(frames.at(-1)) ?? 0) + Number(line.slice(at + 1)));
  }
  return [...self].sort((a, b) => b[1] - a[1]);
}

test('the profiling command runs in every runtime', () => {
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(fs.readdirSync(caseDir).sort(), ['chromium-direct', 'native-kernel', 'node-direct', 'report.html']);
});

for (const [dir, layer] of [['native-kernel', 'native'], ['node-direct', 'wasm'], ['chromium-direct', 'wasm']]) {
  test(`${dir}: the known hottest function, named, tops the CPU flamegraph`, (t) => {
    if (dir === 'native-kernel' && fs.existsSync(path.join(caseDir, dir, 'cpu-unavailable.txt'))) {
      // The documented fallback: no perf here. The note must say why, plainly.
      const why = read(dir, 'cpu-unavailable.txt');
      assert.match(why, /perf/);
      t.diagnostic(`native CPU profile unavailable on this machine: ${why.trim()}`);
      return;
    }
    const [hottest, second] = selfTimes(read(dir, 'cpu.folded'));
    assert.match(hottest[0], new RegExp(`^tollgate::profile_target::knownHotFunction.* \\[${layer}\\]$`), `hottest: ${hottest[0]}`);
    assert.ok(hottest[1] > 3 * second[1], `the hot function should dominate: ${hottest} then ${second}`);
  });

  test(`${dir}: the known allocation site, with its exact bytes, in the hotspot table`, () => {
    const table = JSON.parse(read(dir, 'hotspots.json'));
    assert.equal(table.format, 'tollgate-hotspots/1');
    const site = table.sites.find((s) => (layer === 'native'
      ? s.site === 'tollgate::profile_target::knownAllocationSite()'
      : s.site === 'phase serialize'));
    assert.ok(site, `no known site in ${JSON.stringify(table.sites.map((s) => s.site))}`);
    assert.equal(site.scope, 'serialize');
    assert.equal(site.allocations, table.ops, 'one allocation per operation');
    assert.equal(site.bytes, KNOWN_BYTES * site.allocations);
    assert.equal(site.peak_live_bytes, 2 * KNOWN_BYTES, 'the new block is allocated before the old one is freed');
    assert.equal(site.live_end_bytes, KNOWN_BYTES);
    // The profiled allocations peak with the old and the new block live at once (and,
    // natively, the runner's own small result string); shares are parts of that peak:
    // they add up to it and never pass 100%.
    assert.ok(table.peak_bytes >= 2 * KNOWN_BYTES && table.peak_bytes < 2 * KNOWN_BYTES + 1024, `peak ${table.peak_bytes}`);
    assert.ok(site.share_of_peak > 0.99 && site.share_of_peak <= 1, `share ${site.share_of_peak}`);
    const total = table.sites.reduce((sum, s) => sum + s.share_of_peak, 0);
    assert.ok(Math.abs(total - 1) < 1e-9, `shares add up to ${total}`);
  });

  test(`${dir}: the probes' trace, instrumented flamegraph and memory figures`, () => {
    const trace = JSON.parse(read(dir, 'trace.json'));
    assert.ok(trace.traceEvents.length > 0);
    assert.ok(trace.traceEvents.every((e) => e.ph === 'X' && PHASES.includes(e.name) && e.dur >= 0));
    const phases = read(dir, 'phases.folded');
    assert.match(phases, new RegExp(`compute \\[${layer === 'native' ? 'native' : 'wasm'}\\] \\d+`));
    assert.match(phases, /serialize \[/);
    const memory = JSON.parse(read(dir, 'memory.json'));
    assert.equal(memory.format, 'tollgate-memory/1');
    assert.equal(memory.heap_peak_bytes, KNOWN_BYTES);
    for (const key of ['alloc_hook_overhead_ns', 'alloc_profile_overhead_ns', 'probe_overhead_ns']) {
      assert.ok(Number.isFinite(memory[key]), `${key} not measured`);
    }
    if (layer === 'wasm') {
      assert.ok(memory.linear_memory_bytes >= 16 * 1024 * 1024);
      assert.ok(Array.isArray(memory.linear_memory_growth));
    }
    assert.ok(memory.process.rss_bytes > 0 || memory.process.renderer_rss_bytes > 0, 'no process memory');
  });
}

test('the side-by-side report opens without errors and shows every runtime', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`file://${path.join(caseDir, 'report.html')}`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const titles = await page.locator('#flame-select option').allTextContents();
    for (const dir of ['chromium-direct', 'node-direct', 'native-kernel']) {
      assert.ok(titles.includes(`${dir}, boundary phases`), `${dir} phases missing: ${titles}`);
    }
    assert.equal(await page.locator('#memory-table tbody tr').count(), 3);
    assert.equal(await page.locator('#hotspots table').count(), 3);
    await page.selectOption('#flame-select-b', { label: 'node-direct, boundary phases' });
    assert.equal(await page.locator('#flamegraph-b').isVisible(), true);
    await page.screenshot({ path: resultsPath('screenshots/profile-report.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
