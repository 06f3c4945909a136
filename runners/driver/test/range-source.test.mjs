// The HTTP byte-range source against the project's own server: sizes from HEAD,
// exact 206 reads, and retries with backoff on failed or short reads, but never
// on answers that cannot become right.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../../browser/server.mjs';
import { HttpRangeSource } from '../range-source.mjs';
import { FileRangeSource, dataFolder } from '../../node/data-folder.mjs';

let server;
let dir;
const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) & 0xff);
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-range-'));
  fs.writeFileSync(path.join(dir, 'file.bin'), bytes);
  server = await startServer({ root: dir, allow: ['.'], mounts: {} });
});
after(() => server.close());

const url = () => `${server.url}/file.bin`;
const noSleep = (waits) => (ms) => { waits.push(ms); return Promise.resolve(); };

test('HEAD gives the size and each read is one 206 of exactly the bytes asked', async () => {
  const source = await HttpRangeSource.open(url());
  assert.equal(source.size, 5000);
  const before = server.requests.length;
  assert.deepEqual(await source.read(4990, 10), bytes.subarray(4990));
  assert.deepEqual(await source.read(0, 1), bytes.subarray(0, 1));
  assert.deepEqual(server.requests.slice(before).map((r) => [r.range, r.status, r.bytes]), [['bytes=4990-4999', 206, 10], ['bytes=0-0', 206, 1]]);
  assert.equal(source.requests, 2);
  assert.equal(source.bytesRead, 11);
  await assert.rejects(source.read(4999, 2), /cannot read 2 bytes at 4999 of a 5000-byte file/);
});

test('network failures, 5xx answers and short reads are retried with exponential backoff', async () => {
  let calls = 0;
  const flaky = async (resource, init) => {
    calls++;
    if (init?.method === 'HEAD') return fetch(resource, init);
    if (calls === 2) throw new TypeError('fetch failed');
    if (calls === 3) return new Response('busy', { status: 503, statusText: 'Service Unavailable' });
    const real = await fetch(resource, init);
    if (calls === 4) {  // a 206 cut short
      const body = new Uint8Array(await real.arrayBuffer()).subarray(0, 3);
      return new Response(body, { status: 206, headers: real.headers });
    }
    return real;
  };
  const waits = [];
  const source = await HttpRangeSource.open(url(), { fetch: flaky, sleep: noSleep(waits), backoffMs: 10 });
  assert.deepEqual(await source.read(100, 50), bytes.subarray(100, 150));
  assert.deepEqual(waits, [10, 20, 40]);
  assert.equal(source.retried, 3);
  assert.equal(source.requests, 1);
});

test('retries end, and answers that cannot become right fail at once, saying why', async () => {
  const waits = [];
  const down = async (resource, init) => (init?.method === 'HEAD' ? fetch(resource, init) : new Response('', { status: 502, statusText: 'Bad Gateway' }));
  const source = await HttpRangeSource.open(url(), { fetch: down, sleep: noSleep(waits), retries: 2 });
  await assert.rejects(source.read(0, 10), /HTTP 502 Bad Gateway \(after 3 attempts\)/);
  assert.deepEqual(waits, [50, 100]);

  const lying = new HttpRangeSource(url(), 10000, { sleep: noSleep(waits) });  // believes the file is larger
  waits.length = 0;
  await assert.rejects(lying.read(6000, 10), /HTTP 416/);
  assert.deepEqual(waits, [], 'a 416 is not retried');
  await assert.rejects(HttpRangeSource.open(`${server.url}/missing.bin`), /HEAD .*missing\.bin: HTTP 404/);

  const ignoring = async (resource, init) => (init?.method === 'HEAD' ? fetch(resource, init) : fetch(resource, { method: 'GET' }));
  const plain = await HttpRangeSource.open(url(), { fetch: ignoring, sleep: noSleep(waits) });
  await assert.rejects(plain.read(0, 10), /HTTP 200 OK: the server ignored the range/);
});

test('the Node data folder writes atomically, refuses paths outside it, and reads ranges with fs', async () => {
  const data = dataFolder(path.join(dir, 'data'));
  assert.equal(data.exists('a/b.bin'), false);
  data.write('a/b.bin', bytes);
  assert.equal(data.exists('a/b.bin'), true);
  assert.equal(fs.existsSync(path.join(dir, 'data/a/b.bin.tmp')), false);
  assert.throws(() => data.write('../escape.bin', bytes), /outside/);
  const source = await data.open('a/b.bin');
  assert.ok(source instanceof FileRangeSource);
  assert.equal(source.size, 5000);
  assert.deepEqual(source.read(10, 5), bytes.subarray(10, 15));
  assert.throws(() => source.read(4998, 5), /cannot read 5 bytes at 4998/);
  assert.equal(source.requests, 1);
  source.close();
});

test('a server that accepts a request and then goes silent is a timed-out attempt, retried, then a named failure', async () => {
  const net = await import('node:net');
  // Accepts connections, reads the request, never answers.
  const silent = net.createServer((socket) => socket.on('data', () => {}));
  await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentUrl = `http://127.0.0.1:${silent.address().port}/file.bin`;
  try {
    const waits = [];
    const started = performance.now();
    await assert.rejects(HttpRangeSource.open(silentUrl, { timeoutMs: 100, retries: 2, sleep: noSleep(waits) }),
      /HEAD http:\/\/127\.0\.0\.1:\d+\/file\.bin: no complete answer within 0\.1 s \(after 3 attempts\)/);
    assert.equal(waits.length, 2);
    assert.ok(performance.now() - started < 5000);

    // A read whose body never ends, from a fetch that ignores the abort signal.
    const stalls = async (resource, init) => (init?.method === 'HEAD' ? fetch(resource, init) : new Promise(() => {}));
    const source = await HttpRangeSource.open(url(), { fetch: stalls, timeoutMs: 100, retries: 1, sleep: noSleep([]) });
    await assert.rejects(source.read(0, 10), /GET .*bytes=0-9: no complete answer within 0\.1 s \(after 2 attempts\)/);
  } finally {
    silent.close();
  }
});
