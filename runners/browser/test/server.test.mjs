import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseRange, requestSegments, startServer } from '../server.mjs';

let server;
let dir;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-server-'));
  fs.mkdirSync(path.join(dir, 'public'));
  fs.mkdirSync(path.join(dir, 'private'));
  fs.mkdirSync(path.join(dir, 'elsewhere'));
  fs.writeFileSync(path.join(dir, 'public/data.bin'), Buffer.from('0123456789'));
  fs.writeFileSync(path.join(dir, 'public/m.wasm'), Buffer.from([0, 97, 115, 109]));
  fs.writeFileSync(path.join(dir, 'private/secret.txt'), 'top secret content');
  fs.writeFileSync(path.join(dir, 'elsewhere/mounted.mjs'), 'export default 1;');
  // Links inside a served folder: one to a file beside it, two out of it.
  fs.symlinkSync('data.bin', path.join(dir, 'public/alias.bin'));
  fs.symlinkSync('../private/secret.txt', path.join(dir, 'public/leak.txt'));
  fs.symlinkSync('../private', path.join(dir, 'public/leakdir'));
  server = await startServer({ root: dir, allow: ['public'], mounts: { '/mnt': path.join(dir, 'elsewhere') } });
});
after(() => server.close());

test('listens on 127.0.0.1 on a port the OS chose', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(server.port > 0);
});

test('serves allowed files with cross-origin isolation headers and the right types', async () => {
  const res = await fetch(`${server.url}/public/m.wasm`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  assert.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(res.headers.get('cross-origin-embedder-policy'), 'require-corp');
  const mounted = await fetch(`${server.url}/mnt/mounted.mjs`);
  assert.equal(mounted.status, 200);
  assert.match(mounted.headers.get('content-type'), /text\/javascript/);
});

test('refuses what is outside the allow-list, traversal included', async () => {
  for (const p of ['/private/secret.txt', '/public/../private/secret.txt', '/public/%2e%2e/private/secret.txt', '/public/', '/nope']) {
    const res = await fetch(`${server.url}${p}`);
    assert.equal(res.status, 404, p);
    assert.doesNotMatch(await res.text(), /secret/, p);
  }
  assert.equal((await fetch(`${server.url}/public/data.bin`, { method: 'POST' })).status, 405);
});

test('HEAD gives the size; ranges give 206 with Content-Range, or 416', async () => {
  const head = await fetch(`${server.url}/public/data.bin`, { method: 'HEAD' });
  assert.equal(head.headers.get('content-length'), '10');
  assert.equal(head.headers.get('accept-ranges'), 'bytes');
  const part = await fetch(`${server.url}/public/data.bin`, { headers: { Range: 'bytes=2-5' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), 'bytes 2-5/10');
  assert.equal(await part.text(), '2345');
  const tail = await fetch(`${server.url}/public/data.bin`, { headers: { Range: 'bytes=-3' } });
  assert.equal(await tail.text(), '789');
  const past = await fetch(`${server.url}/public/data.bin`, { headers: { Range: 'bytes=20-30' } });
  assert.equal(past.status, 416);
  assert.equal(past.headers.get('content-range'), 'bytes */10');
  const logged = server.requests.filter((r) => r.range === 'bytes=2-5');
  assert.deepEqual(logged.map((r) => [r.status, r.bytes]), [[206, 4]]);
});

test('a range read from disk in pieces is served whole; one cut short is a 500, never zeros', async () => {
  const readSync = fs.readSync;
  try {
    // The OS may return fewer bytes than asked: three at a time here.
    fs.readSync = (fd, buffer, offset, length, position) => readSync(fd, buffer, offset, Math.min(length, 3), position);
    const part = await fetch(`${server.url}/public/data.bin`, { headers: { Range: 'bytes=1-8' } });
    assert.equal(part.status, 206);
    assert.equal(await part.text(), '12345678');
    fs.readSync = () => 0;  // the file shrank between its size and its read
    const cut = await fetch(`${server.url}/public/data.bin`, { headers: { Range: 'bytes=1-8' } });
    assert.equal(cut.status, 500);
    assert.match(await cut.text(), /short read: 0 of 8 bytes/);
  } finally {
    fs.readSync = readSync;
  }
});

test('range parsing follows RFC 7233 for the forms it accepts', () => {
  assert.deepEqual(parseRange('bytes=0-0', 10), { start: 0, end: 0 });
  assert.deepEqual(parseRange('bytes=7-', 10), { start: 7, end: 9 });
  assert.deepEqual(parseRange('bytes=5-100', 10), { start: 5, end: 9 });
  assert.deepEqual(parseRange('bytes=-20', 10), { start: 0, end: 9 });
  for (const bad of ['bytes=5-2', 'bytes=10-', 'bytes=-0', 'bytes=-', 'items=1-2', 'bytes=1-2,4-5']) {
    assert.equal(parseRange(bad, 10), null, bad);
  }
});

// Sends `request` as raw bytes (no client normalizes it) and returns the status.
function raw(request) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk) => { reply += chunk; });
    socket.on('error', reject);
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0), reply }));
    socket.end(request);
  });
}
const host = () => `127.0.0.1:${server.port}`;
const get = (target, headers = `Host: ${host()}`) => raw(`GET ${target} HTTP/1.1\r\n${headers}\r\nConnection: close\r\n\r\n`);

async function stillServes() {
  const res = await fetch(`${server.url}/public/data.bin`);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '0123456789');
}

test('a malformed request target gets 400 and the server goes on', async () => {
  for (const target of ['/%', '/workloads/%E0%A4%A', '/public/%zz', 'http://[', 'http://127.0.0.1/public/data.bin', '*']) {
    const { status, reply } = await get(target);
    assert.equal(status, 400, `${target}: ${reply}`);
    await stillServes();
  }
  const { reply } = await get('/%');
  assert.match(reply, /malformed percent-encoding in path segment "%"/);
});

test('encoded separators and dot segments cannot leave a folder or a mount', async () => {
  const escapes = [
    '/mnt/..%2f..%2fpublic%2fdata.bin', '/mnt/..%2F..%2Fprivate%2Fsecret.txt', '/public/%2e%2e/private/secret.txt',
    '/public/..%5cprivate%5csecret.txt', '/public/data.bin%00.wasm', '/public/./data.bin', '/mnt/../public/data.bin',
  ];
  for (const target of escapes) {
    const { status, reply } = await get(target);
    assert.equal(status, 400, `${target}: ${reply}`);
    assert.doesNotMatch(reply, /top secret|0123456789/, target);
  }
  assert.match((await get('/mnt/..%2f..%2fpublic%2fdata.bin')).reply, /encodes a separator/);
  assert.equal((await get('/public//data.bin')).status, 200, 'an empty segment is harmless');
  assert.equal((await get('/public/data%2Ebin')).status, 200, 'an encoded ordinary character is decoded');
  await stillServes();
});

test('symlinks are followed only while they stay inside the served folder', async () => {
  const alias = await fetch(`${server.url}/public/alias.bin`);
  assert.equal(alias.status, 200);
  assert.equal(await alias.text(), '0123456789');
  for (const p of ['/public/leak.txt', '/public/leakdir/secret.txt']) {
    const res = await fetch(`${server.url}${p}`);
    assert.equal(res.status, 404, p);
    assert.doesNotMatch(await res.text(), /secret/, p);
  }
});

test('a request addressed to any other host is refused (DNS rebinding)', async () => {
  for (const headers of ['Host: attacker.example', `Host: attacker.example:${server.port}`, `Host: localhost:${server.port}`,
    'Host: 127.0.0.1', `Host: 127.0.0.1:${server.port + 1}`]) {
    const { status, reply } = await get('/public/data.bin', headers);
    assert.equal(status, 403, `${headers}: ${reply}`);
    assert.doesNotMatch(reply, /0123456789/);
  }
  const none = await raw('GET /public/data.bin HTTP/1.0\r\n\r\n');
  assert.equal(none.status, 403);
  assert.match(none.reply, /Host "\(none\)" is not this server/);
  assert.equal((await get('/public/data.bin')).status, 200);
});

test('request targets decode segment by segment', () => {
  assert.deepEqual(requestSegments('/a/b%20c/?q=1#f'), ['a', 'b c']);
  assert.deepEqual(requestSegments('/'), []);
  for (const bad of ['', 'a/b', '/%', '/%E0%A4%A', '/a/%2F', '/a/%5C', '/..', '/a/%2e', '/%00']) {
    assert.throws(() => requestSegments(bad), { status: 400 }, bad);
  }
});
