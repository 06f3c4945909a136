#!/usr/bin/env node
// Profiles workload variants in headless Chromium: the driver's profiling pass in
// the page, with the DevTools protocol's sampling profiler around the operation loop
// and the renderer's memory read from /proc.
//
//   node runners/browser/profile-browser.mjs --suite vector [--filter REGEX]
//        [--variants a,b] [--seconds 2] [--out-dir profiles]
//
// Exit status: 0 profiled, 2 failed (the message says why).

import '../node/register-tollgate.mjs';  // first: adapters outside the tree import 'tollgate'
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prepareSuiteData } from '../driver/driver.mjs';
import { writeProfileArtifact } from '../node/profile-writer.mjs';
import { nodeHost } from '../node/node-host.mjs';
import { PROFILE_OPTIONS, profileSeconds } from '../node/profile-node.mjs';
import { parseCommandLine } from '../node/command-line.mjs';
import { WorkloadRegistry, searchDirsFromEnv } from '../node/workload-registry.mjs';
import { startDriverPage } from './run-browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function profileInBrowser({ suite, filter = null, variants = null, seconds = 2, outDir, buildDir, workloads = [] }) {
  const build = path.resolve(buildDir ?? path.join(root, 'build/wasm'));
  const registry = new WorkloadRegistry({ buildDir: build, searchDirs: [...searchDirsFromEnv(), ...workloads] });
  const workload = registry.get(suite);
  suite = workload.name;  // a folder given by path: the page knows it by name
  const driverPage = await startDriverPage(build, registry, [workload]);
  const { page } = driverPage;
  const written = [];
  const errors = [];
  try {
    const cdp = await page.context().newCDPSession(page);
    let lastProfile = null;
    await page.exposeFunction('tollgateCpuProfileStart', async () => {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    });
    await page.exposeFunction('tollgateCpuProfileStop', async () => {
      lastProfile = (await cdp.send('Profiler.stop')).profile;
    });
    await page.exposeFunction('tollgateProfileArtifact', (artifact) => {
      written.push(writeProfileArtifact(outDir, { ...artifact, cpu_profile: lastProfile }));
      lastProfile = null;
    });
    page.on('pageerror', (error) => errors.push(error.message));
    let crashed;
    const crash = new Promise((resolve) => { crashed = resolve; });
    page.on('crash', () => crashed(new Error('the Chromium page crashed while profiling')));
    await prepareSuiteData(nodeHost({ writer: null, buildDir: build, registry }), { suite, filter, variants });
    await driverPage.open();
    const run = page.evaluate((o) => window.tollgateProfile(o), { suite, filter, variants, seconds });
    const outcome = await Promise.race([run.then(() => null), crash]);
    if (outcome instanceof Error) throw outcome;
  } catch (error) {
    const detail = errors.length ? ` (page said: ${errors.slice(-3).join(' | ')})` : '';
    throw new Error(`${error.message}${detail}`);
  } finally {
    await driverPage.close();
  }
  return { written, version: driverPage.version };
}

async function main() {
  const values = parseCommandLine({
    command: 'profile-browser.mjs',
    summary: "Profiles workload variants in headless Chromium: the driver's profiling pass in the page, with the "
      + "DevTools protocol's sampling profiler and the renderer's memory from /proc.",
    options: PROFILE_OPTIONS,
    details: 'Exit status: 0 profiled, 2 failed (the message says why).',
  });
  const seconds = profileSeconds(values, 'profile-browser.mjs');
  try {
    const { written } = await profileInBrowser({
      suite: values.suite, filter: values.filter ?? null, variants: values.variants?.split(',') ?? null,
      seconds, outDir: values['out-dir'], buildDir: values['build-dir'], workloads: values.workloads ?? [],
    });
    for (const dir of written) console.log(`profile-browser: -> ${dir}`);
    return 0;
  } catch (error) {
    console.error(`profile-browser: ${error.message}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
