// The JS half of the vector workload's boundary adapters. Each variant does the
// same work (the same vectors in, the same hits read out) through a different
// boundary style; the driver times them, probes their phases and counts them.
//
//   single     one call per vector (per query), the binding copies each array in;
//              search hits come back as one JS object each (embind values)
//   batch      one call per `batch` vectors (all queries at once), same copies and objects
//   zero_copy  JS writes straight into a wasm-owned staging buffer; hits are read
//              through typed-array views of linear memory, no object per hit
//
// Memory growth detaches old views: module.HEAPF32 and friends are read again
// after every call that can allocate.

import { Fnv1a32 } from '../../../runners/driver/digest.mjs';

function newIndex(module, p) {
  return new module.VectorIndex(p.index, p.metric, p.dim, p.M, p.ef_construction, p.ef_search ?? 64, p.seed);
}

function consumeObjects(results, digest, probe) {
  const t = probe.start();
  for (const hits of results) {
    for (const hit of hits) {
      digest.addU32(hit.id);
      digest.addF32(hit.distance);
    }
  }
  probe.end('copy_out', t);
}

const insert = {
  prepare(module, p) {
    return { data: module.generateVectors(p.n, p.dim, p.seed, p.distribution), index: null };
  },
  beforeOp(module, state, p) {
    state.index?.delete();
    state.index = newIndex(module, p);
  },
  variants: {
    single(module, state, p, probe) {
      const { data, index } = state;
      for (let i = 0; i < p.n; i++) {
        const vector = data.subarray(i * p.dim, (i + 1) * p.dim);
        const t = probe.start();
        index.insert(vector);
        probe.end('call', t);
      }
    },
    batch(module, state, p, probe) {
      const { data, index } = state;
      for (let first = 0; first < p.n; first += p.batch) {
        const chunk = data.subarray(first * p.dim, Math.min(first + p.batch, p.n) * p.dim);
        const t = probe.start();
        index.insert(chunk);
        probe.end('call', t);
      }
    },
    zero_copy(module, state, p, probe) {
      const { data, index } = state;
      for (let first = 0; first < p.n; first += p.batch) {
        const chunk = data.subarray(first * p.dim, Math.min(first + p.batch, p.n) * p.dim);
        let t = probe.start();
        const ptr = index.staging(chunk.length);
        probe.end('call', t);
        t = probe.start();
        module.HEAPF32.set(chunk, ptr >>> 2);
        probe.end('copy_in', t);
        probe.bytesIn += chunk.byteLength;
        t = probe.start();
        index.insertStaged(chunk.length);
        probe.end('call', t);
      }
    },
  },
  digest(module, state) {
    return state.index.structureDigest();
  },
  release(module, state) {
    state.index?.delete();
    state.index = null;
  },
};

const search = {
  prepare(module, p) {
    const data = module.generateVectors(p.n, p.dim, p.seed, p.distribution);
    const queries = module.generateVectors(p.queries, p.dim, p.seed + 1, p.distribution);
    const index = newIndex(module, p);
    index.insert(data);
    return { data, queries, index, digest: null };
  },
  variants: {
    single(module, state, p, probe) {
      const { queries, index } = state;
      const digest = new Fnv1a32();
      for (let q = 0; q < p.queries; q++) {
        const t = probe.start();
        const results = index.searchObjects(queries.subarray(q * p.dim, (q + 1) * p.dim), p.k);
        probe.end('call', t);
        consumeObjects(results, digest, probe);
      }
      state.digest = digest.text();
    },
    batch(module, state, p, probe) {
      const { queries, index } = state;
      const digest = new Fnv1a32();
      for (let first = 0; first < p.queries; first += p.batch ?? p.queries) {
        const chunk = queries.subarray(first * p.dim, Math.min(first + (p.batch ?? p.queries), p.queries) * p.dim);
        const t = probe.start();
        const results = index.searchObjects(chunk, p.k);
        probe.end('call', t);
        consumeObjects(results, digest, probe);
      }
      state.digest = digest.text();
    },
    zero_copy(module, state, p, probe) {
      const { queries, index } = state;
      let t = probe.start();
      const ptr = index.staging(queries.length);
      probe.end('call', t);
      t = probe.start();
      module.HEAPF32.set(queries, ptr >>> 2);
      probe.end('copy_in', t);
      probe.bytesIn += queries.byteLength;
      t = probe.start();
      const perQuery = index.searchStaged(queries.length, p.k);
      const idsPtr = index.resultIds();
      const distancesPtr = index.resultDistances();
      probe.end('call', t);
      t = probe.start();
      const count = perQuery * p.queries;
      const ids = module.HEAPU32.subarray(idsPtr >>> 2, (idsPtr >>> 2) + count);
      const distances = module.HEAPF32.subarray(distancesPtr >>> 2, (distancesPtr >>> 2) + count);
      const digest = new Fnv1a32();
      for (let i = 0; i < count; i++) {
        digest.addU32(ids[i]);
        digest.addF32(distances[i]);
      }
      probe.end('copy_out', t);
      probe.bytesOut += ids.byteLength + distances.byteLength;
      state.digest = digest.text();
    },
  },
  digest(module, state) {
    return state.digest;
  },
  quality(module, state, p) {
    return { recall_at_k: state.index.recall(state.data, state.queries, p.k) };
  },
  release(module, state) {
    state.index?.delete();
    state.index = null;
  },
};

export const operations = { insert, search };

// Deliberate regressions, to prove the gates catch them (ci/README.md). They replace
// a variant's function only when a run names them (--inject), so the shipped
// adapters carry no switch in their hot path. Rows keep the variant's name, and the
// results context lists what was injected.
// (func (export "spin") (loop (br 0))): a wasm call that never returns.
const SPIN_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,  // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,              // type: () -> ()
  0x03, 0x02, 0x01, 0x00,                          // one function of that type
  0x07, 0x08, 0x01, 0x04, 0x73, 0x70, 0x69, 0x6e, 0x00, 0x00,  // export "spin"
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b,  // loop br 0 end end
]);

export const injections = {
  // A variant stuck in a synchronous wasm call that never returns: proves the
  // watchdog stops it, names it, and the suite goes on (runners/driver/watchdog.mjs).
  single_never_returns: {
    variant: 'single',
    operations: {
      insert() {
        new WebAssembly.Instance(new WebAssembly.Module(SPIN_MODULE)).exports.spin();
      },
    },
  },
  // Someone "simplifies" zero_copy through an intermediate wasm buffer: one more copy
  // across the boundary and one more inside, plus a malloc/free pair per batch.
  zero_copy_extra_copy: {
    variant: 'zero_copy',
    operations: {
      insert(module, state, p, probe) {
        const { data, index } = state;
        for (let first = 0; first < p.n; first += p.batch) {
          const chunk = data.subarray(first * p.dim, Math.min(first + p.batch, p.n) * p.dim);
          const temp = module._malloc(chunk.byteLength);
          module.HEAPF32.set(chunk, temp >>> 2);
          probe.bytesIn += chunk.byteLength;
          const ptr = index.staging(chunk.length);
          module.HEAPU8.copyWithin(ptr, temp, temp + chunk.byteLength);
          probe.bytesIn += chunk.byteLength;
          module._free(temp);
          index.insertStaged(chunk.length);
        }
      },
    },
  },
};
