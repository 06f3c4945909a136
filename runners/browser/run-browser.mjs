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
import { RUN_OPTIONS, buildDirOption, watchdogOption } from '../node/run-node.mjs';
import { parseCommandLine } from '../node/command-line.mjs';
import { CaseProgress, plannedCases } from '../node/progress.mjs';
import { DEFAULT_WATCHDOG_MS } from '../driver/watchdog.mjs';
import { hangLimitMs, runSupervised } from '../node/supervisor.mjs';
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
//
// The watchdog (options.watchdogMs, runners/driver/watchdog.mjs): in the page,
// an operation whose promise never settles fails by itself. A synchronous call
// that never returns stops the page from saying anything at all; the page says
// something at least every second while it works and at every change of pass,
// so a silence longer than the watchdog allows means it is stuck. Then the case
// in progress is recorded as failed, naming the last operation the page reported,
// the browser is closed, and the suite goes on in a new one without what is
// already done. The Node-side data preparation runs in a watched worker too
// (runners/node/supervisor.mjs).
export async function runInBrowser(options, hooks = {}) {
  const buildDir = path.resolve(options.buildDir ?? path.join(root, 'build/wasm'));
  const searchDirs = [...searchDirsFromEnv(), ...(options.workloads ?? [])];
  const registry = new WorkloadRegistry({ buildDir, searchDirs });
  const workloads = registry.select(options.suites ?? []);
  const watchdogMs = options.watchdogMs ?? DEFAULT_WATCHDOG_MS;
  // One line per finished case when asked (the command line does; tests do not).
  const progress = options.progress
    ? new CaseProgress('chromium', plannedCases(workloads.map((w) => w.suite), options)) : null;
  let driverPage = await startDriverPage(buildDir, registry, workloads);
  const writer = new ResultsWriter(options.out, machineContext({
    runtime: 'chromium', runtimeVersion: `Chromium ${driverPage.version} (headless)`, profile: options.profile,
  }));
  const finished = new Set();  // benchmark names with a row or a failure
  const heard = { at: Date.now(), progress: null };
  const errors = [];
  let stopped;
  const stop = new Promise((resolve) => { stopped = resolve; });
  const record = {
    mergeContext: (context) => writer.mergeContext(context),
    begin: (names) => { writer.begin(names); progress?.begin(names); },
    addRow: (row) => { writer.addRow(row); finished.add(row.name); progress?.row(row); },
    addFailure: (failure) => { writer.addFailure(failure); finished.add(failure.name); progress?.failure(failure); },
    get inProgress() { return writer.inProgress; },
  };

  // Wires a (new) page to the writer; every message from it proves it is alive.
  const wire = async (dp) => {
    const { page } = dp;
    const alive = (f) => async (...args) => {
      heard.at = Date.now();
      return f(...args);
    };
    await page.exposeFunction('tollgateContext', alive(record.mergeContext));
    await page.exposeFunction('tollgateBegin', alive(record.begin));
    await page.exposeFunction('tollgateProgress', alive((info) => { heard.progress = info; }));
    await page.exposeFunction('tollgateRow', alive(async (row) => {
      record.addRow(row);
      await hooks.onRow?.(row, page, dp.server);
    }));
    await page.exposeFunction('tollgateFailure', alive(record.addFailure));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('crash', () => stopped(new Error('the Chromium page crashed')));
    await dp.open();
    heard.at = Date.now();
  };

  // Resolves 'hung' once the page has been silent longer than the watchdog allows.
  const silence = () => {
    let timer;
    const hung = new Promise((resolve) => {
      timer = setInterval(() => { if (Date.now() - heard.at > hangLimitMs(watchdogMs)) resolve('hung'); }, 200);
    });
    return { hung, cancel: () => clearInterval(timer) };
  };

  try {
    await wire(driverPage);
    writer.mergeContext({ cross_origin_isolated: await driverPage.page.evaluate(() => self.crossOriginIsolated) });

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
        // Data files the page will read by range are written first, by the same
        // module in Node (a watched worker): the page can only read them.
        await runSupervised({
          task: {
            mode: 'prepareData', suites: [suite], searchDirs,
            options: { profile: options.profile, filter: options.filter, variants: options.variants },
          },
          buildDir, writer: record, watchdogMs,
        });
        for (;;) {
          const watch = silence();
          const run = driverPage.page.evaluate((o) => window.tollgateRun(o), {
            suite, profile: options.profile, filter: options.filter ?? null, variants: options.variants ?? null,
            inject, watchdogMs, skip: [...finished],
          });
          run.catch(() => {});  // a closed page rejects it: the outcome below says why
          const outcome = await Promise.race([run, stop, watch.hung]).finally(watch.cancel);
          if (outcome instanceof Error) throw outcome;
          if (outcome !== 'hung') {
            outcome.injected.forEach((name) => injected.add(name));
            break;
          }
          // Stuck in a synchronous call: fail the case in progress, start afresh.
          const last = heard.progress;
          const silentS = Math.round((Date.now() - heard.at) / 1000);
          const message = `the page stopped responding for ${silentS} s${last ? ` after starting ${last.hook} (${last.stage})` : ''} `
            + '(watchdog: a synchronous call that never returned); the browser was closed and the suite went on in a new one';
          const stuck = [...writer.inProgress].filter((name) => !finished.has(name));
          if (stuck.length === 0) throw new Error(message);
          for (const name of stuck) record.addFailure({ name, stage: last?.stage ?? 'runner', message });
          await driverPage.close();
          driverPage = await startDriverPage(buildDir, registry, workloads);
          await wire(driverPage);
        }
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
      workloads: values.workloads, progress: true, watchdogMs: watchdogOption(values),
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
