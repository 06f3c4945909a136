// A byte-range source over HTTP (RFC 7233), for readers that fetch only the
// parts of a file they need: HEAD for the size, then one `Range: bytes=a-b`
// GET per read, answered 206 with exactly those bytes. A failed request (a
// network error, a 5xx, a 206 cut short) is retried with exponential backoff;
// an answer that can never be right (404, 416, a 200 with the whole file, a
// Content-Range for other bytes) fails at once with a message that says so.
//
// Every request, its body included, has a time limit (timeoutMs): a server that
// accepts a request and then goes silent is a failed attempt, retried like a
// network error, never a reader waiting forever.
//
// Runs in any host with fetch (the browser page, Node 20). Counts what it did
// so that results can report requests and bytes exactly.

const RETRYABLE = (status) => status >= 500 || status === 408 || status === 429;

export class HttpRangeSource {
  // `options`: retries (default 3), backoffMs (first wait, doubled each retry;
  // default 50), timeoutMs (per attempt, default 30 s), fetch (defaults to the
  // global one), sleep (tests replace it).
  constructor(url, size, options = {}) {
    this.url = url;
    this.size = size;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 50;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.requests = 0;    // range reads that succeeded
    this.bytesRead = 0;
    this.attempts = 0;    // every HTTP request, retries and HEAD included
    this.retried = 0;
  }

  static async open(url, options = {}) {
    const probe = new HttpRangeSource(url, 0, options);
    const response = await probe.withRetries(`HEAD ${url}`, async (signal) => {
      const r = await probe.fetch(url, { method: 'HEAD', cache: 'no-store', signal });
      if (!r.ok) throw httpError(`HEAD ${url}`, r, RETRYABLE(r.status));
      return r;
    });
    const length = Number(response.headers.get('content-length'));
    if (!Number.isSafeInteger(length) || length < 0) throw new Error(`HEAD ${url}: no usable Content-Length (${response.headers.get('content-length')})`);
    const source = new HttpRangeSource(url, length, options);
    source.attempts = probe.attempts;
    source.retried = probe.retried;
    return source;
  }

  // Exactly `length` bytes at `offset`, as a Uint8Array.
  async read(offset, length) {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length <= 0 || offset + length > this.size) {
      throw new Error(`${this.url}: cannot read ${length} bytes at ${offset} of a ${this.size}-byte file`);
    }
    const what = `GET ${this.url} bytes=${offset}-${offset + length - 1}`;
    const bytes = await this.withRetries(what, async (signal) => {
      const r = await this.fetch(this.url, { headers: { Range: `bytes=${offset}-${offset + length - 1}` }, cache: 'no-store', signal });
      if (r.status !== 206) {
        throw httpError(what, r, RETRYABLE(r.status), r.status === 200 ? ': the server ignored the range' : '');
      }
      const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(r.headers.get('content-range') ?? '');
      if (!range || Number(range[1]) !== offset || Number(range[2]) !== offset + length - 1) {
        throw Object.assign(new Error(`${what}: answered Content-Range '${r.headers.get('content-range')}'`), { retryable: false });
      }
      const body = new Uint8Array(await r.arrayBuffer());
      if (body.length !== length) {
        throw Object.assign(new Error(`${what}: short read, ${body.length} of ${length} bytes`), { retryable: true });
      }
      return body;
    });
    this.requests++;
    this.bytesRead += length;
    return bytes;
  }

  async withRetries(what, attempt) {
    for (let i = 0; ; i++) {
      this.attempts++;
      // Aborted on time-out, and raced too: a fetch that ignored the signal
      // (or a body that never ends) must not hold the reader.
      const controller = new AbortController();
      let timer;
      const expired = new Promise((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(Object.assign(new Error(`${what}: no complete answer within ${this.timeoutMs / 1000} s`), { retryable: true }));
        }, this.timeoutMs);
      });
      expired.catch(() => {});
      try {
        return await Promise.race([attempt(controller.signal), expired]);
      } catch (caught) {
        const error = controller.signal.aborted
          ? Object.assign(new Error(`${what}: no complete answer within ${this.timeoutMs / 1000} s`), { retryable: true })
          : caught;
        // fetch itself rejects (TypeError) on network failures: worth retrying.
        const retryable = error.retryable ?? error instanceof TypeError;
        if (!retryable || i >= this.retries) {
          if (i > 0) error.message += ` (after ${i + 1} attempts)`;
          throw error;
        }
        this.retried++;
        clearTimeout(timer);
        await this.sleep(this.backoffMs * 2 ** i);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}

function httpError(what, response, retryable, detail = '') {
  return Object.assign(new Error(`${what}: HTTP ${response.status} ${response.statusText}${detail}`), { retryable });
}
