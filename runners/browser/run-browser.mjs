#!/usr/bin/env node
// Runs workload suites in headless Chromium (Debian's, through Playwright) with
// the same driver as Node, served from our own 127.0.0.1 server with COOP/COEP.
//
//   node runners/browser/run-browser.mjs [--suite vector] [--profile quick|full]
//        [--out results/chromium.json] [--filter REGEX] [--variants ...] [--workloads DIR]...
//
// Workloads are found as in Node (runners/node/workload-registry.mjs); each one's
// folder is served to the page at /workloads/<name>/, wherever it lives.
//
// Rows arrive one by one from the page and are written at once; if the page
// crashes or the run times out, the file keeps them and names the unfinished
// cases. Exit status as run-node.mjs.

import '../node/register-tollgate.mjs';  // first: adapters outside the tree import 'tollgate'
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ResultsWriter, machineContext, wasmFileStats } from '../node/results-writer.mjs';
import { RUN_OPTIONS, buildDirOption, nodeHost } from '../node/run-node.mjs';
import { parseCommandLine } from '../node/command-line.mjs';
import { CaseProgress, plannedCases } from '../node/progress.mjs';
import { prepareSuiteData } from '../driver/driver.mjs';
import { WorkloadRegistry, searchDirsFromEnv } from '../node/workload-registry.mjs';
import { pagePackages } from '../node/page-packages.mjs';
import { startServer } from './server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Flags verified on this kind of machine: without the background-networking ones
// Chromium floods a closed network with refused connections.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-precise-memory-info',
  '--js-flags=--expose-gc',  // the driver collects garbage before each timed sample
];

export function chromiumPath() {
  const candidates = [process.env.TOLLGATE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); install Debian's chromium (scripts/setup.sh)`);
  return found;
}

export async function launchChromium() {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-chromium-'));
  // Loaded here, not at the top: `--help` and usage errors answer without it (a second).
  const { chromium } = await import('playwright-core');
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

// The page's renderer process memory, from /proc: the renderer with the largest
// RSS, which is the page's (it holds the wasm memory; the others are blank).
// {} where it cannot be read (another OS, a renderer gone).
export async function rendererMemory(browserCdp) {
  try {
    const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
    let best = null;
    for (const p of processInfo.filter((info) => info.type === 'renderer')) {
      const status = fs.readFileSync(`/proc/${p.id}/status`, 'utf8');
      const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      const m = { renderer_rss_bytes: kib('VmRSS'), renderer_rss_peak_bytes: kib('VmHWM') };
      if (Number.isFinite(m.renderer_rss_bytes) && (!best || m.renderer_rss_bytes > best.renderer_rss_bytes)) best = m;
    }
    return best ?? {};
  } catch {
    return {};
  }
}

// A fresh headless Chromium with the driver's page loaded from our own 127.0.0.1
// server (COOP/COEP; the build's modules and data folder, and each workload's
// folder at /workloads/<name>/, mounted). The runner and the profiler both start here.
export async function startDriverPage(buildDir, registry, workloads) {
  // The page, with an import map for the npm packages the workloads' adapters
  // import (page-packages.mjs), written beside the run's other temporary files.
  const packages = pagePackages(workloads, root);
  const pageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-page-'));
  const template = fs.readFileSync(path.join(root, 'runners/browser/page/index.html'), 'utf8');
  const imports = { tollgate: '/runners/driver/tollgate.mjs', ...packages.imports };
  fs.writeFileSync(path.join(pageDir, 'index.html'),
    template.replace(/<script type="importmap">[\s\S]*?<\/script>/, `<script type="importmap">${JSON.stringify({ imports })}</script>`));
  const server = await startServer({
    root, allow: ['runners/driver', 'runners/browser/page', 'harness/schema'],
    mounts: {
      '/build/wasm/modules': path.join(buildDir, 'modules'), '/data': path.join(buildDir, 'data'), '/page': pageDir,
      ...registry.mountsFor(workloads), ...packages.mounts,
    },
  });
  const browser = await launchChromium();
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  // The user agent is reduced to "156.0.0.0"; the browser's own CDP answer is exact.
  const cdp = await browser.context.newCDPSession(page);
  const version = (await cdp.send('Browser.getVersion')).product.replace(/^[A-Za-z]+\//, '');
  await cdp.detach();
  // No browser API counts linear memory: the renderer's RSS comes from /proc.
  const browserCdp = await browser.context.browser().newBrowserCDPSession();
  await page.exposeFunction('tollgateProcessMemory', () => rendererMemory(browserCdp));
  return {
    server, browser, page, version,
    open: async () => {
      await page.goto(`${server.url}/page/index.html`);
      await page.waitForFunction(() => window.tollgateReady === true, null, { timeout: 30000 });
    },
    close: async () => {
      await browser.close();
      await server.close();
      fs.rmSync(pageDir, { recursive: true, force: true });
    },
  };
}

// Runs the suites in a fresh browser; `hooks.onRow(row, page, server)` lets tests
// act mid-run (crash the page, send the server hostile requests). Returns the writer.
export async function runInBrowser(options, hooks = {}) {
  const buildDir = path.resolve(options.buildDir ?? path.join(root, 'build/wasm'));
  const registry = new WorkloadRegistry({ buildDir, searchDirs: [...searchDirsFromEnv(), ...(options.workloads ?? [])] });
  const workloads = registry.select(options.suites ?? []);
  // One line per finished case when asked (the command line does; tests do not).
  const progress = options.progress
    ? new CaseProgress('chromium', plannedCases(workloads.map((w) => w.suite), options)) : null;
  const driverPage = await startDriverPage(buildDir, registry, workloads);
  const { page } = driverPage;
  const writer = new ResultsWriter(options.out, machineContext({
    runtime: 'chromium', runtimeVersion: `Chromium ${driverPage.version} (headless)`, profile: options.profile,
  }));
  // Data files the page will read by range are written here first, by the same
  // module in Node: the page can only read them.
  const dataHost = nodeHost({ writer: null, buildDir, registry });
  const errors = [];
  let stopped;
  const stop = new Promise((resolve) => { stopped = resolve; });
  try {
    await page.exposeFunction('tollgateContext', (context) => writer.mergeContext(context));
    await page.exposeFunction('tollgateBegin', (names) => {
      writer.begin(names);
      progress?.begin(names);
    });
    await page.exposeFunction('tollgateRow', async (row) => {
      writer.addRow(row);
      progress?.row(row);
      await hooks.onRow?.(row, page, driverPage.server);
    });
    await page.exposeFunction('tollgateFailure', (failure) => {
      writer.addFailure(failure);
      progress?.failure(failure);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('crash', () => stopped(new Error('the Chromium page crashed')));

    await driverPage.open();
    const isolated = await page.evaluate(() => self.crossOriginIsolated);
    writer.mergeContext({ cross_origin_isolated: isolated });

    const timeoutMs = options.timeoutMs ?? 30 * 60 * 1000;
    const timer = setTimeout(() => stopped(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
    try {
      const inject = options.inject ?? [];
      const injected = new Set();
      for (const { name: suite, suite: suiteFile } of workloads) {
        const suiteJson = JSON.parse(fs.readFileSync(suiteFile, 'utf8'));
        for (const name of [suiteJson.module, ...(suiteJson.modules ?? [])].filter(Boolean)) {
          writer.mergeContext({ wasm: { [name]: wasmFileStats(path.join(buildDir, 'modules', `${name}.wasm`)) } });
        }
        await prepareSuiteData(dataHost, { suite, profile: options.profile, filter: options.filter, variants: options.variants });
        const run = page.evaluate((o) => window.tollgateRun(o), {
          suite, profile: options.profile, filter: options.filter ?? null, variants: options.variants ?? null, inject,
        });
        const outcome = await Promise.race([run, stop]);
        if (outcome instanceof Error) throw outcome;
        outcome.injected.forEach((name) => injected.add(name));
      }
      const unknown = inject.filter((name) => !injected.has(name));
      if (unknown.length > 0) throw new Error(`no workload run has an injection '${unknown.join("', '")}'`);
    } finally {
      clearTimeout(timer);
    }
    for (const message of errors) console.warn(`run-browser: the page reported: ${message}`);
  } catch (error) {
    const detail = errors.length > 0 ? ` (page said: ${errors.slice(-3).join(' | ')})` : '';
    writer.abandon('runner', `${error.message}${detail}`);
    throw Object.assign(error, { writer });
  } finally {
    await driverPage.close();
  }
  return writer;
}

async function main() {
  const values = parseCommandLine({
    command: 'run-browser.mjs',
    summary: 'Runs workload suites in headless Chromium (Debian\'s, through Playwright) with the same driver as Node, '
      + 'served from a 127.0.0.1 server with COOP/COEP, and writes a results file.',
    options: {
      ...RUN_OPTIONS,
      out: { value: 'FILE', help: 'the results file', default: 'results/chromium.json' },
      'timeout-s': { value: 'SECONDS', help: 'give up on the page after this long', default: '1800' },
    },
    details: 'Exit status: 0 all measured, 1 some cases failed (named in the file), 2 the run itself failed.',
  });
  const timeout = Number(values['timeout-s']);
  if (!(timeout > 0)) {
    console.error(`run-browser.mjs: --timeout-s takes a positive number of seconds; got '${values['timeout-s']}' (see run-browser.mjs --help)`);
    return 2;
  }
  try {
    const variants = values.variants?.split(',');
    const writer = await runInBrowser({
      suites: values.suite, profile: values.profile, out: values.out, filter: values.filter,
      variants, buildDir: buildDirOption(values), inject: values.inject?.split(','), timeoutMs: timeout * 1000,
      workloads: values.workloads, progress: true,
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
