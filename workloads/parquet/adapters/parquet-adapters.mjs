// The JS half of the Parquet workload's boundary adapters. Both answer the same
// three queries over the same file, read from the host's data folder (Node: fs;
// Chromium: HTTP Range requests to the runner's 127.0.0.1 server):
//
//   eager_rows    the naive path: the whole file read and copied into wasm,
//                 every column of every row group decoded, every row returned
//                 as a JS object built field by field through embind; the query
//                 then runs in JS over those objects
//   late_columns  footer first, then only the byte ranges the reader asks for
//                 (statistics and page-index pruning), the predicate evaluated
//                 before anything else is decoded, results read through
//                 typed-array views and string offsets over linear memory
//
// Queries: footer (Q1: schema and row count), count_sum (Q2: count(*),
// sum(price) WHERE price > X), select (Q3: name, price WHERE price > X).
// Memory growth detaches views: module.HEAPU8 is read again after every call.
//
// Every operation opens its file itself, inside the timed operation, as the
// native kernel does: a streaming reader must learn the file's size before it
// can ask for the footer, and over HTTP that is a HEAD request, a round trip of
// its own. source_requests counts it with the range reads. (eager_rows' Q1
// copies the whole file into wasm and parses its footer, decoding nothing.)

import { Fnv1a32 } from '../../../runners/driver/digest.mjs';

const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);
const encoder = new TextEncoder();

function benchArgs(p) {
  return [p.rows, p.row_group_rows, p.page_rows, p.seed, p.page_version === 2];
}

export function benchFile(module, p) {
  return `parquet/${module.benchFileName(...benchArgs(p))}`;
}

// Writes each benchmark file the cases need and the data folder lacks.
export async function prepareData(module, cases, data) {
  for (const c of cases) {
    const name = benchFile(module, c.params);
    if (!data.exists(name)) data.write(name, module.writeBenchFile(...benchArgs(c.params)));
  }
}

// Reads ranges from a source whose read() is synchronous (fs) or not (HTTP):
// the asynchronous ones are fetched concurrently, the synchronous ones never await.
function readRanges(source, ranges) {
  const chunks = ranges.map(([offset, length]) => source.read(offset, length));
  return chunks.some((c) => typeof c?.then === 'function') ? Promise.all(chunks) : chunks;
}

// The sans-IO loop: ask the reader what it wants, read it, hand it over, until
// it wants nothing more.
async function drive(module, session, source, probe) {
  for (;;) {
    let t = probe.start();
    const n = session.wanted();
    const at = session.wantedRanges();
    probe.end('call', t);
    if (n === 0) return;
    const flat = new Float64Array(module.HEAPU8.buffer, at, 2 * n);
    const ranges = Array.from({ length: n }, (_, i) => [flat[2 * i], flat[2 * i + 1]]);
    let chunks = readRanges(source, ranges);
    if (!Array.isArray(chunks)) chunks = await chunks;
    for (let i = 0; i < n; i++) {
      t = probe.start();
      const ptr = session.buffer(i);
      probe.end('call', t);
      t = probe.start();
      module.HEAPU8.set(chunks[i], ptr);
      probe.end('copy_in', t);
      probe.bytesIn += chunks[i].length;
    }
    t = probe.start();
    session.advance();
    probe.end('call', t);
  }
}

function addU64(digest, value) {
  digest.addU32(value % 0x100000000);
  digest.addU32(Math.floor(value / 0x100000000));
}

function addF64(digest, value) {
  f64[0] = value;
  digest.addU32(f64Words[0]);
  digest.addU32(f64Words[1]);
}

function addName(digest, bytes) {
  if (bytes === null) {
    digest.addU32(0xffffffff);
  } else {
    digest.addU32(bytes.length);
    digest.addBytes(bytes);
  }
}

export function describeDigest(description) {
  const digest = new Fnv1a32();
  addU64(digest, description.rows);
  digest.addU32(description.rowGroups);
  for (const c of description.columns) {
    addName(digest, encoder.encode(c.name));
    addName(digest, encoder.encode(c.type));
    digest.addU32(c.optional ? 1 : 0);
  }
  return digest.text();
}

export function countSumDigest(count, sum) {
  const digest = new Fnv1a32();
  addU64(digest, count);
  addF64(digest, sum);
  return digest.text();
}

// The whole file into the session's staging buffer, footer parsed.
async function stageWholeFile(module, session, source, probe) {
  let bytes = source.read(0, source.size);
  if (typeof bytes?.then === 'function') bytes = await bytes;
  let t = probe.start();
  const ptr = session.stageFile(bytes.length);
  probe.end('call', t);
  t = probe.start();
  module.HEAPU8.set(bytes, ptr);
  probe.end('copy_in', t);
  probe.bytesIn += bytes.length;
  t = probe.start();
  session.openStaged();
  probe.end('call', t);
}

// Every row as a JS object (the naive result path).
function eagerRows(session, probe) {
  let t = probe.start();
  session.decodeStaged();
  probe.end('call', t);
  t = probe.start();
  const rows = session.rowObjects();
  probe.end('call', t);
  return rows;
}

// The file, opened (its size looked up: fs.fstat in Node, HEAD over HTTP).
async function openSource(state) {
  state.source = await state.data.open(state.file);
  return state.source;
}

// Closes what the last operation opened; untimed, like everything it held.
function closeSource(state) {
  const { source } = state;
  state.source = null;
  source?.close?.();
}

function makeOperation(run) {
  return {
    prepare(module, p, env) {
      if (!env?.data) throw new Error('the parquet workload needs a host with a data folder');
      return { session: new module.ParquetSession(p.budget_mb * 1024 * 1024), data: env.data, file: benchFile(module, p), source: null, digest: null };
    },
    beforeOp(module, state) {
      state.session.release();
      state.session.resetBudgetPeak();
      closeSource(state);
      state.digest = null;
    },
    variants: {
      async eager_rows(module, state, p, probe) {
        await openSource(state);
        await stageWholeFile(module, state.session, state.source, probe);
        state.digest = run.eager(module, state.session, p, probe);
      },
      async late_columns(module, state, p, probe) {
        await openSource(state);
        let t = probe.start();
        state.session.beginOpen(state.source.size);
        probe.end('call', t);
        await drive(module, state.session, state.source, probe);
        state.digest = await run.late(module, state.session, p, probe, () => drive(module, state.session, state.source, probe));
      },
    },
    digest(module, state) {
      // A function: the digest is computed here, untimed (a million rows).
      return typeof state.digest === 'function' ? state.digest() : state.digest;
    },
    counters(module, state) {
      const { source } = state;
      return {
        source_requests: 1 + source.requests,  // the size lookup, then each range read
        source_bytes_read: source.bytesRead,
        source_file_bytes: source.size,
        source_read_ppm: Math.round((source.bytesRead / source.size) * 1e6),
      };
    },
    memory(module, state) {
      return { budget_peak_bytes: state.session.budgetPeak() };
    },
    release(module, state) {
      closeSource(state);  // first: a trapped module may refuse the next call
      state.session.delete();
    },
  };
}

const footer = makeOperation({
  eager(module, session, p, probe) {
    const t = probe.start();
    const description = session.describe();
    probe.end('call', t);
    return describeDigest(description);
  },
  late(module, session, p, probe) {
    const t = probe.start();
    const description = session.describe();
    probe.end('call', t);
    return describeDigest(description);
  },
});

const countSum = makeOperation({
  eager(module, session, p, probe) {
    const rows = eagerRows(session, probe);
    const t = probe.start();
    let count = 0;
    let sum = 0;
    for (const row of rows) {
      const v = row[p.where];
      if (v !== null && v > p.threshold) {
        count++;
        sum += v;
      }
    }
    probe.end('copy_out', t);
    return countSumDigest(count, sum);
  },
  async late(module, session, p, probe, drive) {
    let t = probe.start();
    session.beginQuery([], p.where, p.threshold, true);
    probe.end('call', t);
    await drive();
    t = probe.start();
    const count = session.resultRows();
    const sum = session.resultSum();
    probe.end('call', t);
    return countSumDigest(count, sum);
  },
});

const select = makeOperation({
  eager(module, session, p, probe) {
    const rows = eagerRows(session, probe);
    const t = probe.start();
    const [text, number] = p.columns.split(',');
    const digest = new Fnv1a32();
    const picked = rows.filter((row) => row[p.where] !== null && row[p.where] > p.threshold);
    addU64(digest, picked.length);
    for (const row of picked) {
      addName(digest, row[text] === null ? null : encoder.encode(row[text]));
      addF64(digest, row[number]);
    }
    probe.end('copy_out', t);
    return digest.text();
  },
  async late(module, session, p, probe, drive) {
    let t = probe.start();
    session.beginQuery(p.columns.split(','), p.where, p.threshold, false);
    probe.end('call', t);
    await drive();
    t = probe.start();
    const count = session.resultRows();
    const text = { offsets: session.columnOffsets(0), data: session.columnData(0), valid: session.columnValid(0) };
    const number = session.columnData(1);
    probe.end('call', t);
    t = probe.start();
    const buffer = module.HEAPU8.buffer;  // no call below can grow memory
    const offsets = new Uint32Array(buffer, text.offsets, count + 1);
    const bytes = new Uint8Array(buffer, text.data, offsets[count]);
    const valid = text.valid ? new Uint8Array(buffer, text.valid, count) : null;
    const values = new Float64Array(buffer, number, count);
    const digest = new Fnv1a32();
    addU64(digest, count);
    for (let i = 0; i < count; i++) {
      addName(digest, valid && !valid[i] ? null : bytes.subarray(offsets[i], offsets[i + 1]));
      addF64(digest, values[i]);
    }
    probe.end('copy_out', t);
    probe.bytesOut += offsets.byteLength + bytes.byteLength + values.byteLength + (valid ? valid.byteLength : 0);
    return digest.text();
  },
});

// Two full columns into JS (every row's id and price, no predicate): the case the
// parquet_wasm workload (parquet-wasm from npm) is compared on, like for like. The
// late path leaves them as typed-array views of linear memory; the suite runs it
// alone on the million-row file (the eager path would build a million objects).
// Its columns are always id and price (the cases say so in params.columns).
export function columnsDigest(count, idAt, priceAt) {
  const digest = new Fnv1a32();
  addU64(digest, count);
  for (let i = 0; i < count; i++) {
    addU64(digest, idAt(i));
    const price = priceAt(i);  // null: a null price
    digest.addU32(price === null ? 0 : 1);
    if (price !== null) addF64(digest, price);
  }
  return digest.text();
}

const columns = makeOperation({
  eager(module, session, p, probe) {
    const rows = eagerRows(session, probe);
    return () => columnsDigest(rows.length, (i) => Number(rows[i].id), (i) => rows[i].price);
  },
  async late(module, session, p, probe, drive) {
    let t = probe.start();
    session.beginQuery(['id', 'price'], '', 0, false);
    probe.end('call', t);
    await drive();
    t = probe.start();
    const count = session.resultRows();
    const [idsPtr, pricesPtr, validPtr] = [session.columnData(0), session.columnData(1), session.columnValid(1)];
    probe.end('call', t);
    const buffer = module.HEAPU8.buffer;  // no call below can grow memory
    const ids = new BigInt64Array(buffer, idsPtr, count);
    const prices = new Float64Array(buffer, pricesPtr, count);
    const valid = validPtr ? new Uint8Array(buffer, validPtr, count) : null;
    probe.bytesOut += ids.byteLength + prices.byteLength + (valid ? valid.byteLength : 0);
    return () => columnsDigest(count, (i) => Number(ids[i]), (i) => (valid && !valid[i] ? null : prices[i]));
  },
});

export const operations = { footer, count_sum: countSum, select, columns };
