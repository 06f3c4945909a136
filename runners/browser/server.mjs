// The project's own static server for the browser runner and reports: 127.0.0.1
// only, a free port, and cross-origin isolation headers (COOP/COEP), without
// which Chromium rounds performance.now() to 100 us instead of 5 us.
//
// Serves files under an allow-list of folders, with HEAD and single byte-range
// requests (RFC 7233: 206 Partial Content, 416 for unsatisfiable ranges), and logs
// every request so tests can count what a reader fetched. One bad request gets
// its answer (400, 403, 404, 500) and never stops the server: a run depends on it.

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

// A request the server refuses before looking for a file: malformed, hostile, or
// addressed to another host. Answered with `status` and the message.
class Refusal extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const shown = (text) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}...` : text);

// The decoded path segments of an origin-form request target ("/a/b%20c?q" ->
// ['a', 'b c']). Refuses (400) what is not a path (absolute-form "http://[", "*"),
// malformed percent-encoding ("/%", "/%E0%A4%A"), and segments that would move
// elsewhere once decoded: "..", ".", and encoded separators ("..%2f..%2f", "%5c",
// "%00"). Each segment is decoded on its own, so "%2f" can never become a "/".
export function requestSegments(target) {
  if (typeof target !== 'string' || !target.startsWith('/')) {
    throw new Refusal(400, `request target ${shown(String(target))} is not a path`);
  }
  const segments = [];
  for (const raw of target.split(/[?#]/, 1)[0].split('/')) {
    if (raw === '') continue;
    let segment;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw new Refusal(400, `malformed percent-encoding in path segment ${shown(raw)}`);
    }
    if (/[/\\\0]/.test(segment)) throw new Refusal(400, `path segment ${shown(raw)} encodes a separator`);
    if (segment === '.' || segment === '..') throw new Refusal(400, `path segment ${shown(raw)} is a dot segment`);
    segments.push(segment);
  }
  return segments;
}

const inside = (dir, file) => file === dir || file.startsWith(dir + path.sep);

// `allow`: folders under `root` that may be served. `mounts`: URL prefixes served
// from other folders (a build directory elsewhere, say). A file is served only if
// its real path (symlinks followed) is inside the real path of the folder its URL
// names; requests must be addressed to this server by its own host and port, so
// that a page on another origin cannot reach it through DNS rebinding.
export async function startServer({ root, allow, mounts = {}, host = '127.0.0.1' }) {
  const base = path.resolve(root);
  // [URL prefix segments, folder]: mounts first, so they shadow the tree.
  const folders = [
    ...Object.entries(mounts).map(([prefix, dir]) => [prefix.split('/').filter(Boolean), path.resolve(dir)]),
    ...allow.map((prefix) => {
      const dir = path.resolve(base, prefix);
      return [path.relative(base, dir).split(path.sep).filter(Boolean), dir];
    }),
  ];
  const realFolders = new Map();
  const realFolder = (dir) => {
    if (!realFolders.has(dir)) realFolders.set(dir, fs.realpathSync(dir));  // folders may appear after start
    return realFolders.get(dir);
  };
  const requests = [];
  let expectedHost = null;

  // The file a request names, or null if it names nothing this server serves.
  const resolveFile = (segments) => {
    for (const [prefix, dir] of folders) {
      if (prefix.length > segments.length || !prefix.every((s, i) => s === segments[i])) continue;
      const file = path.join(dir, ...segments.slice(prefix.length));
      if (!inside(dir, file)) return null;
      let real;
      try {
        real = fs.realpathSync(file);
        if (!inside(realFolder(dir), real) || !fs.statSync(real).isFile()) return null;
      } catch {
        return null;  // absent, or a dangling link
      }
      return real;
    }
    return null;
  };

  const handle = (req, res) => {
    const entry = { method: req.method, path: String(req.url).slice(0, 200), range: req.headers.range ?? null, status: 0, bytes: 0 };
    requests.push(entry);
    const send = (status, headers, body) => {
      entry.status = status;
      entry.bytes = body ? body.length : 0;
      res.writeHead(status, { ...ISOLATION_HEADERS, 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.headers.host !== expectedHost) {
        throw new Refusal(403, `Host ${shown(req.headers.host ?? '(none)')} is not this server (${expectedHost})`);
      }
      const segments = requestSegments(req.url);
      entry.path = `/${segments.join('/')}`;
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { Allow: 'GET, HEAD' }, Buffer.from('method not allowed'));
      const file = resolveFile(segments);
      if (!file) return send(404, {}, Buffer.from('not found'));
      return serveFile(req, res, file, send, entry);
    } catch (error) {
      if (res.headersSent) return res.destroy();
      const status = error instanceof Refusal ? error.status : 500;
      return send(status, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from(error.message));
    }
  };

  const server = http.createServer(handle);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);  // port 0: the OS picks a free one
  });
  const { port } = server.address();
  expectedHost = `${host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function serveFile(req, res, file, send, entry) {
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
}
