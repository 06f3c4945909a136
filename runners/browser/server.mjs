// The project's own static server for the browser runner and reports: 127.0.0.1
// only, a free port, and cross-origin isolation headers (COOP/COEP), without
// which Chromium rounds performance.now() to 100 us instead of 5 us.
//
// Serves files under an allow-list of folders, with HEAD and single byte-range
// requests (RFC 7233: 206 Partial Content, 416 for unsatisfiable ranges), and logs
// every request so tests can count what a reader fetched.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// Parses "bytes=a-b" / "bytes=a-" / "bytes=-n" against a size; null if unusable.
export function parseRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start;
  let end;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return null;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return null;
  return { start, end };
}

// Reads `buffer.length` bytes of `file` at `position`, looping: a positioned read
// may return fewer bytes than asked. Returns how many it got (fewer at its end).
function readRange(file, buffer, position) {
  const fd = fs.openSync(file, 'r');
  try {
    let done = 0;
    while (done < buffer.length) {
      const n = fs.readSync(fd, buffer, done, buffer.length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  } finally {
    fs.closeSync(fd);
  }
}

// `allow`: folders under `root` that may be served. `mounts`: URL prefixes served
// from other folders (a build directory elsewhere, say).
export async function startServer({ root, allow, mounts = {}, host = '127.0.0.1' }) {
  const base = path.resolve(root);
  const allowed = allow.map((prefix) => path.resolve(base, prefix));
  const mounted = Object.entries(mounts).map(([prefix, dir]) => [prefix.replace(/\/?$/, '/'), path.resolve(dir)]);
  allowed.push(...mounted.map(([, dir]) => dir));
  const requests = [];

  const resolveFile = (pathname) => {
    for (const [prefix, dir] of mounted) {
      if (pathname.startsWith(prefix)) return path.resolve(dir, '.' + pathname.slice(prefix.length - 1));
    }
    return path.resolve(base, '.' + pathname);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const file = resolveFile(decodeURIComponent(url.pathname));
    const entry = { method: req.method, path: url.pathname, range: req.headers.range ?? null, status: 0, bytes: 0 };
    requests.push(entry);
    const send = (status, headers, body) => {
      entry.status = status;
      entry.bytes = body ? body.length : 0;
      res.writeHead(status, { ...ISOLATION_HEADERS, 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { Allow: 'GET, HEAD' }, Buffer.from('method not allowed'));
    const inside = allowed.some((dir) => file === dir || file.startsWith(dir + path.sep));
    if (!inside || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, {}, Buffer.from('not found'));

    const size = fs.statSync(file).size;
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (req.headers.range) {
      const range = parseRange(req.headers.range, size);
      if (!range) return send(416, { 'Content-Range': `bytes */${size}` }, Buffer.alloc(0));
      const body = Buffer.alloc(range.end - range.start + 1);
      const read = readRange(file, body, range.start);
      if (read < body.length) {
        // The file shrank since its size was taken: a 5xx (clients retry), never zeros.
        return send(500, {}, Buffer.from(`short read: ${read} of ${body.length} bytes`));
      }
      return send(206, {
        'Content-Type': type, 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
        'Content-Length': body.length,
      }, body);
    }
    if (req.method === 'HEAD') {
      entry.status = 200;
      res.writeHead(200, { ...ISOLATION_HEADERS, 'Cache-Control': 'no-store', 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Content-Length': size });
      return res.end();
    }
    return send(200, { 'Content-Type': type, 'Accept-Ranges': 'bytes' }, fs.readFileSync(file));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);  // port 0: the OS picks a free one
  });
  const { port } = server.address();
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
