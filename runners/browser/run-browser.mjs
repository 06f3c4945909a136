#!/usr/bin/env node
// Runs workload suites in headless Chromium (Debian's, through Playwright) with
// the same driver as Node, served from our own 127.0.0.1 server with COOP/COEP.
//
//   node runners/browser/run-browser.mjs --suite vector [--profile quick|full]
//        [--out results/chromium.json] [--filter REGEX] [--variants ...]
//
// Rows arrive one by one from the page and are written at once; if the page
// crashes or the run times out, the file keeps them and names the unfinished
// cases. Exit status as run-node.mjs.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ResultsWriter, machineContext, wasmFileStats } from '../node/results-writer.mjs';
import { startServer } from './server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Flags verified on this kind of machine: without the background-networking ones
// Chromium floods a closed network with refused connections.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-precise-memory-info',
];

export function chromiumPath() {
  const candidates = [process.env.TOLLGATE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); install Debian's chromium (scripts/setup.sh)`);
  return found;
}

export async function launchChromium() {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

// Runs the suites in a fresh browser; `hooks.onRow(row, page)` lets tests act
// mid-run (crash the page, say). Returns the writer.
export async function runInBrowser(options, hooks = {}) {
  const buildDir = path.resolve(options.buildDir ?? path.join(root, 'build/wasm'));
  const server = await startServer({
    root, allow: ['runners/driver', 'runners/browser/page', 'workloads'],
    mounts: { '/build/wasm/modules': path.join(buildDir, 'modules') },
  });
  const browser = await launchChromium();
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  // The user agent is reduced to "156.0.0.0"; the browser's own CDP answer is exact.
  const cdp = await browser.context.newCDPSession(page);
  const version = (await cdp.send('Browser.getVersion')).product.replace(/^[A-Za-z]+\//, '');
  await cdp.detach();
  const writer = new ResultsWriter(options.out, machineContext({
    runtime: 'chromium', runtimeVersion: `Chromium ${version} (headless)`, profile: options.profile,
  }));
  const errors = [];
  let stopped;
  const stop = new Promise((resolve) => { stopped = resolve; });
  try {
    await page.exposeFunction('tollgateContext', (context) => writer.mergeContext(context));
    await page.exposeFunction('tollgateBegin', (names) => writer.begin(names));
    await page.exposeFunction('tollgateRow', async (row) => {
      writer.addRow(row);
      await hooks.onRow?.(row, page);
    });
    await page.exposeFunction('tollgateFailure', (failure) => writer.addFailure(failure));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('crash', () => stopped(new Error('the Chromium page crashed')));

    await page.goto(`${server.url}/runners/browser/page/index.html`);
    await page.waitForFunction(() => window.tollgateReady === true, null, { timeout: 30000 });
    const isolated = await page.evaluate(() => self.crossOriginIsolated);
    writer.mergeContext({ cross_origin_isolated: isolated });

    const timeoutMs = options.timeoutMs ?? 30 * 60 * 1000;
    const timer = setTimeout(() => stopped(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
    try {
      for (const suite of options.suites) {
        const suiteJson = JSON.parse(fs.readFileSync(path.join(root, 'workloads', suite, 'suite.json'), 'utf8'));
        for (const name of [suiteJson.module, ...(suiteJson.modules ?? [])]) {
          writer.mergeContext({ wasm: { [name]: wasmFileStats(path.join(buildDir, 'modules', `${name}.wasm`)) } });
        }
        const run = page.evaluate((o) => window.tollgateRun(o), {
          suite, profile: options.profile, filter: options.filter ?? null, variants: options.variants ?? null,
        });
        const outcome = await Promise.race([run.then(() => null), stop]);
        if (outcome instanceof Error) throw outcome;
      }
    } finally {
      clearTimeout(timer);
    }
    for (const message of errors) console.warn(`run-browser: the page reported: ${message}`);
  } catch (error) {
    const detail = errors.length > 0 ? ` (page said: ${errors.slice(-3).join(' | ')})` : '';
    writer.abandon('runner', `${error.message}${detail}`);
    throw Object.assign(error, { writer });
  } finally {
    await browser.close();
    await server.close();
  }
  return writer;
}

async function main() {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string', multiple: true, default: ['vector'] },
      profile: { type: 'string', default: 'quick' },
      out: { type: 'string', default: 'results/chromium.json' },
      filter: { type: 'string' },
      variants: { type: 'string' },
      'build-dir': { type: 'string' },
      'timeout-s': { type: 'string' },
    },
  });
  try {
    const writer = await runInBrowser({
      suites: values.suite, profile: values.profile, out: values.out, filter: values.filter,
      variants: values.variants?.split(','), buildDir: values['build-dir'],
      timeoutMs: values['timeout-s'] ? Number(values['timeout-s']) * 1000 : undefined,
    });
    console.log(`run-browser: ${writer.rows.length} rows, ${writer.failures.length} failures -> ${values.out}`);
    return writer.failures.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`run-browser: ${error.message}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
