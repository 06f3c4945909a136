// parquet-wasm, an npm package built without Tollgate (Rust, wasm-bindgen),
// measured from outside beside the parquet workload's columns case: the same
// file, the same two columns read in full into JS, the same digest.
//
//   read_ffi  the whole file read and handed to readParquet (the package reads
//             from bytes in memory), the table exported through the Arrow C Data
//             Interface (Table.intoFFI, the package's copy-free path), and each
//             column's chunks copied into one JS typed array
//
// From outside, Tollgate times the operation, counts every crossing, and reads
// linear memory and the process's memory; the reader's own phases inside
// readParquet cannot be split, and its allocations are unknown.

import { instantiate, readBytes } from 'tollgate';
import { benchFile, columnsDigest, prepareData as writeBenchFiles } from '../../parquet/adapters/parquet-adapters.mjs';

// wasm-bindgen's glue keeps its instance in module state: a fresh copy of the
// glue (env.fresh) for each load, so each load is a new instance.
export async function load(env) {
  const glue = await import(`${import.meta.resolve('parquet-wasm/esm/parquet_wasm.js')}?instance=${env.fresh}`);
  await glue.default({ module_or_path: await readBytes(import.meta.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')) });
  return glue;
}

// The benchmark file, written by Tollgate's own writer (the parquet workload's).
export async function prepareData(pw, cases, data, env) {
  await writeBenchFiles(await instantiate(env.modules.parquet), cases, data);
}

// The Arrow C Data Interface structs (wasm32: pointers are 4 bytes, counts 8).
function arrowArray(view, at) {
  return {
    length: Number(view.getBigInt64(at, true)),
    nullCount: Number(view.getBigInt64(at + 8, true)),
    offset: Number(view.getBigInt64(at + 16, true)),
    buffers: view.getUint32(at + 40, true),
    children: view.getUint32(at + 44, true),
  };
}

// Copies a record batch's two columns (int64, nullable float64) into `out` at row `at`.
function copyBatch(buffer, address, out, at) {
  const view = new DataView(buffer);
  const batch = arrowArray(view, address);
  const [ids, prices] = [0, 1].map((i) => arrowArray(view, view.getUint32(batch.children + 4 * i, true)));
  const pointer = (array, i) => view.getUint32(array.buffers + 4 * i, true);
  if (ids.nullCount !== 0) throw new Error('id has nulls: not the benchmark file');
  out.ids.set(new BigInt64Array(buffer, pointer(ids, 1) + 8 * ids.offset, ids.length), at);
  out.prices.set(new Float64Array(buffer, pointer(prices, 1) + 8 * prices.offset, prices.length), at);
  const validity = pointer(prices, 0);  // 0: no nulls in this batch
  const bits = validity === 0 ? null : new Uint8Array(buffer, validity, ((prices.offset + prices.length) >> 3) + 1);
  for (let i = 0; i < prices.length; i++) {
    const bit = prices.offset + i;
    out.valid[at + i] = bits === null ? 1 : (bits[bit >> 3] >> (bit & 7)) & 1;
  }
  return batch.length;
}

const columns = {
  async prepare(pw, p, env) {
    const parquet = await instantiate(env.modules.parquet);
    return { data: env.data, file: benchFile(parquet, p), source: null, result: null };
  },
  beforeOp(pw, state) {
    state.source?.close?.();
    state.source = null;
    state.result = null;
  },
  variants: {
    async read_ffi(pw, state, p, probe) {
      state.source = await state.data.open(state.file);
      let bytes = state.source.read(0, state.source.size);
      if (typeof bytes?.then === 'function') bytes = await bytes;
      let t = probe.start();
      const table = pw.readParquet(bytes, { columns: ['id', 'price'] });
      const stream = table.intoFFI();
      const addresses = stream.arrayAddrs();
      probe.end('call', t);
      probe.bytesIn += bytes.byteLength;  // the binding copies the file into linear memory
      t = probe.start();
      const out = { ids: new BigInt64Array(p.rows), prices: new Float64Array(p.rows), valid: new Uint8Array(p.rows) };
      const buffer = pw.wasmMemory().buffer;  // after the calls that grow memory
      let rows = 0;
      for (const address of addresses) rows += copyBatch(buffer, address, out, rows);
      probe.end('copy_out', t);
      probe.bytesOut += out.ids.byteLength + out.prices.byteLength + out.valid.byteLength;
      t = probe.start();
      stream.free();
      probe.end('call', t);
      state.result = { rows, ...out };
    },
  },
  digest(pw, state) {
    const { rows, ids, prices, valid } = state.result;
    return columnsDigest(rows, (i) => Number(ids[i]), (i) => (valid[i] ? prices[i] : null));
  },
  counters(pw, state) {
    const { source } = state;
    return { source_requests: 1 + source.requests, source_bytes_read: source.bytesRead, source_file_bytes: source.size };
  },
  release(pw, state) {
    state.source?.close?.();
  },
};

export const operations = { columns };
