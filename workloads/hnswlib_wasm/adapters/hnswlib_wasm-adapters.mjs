// hnswlib-wasm, an npm package built without Tollgate, measured from outside:
// this file and suite.json are all it takes. load() loads the package as an
// application would; the hooks are the vector workload's operations, on the same
// inputs (Tollgate's vector module draws them, untimed), so the rows sit beside
// vector's in the same run.
//
//   add_point   one addPoint call per vector (the package's documented way)
//   add_points  one addPoints call for all of them
//   search_knn  one searchKnn call per query; recall@k against exact search
//               (Tollgate's flat index over the same vectors)
//
// From outside, Tollgate times every operation, counts every crossing both ways
// (it wraps the instance's imports and exports while load() runs), reads linear
// memory and the process's memory; what happens inside a call (compute against
// the binding's own conversions) cannot be split, and allocations are unknown.

import { Fnv1a32, instantiate } from 'tollgate';

// The package's Emscripten factory: each call makes a new instance (its
// loadHnswlib() keeps one per page, which a fresh counting instance cannot use).
const FACTORY = 'hnswlib-wasm/dist/hnswlib-317962d7.js';

export async function load() {
  const { default: createHnswlib } = await import(FACTORY);
  // Built for the web only (-sENVIRONMENT=web): the glue looks for `window`. In
  // Node a stand-in is set for the length of the load, and removed.
  const standIn = typeof window === 'undefined';
  if (standIn) globalThis.window = globalThis;
  try {
    return await createHnswlib();
  } finally {
    if (standIn) delete globalThis.window;
  }
}

// The vector workload's inputs: the same generator, seeds and distribution.
async function inputs(env, p) {
  const vector = await instantiate(env.modules.vector);
  const data = vector.generateVectors(p.n, p.dim, p.seed, p.distribution);
  const queries = p.queries ? vector.generateVectors(p.queries, p.dim, p.seed + 1, p.distribution) : null;
  return { vector, data, queries };
}

function newIndex(lib, p) {
  const index = new lib.HierarchicalNSW(p.metric, p.dim, '');
  index.initIndex(p.n, p.M, p.ef_construction, p.seed);
  index.setEfSearch(p.ef_search);
  return index;
}

// What an index holds, as far as its API shows: the count, and the neighbours of
// the first vectors (the same for every variant that inserted the same way).
function indexDigest(index, data, p) {
  const digest = new Fnv1a32();
  digest.addU32(index.getCurrentCount());
  for (let i = 0; i < 10; i++) {
    const { neighbors, distances } = index.searchKnn(data.subarray(i * p.dim, (i + 1) * p.dim), 10, undefined);
    neighbors.forEach((id, j) => { digest.addU32(id); digest.addF32(distances[j]); });
  }
  return digest.text();
}

const insert = {
  async prepare(lib, p, env) {
    const { vector, data } = await inputs(env, p);
    const labels = Array.from({ length: p.n }, (_, i) => i);
    const vectors = labels.map((i) => data.subarray(i * p.dim, (i + 1) * p.dim));
    return { vector, data, labels, vectors, index: null };
  },
  beforeOp(lib, state, p) {
    state.index?.delete();
    state.index = newIndex(lib, p);
  },
  variants: {
    add_point(lib, state, p, probe) {
      const t = probe.start();
      for (let i = 0; i < p.n; i++) state.index.addPoint(state.vectors[i], i, false);
      probe.end('call', t);
      probe.bytesIn += state.data.byteLength;  // every vector, copied in by the binding
    },
    add_points(lib, state, p, probe) {
      const t = probe.start();
      state.index.addPoints(state.vectors, state.labels, false);
      probe.end('call', t);
      probe.bytesIn += state.data.byteLength;
    },
  },
  digest(lib, state, p) {
    return indexDigest(state.index, state.data, p);
  },
  release(lib, state) {
    state.index?.delete();
    state.index = null;
  },
};

const search = {
  async prepare(lib, p, env) {
    const { vector, data, queries } = await inputs(env, p);
    const index = newIndex(lib, p);
    for (let i = 0; i < p.n; i++) index.addPoint(data.subarray(i * p.dim, (i + 1) * p.dim), i, false);
    // Exact search over the same vectors: Tollgate's flat index.
    const flat = new vector.VectorIndex('flat', p.metric, p.dim, p.M, p.ef_construction, p.ef_search, p.seed);
    flat.insert(data);
    const exact = flat.searchObjects(queries, p.k).map((hits) => new Set(hits.map((h) => h.id)));
    flat.delete();
    return { index, queries, exact, hits: null };
  },
  variants: {
    search_knn(lib, state, p, probe) {
      const hits = [];
      const t = probe.start();
      for (let q = 0; q < p.queries; q++) {
        hits.push(state.index.searchKnn(state.queries.subarray(q * p.dim, (q + 1) * p.dim), p.k, undefined));
      }
      probe.end('call', t);
      probe.bytesIn += state.queries.byteLength;
      probe.bytesOut += p.queries * p.k * 8;  // a label and a distance per hit, as JS arrays
      state.hits = hits;
    },
  },
  digest(lib, state) {
    const digest = new Fnv1a32();
    for (const { neighbors, distances } of state.hits) {
      neighbors.forEach((id, j) => { digest.addU32(id); digest.addF32(distances[j]); });
    }
    return digest.text();
  },
  quality(lib, state, p) {
    let found = 0;
    state.hits.forEach(({ neighbors }, q) => { found += neighbors.filter((id) => state.exact[q].has(id)).length; });
    return { recall_at_k: found / (p.queries * p.k) };
  },
  release(lib, state) {
    state.index.delete();
  },
};

export const operations = { insert, search };
