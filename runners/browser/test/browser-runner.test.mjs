// The browser runner in real headless Chromium (Debian's), and the promise the
// whole project rests on: native, Node and Chromium compute identical results.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { runInBrowser } from '../run-browser.mjs';
import { nativeRunner, resultsPath, root, validateFile } from '../../test-support.mjs';

const FILTER = 'flat/n:1000/dim:128';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
}

test('Chromium runs the shared driver cross-origin isolated, and native, Node and Chromium agree', async () => {
  const files = { native: resultsPath('cross-native.json'), node: resultsPath('cross-node.json'), chromium: resultsPath('cross-chromium.json') };
  run(nativeRunner, ['--suite=vector', '--profile=quick', `--filter=${FILTER}`, `--out=${files.native}`, '--benchmark_color=false']);
  run('node', ['runners/node/run-node.mjs', '--suite', 'vector', '--profile', 'quick', '--filter', FILTER, '--out', files.node]);
  const writer = await runInBrowser({ suites: ['vector'], profile: 'quick', filter: FILTER, out: files.chromium });

  assert.equal(writer.failures.length, 0, JSON.stringify(writer.failures));
  const context = writer.context;
  assert.equal(context.runtime, 'chromium');
  assert.equal(context.cross_origin_isolated, true);
  assert.ok(context.timer_resolution_ns <= 20000, `timer resolution ${context.timer_resolution_ns} ns: not cross-origin isolated?`);
  assert.match(context.runtime_version, /^Chromium \d+\.\d+\.\d+\.\d+/);
  assert.ok(context.wasm.vector.size_bytes > 0 && context.wasm.vector.gzip_bytes < context.wasm.vector.size_bytes);

  const digests = new Map();
  for (const [runtime, file] of Object.entries(files)) {
    assert.deepEqual(validateFile(file), [], `${runtime} results do not validate`);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.ok(doc.benchmarks.length >= 2, `${runtime}: too few rows`);
    for (const row of doc.benchmarks) {
      const key = `${row.operation} ${JSON.stringify(row.params)}`;
      if (!digests.has(key)) digests.set(key, new Map());
      digests.get(key).set(`${runtime}/${row.variant}`, row.result_digest);
    }
  }
  for (const [key, byRun] of digests) {
    assert.equal(byRun.size, 7, `${key}: expected native + 3 variants x 2 runtimes, got ${[...byRun.keys()]}`);
    assert.equal(new Set(byRun.values()).size, 1, `${key}: results differ: ${JSON.stringify([...byRun])}`);
  }
});

test('a renderer crash mid-run keeps the rows measured and names the unfinished cases', async () => {
  const out = resultsPath('crash-chromium.json');
  let crashed = false;
  const error = await runInBrowser({ suites: ['vector'], profile: 'quick', filter: FILTER, out }, {
    onRow: async (row, page) => {
      if (crashed) return;
      crashed = true;
      const cdp = await page.context().newCDPSession(page);
      cdp.send('Page.crash').catch(() => {});  // never answers: the renderer is gone
    },
  }).then(() => null, (e) => e);

  assert.ok(error, 'the run did not report the crash');
  assert.match(error.message, /page crashed/);
  const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.deepEqual(validateFile(out), []);
  assert.equal(doc.benchmarks.length, 1, 'the row measured before the crash was lost');
  const unfinished = doc.failures.filter((f) => f.stage === 'runner');
  assert.ok(unfinished.length >= 2, `unfinished variants not named: ${JSON.stringify(doc.failures)}`);
  for (const f of unfinished) {
    assert.match(f.name, /^vector\.insert\/(batch|zero_copy)\/index:flat/);
    assert.match(f.message, /page crashed/);
  }
});

// One raw HTTP request (no client normalizes it); resolves to the status code.
function rawStatus(port, request) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk) => { reply += chunk; });
    socket.on('error', reject);
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0)));
    socket.end(request);
  });
}

test('hostile requests to the server during a Chromium run are refused and the run completes with every row', async () => {
  const out = resultsPath('hostile-requests-chromium.json');
  const answers = [];
  let sent = false;
  const writer = await runInBrowser({ suites: ['vector'], profile: 'quick', filter: FILTER, out }, {
    onRow: async (row, page, server) => {
      if (sent) return;
      sent = true;
      const host = `Host: 127.0.0.1:${server.port}`;
      const hostile = [
        ['/%', host, 400], ['/workloads/%E0%A4%A', host, 400], ['http://[', host, 400],
        ['/data/..%2f..%2f..%2fworkloads%2fvector%2fsuite.json', host, 400],
        ['/workloads/vector/suite.json', 'Host: rebound.example', 403],
        ['/workloads/vector/suite.json', `Host: localhost:${server.port}`, 403],
      ];
      for (const [target, header, expected] of hostile) {
        const status = await rawStatus(server.port, `GET ${target} HTTP/1.1\r\n${header}\r\nConnection: close\r\n\r\n`);
        answers.push({ target, header, status, expected });
      }
    },
  });
  assert.ok(sent, 'no row arrived, so nothing hostile was sent mid-run');
  for (const a of answers) assert.equal(a.status, a.expected, `${a.target} with ${a.header}`);
  assert.equal(writer.failures.length, 0, JSON.stringify(writer.failures));
  assert.deepEqual(validateFile(out), []);
  const variants = new Map();
  for (const row of writer.rows) {
    const key = `${row.operation} ${JSON.stringify(row.params)}`;
    variants.set(key, [...(variants.get(key) ?? []), row.variant].sort());
  }
  assert.deepEqual([...variants.keys()].map((k) => k.split(' ')[0]).sort(), ['insert', 'search']);
  for (const [key, got] of variants) assert.deepEqual(got, ['batch', 'single', 'zero_copy'], key);
});

test('a page stuck in a wasm call that never returns is stopped by the watchdog; the suite goes on in a new browser', async () => {
  const out = resultsPath('hang-chromium.json');
  const started = Date.now();
  const writer = await runInBrowser({
    suites: ['vector'], profile: 'quick', out, watchdogMs: 3000, inject: ['single_never_returns'],
    filter: 'insert/.*/index:flat/n:1000/dim:128|search/batch/index:flat/n:1000/',
  });
  assert.ok(Date.now() - started < 180_000, 'the hang held the run');
  assert.deepEqual(validateFile(out), []);
  // The page cannot say which operation hung: the whole case in progress fails,
  // naming the last operation it reported; the case after it is measured.
  assert.deepEqual(writer.rows.map((r) => `${r.operation}/${r.variant}`), ['search/batch']);
  assert.deepEqual(writer.failures.map((f) => f.name).sort(), ['single', 'batch', 'zero_copy'].sort()
    .map((v) => `vector.insert/${v}/index:flat/n:1000/dim:128`));
  for (const f of writer.failures) {
    assert.match(f.message, /^the page stopped responding for \d+ s after starting .* \(watchdog: a synchronous call that never returned\)/);
  }
});
