// The vector workload's boundary, from JS: every adapter computes the same thing,
// and bad input is refused with an error that names the problem, leaving the
// index usable.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsProbe } from '../../../runners/driver/phases.mjs';
import { loadModule } from '../../../runners/test-support.mjs';
import { operations } from '../adapters/vector-adapters.mjs';

const params = {
  index: 'hnsw', metric: 'l2', dim: 16, n: 300, batch: 128, queries: 12, k: 5,
  M: 8, ef_construction: 64, ef_search: 32, seed: 3, distribution: 'clustered',
};

test('every insert adapter builds the identical index, every search adapter finds the identical hits', async () => {
  const module = await loadModule('vector');
  const probe = new JsProbe(() => performance.now());
  for (const [name, op] of Object.entries(operations)) {
    const digests = new Set();
    const state = op.prepare(module, params);
    for (const variant of ['single', 'batch', 'zero_copy']) {
      op.beforeOp?.(module, state, params);  // an optional hook
      op.variants[variant](module, state, params, probe);
      digests.add(op.digest(module, state, params));
    }
    op.release(module, state);
    assert.equal(digests.size, 1, `${name}: adapters disagree: ${[...digests].join(' ')}`);
  }
});

test('zero-copy views stay right when a call grows linear memory', async () => {
  const module = await loadModule('vector');
  const probe = new JsProbe(() => performance.now());
  const big = { ...params, index: 'flat', dim: 256, n: 40000, batch: 40000 };  // 40 MB: past the initial 16 MB
  const before = module.HEAPU8.length;
  const state = operations.insert.prepare(module, big);
  operations.insert.beforeOp(module, state, big);
  operations.insert.variants.zero_copy(module, state, big, probe);
  assert.ok(module.HEAPU8.length > before, 'memory did not grow: the test proves nothing');
  assert.equal(state.index.size(), 40000);
  const copied = operations.insert.prepare(module, big);
  operations.insert.beforeOp(module, copied, big);
  operations.insert.variants.batch(module, copied, big, probe);
  assert.equal(operations.insert.digest(module, state), operations.insert.digest(module, copied));
  operations.insert.release(module, state);
  operations.insert.release(module, copied);
});

function refuses(fn, pattern) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Error, 'not an Error');
    assert.match(error.message, pattern);
    return true;
  });
}

test('bad input is refused with a clear error and the index stays usable', async () => {
  const module = await loadModule('vector');
  const dim = 8;
  const data = module.generateVectors(50, dim, 1, 'uniform');
  const index = new module.VectorIndex('hnsw', 'cosine', dim, 8, 32, 16, 1);
  const reference = new module.VectorIndex('hnsw', 'cosine', dim, 8, 32, 16, 1);
  index.insert(data.subarray(0, 25 * dim));
  reference.insert(data.subarray(0, 25 * dim));

  refuses(() => index.insert(new Float32Array(dim - 1)), /wrong dimension: 7 floats is not a whole number of 8-dimensional vectors/);
  refuses(() => index.insert(new Float32Array(dim * 2 + 3)), /not a whole number/);
  refuses(() => index.insert(new Float32Array(0)), /empty batch/);
  const nan = data.slice(0, 3 * dim);
  nan[2 * dim + 4] = NaN;
  refuses(() => index.insert(nan), /vectors 2, component 4 is NaN/);
  const inf = data.slice(0, dim);
  inf[1] = Infinity;
  refuses(() => index.insert(inf), /component 1 is infinite/);
  refuses(() => index.insert(new Float32Array(dim)), /zero length/);
  refuses(() => index.insertStaged(dim * 1000), /staging buffer holds/);
  refuses(() => index.searchObjects(data.subarray(0, dim), 0), /k must be an integer in \[1, 1048576\], got 0/);
  refuses(() => new module.VectorIndex('ivf', 'l2', dim, 8, 32, 16, 1), /unknown index kind 'ivf'/);
  refuses(() => new module.VectorIndex('flat', 'manhattan', dim, 8, 32, 16, 1), /unknown metric 'manhattan'/);
  refuses(() => new module.VectorIndex('flat', 'l2', 0, 8, 32, 16, 1), /dimension must be an integer in \[1, 65536\], got 0/);

  assert.equal(index.size(), 25);
  index.insert(data.subarray(25 * dim));
  reference.insert(data.subarray(25 * dim));
  assert.equal(index.structureDigest(), reference.structureDigest());
  assert.deepEqual(index.searchObjects(data.subarray(0, 2 * dim), 3), reference.searchObjects(data.subarray(0, 2 * dim), 3));
  index.delete();
  reference.delete();
});

test('every number the bindings take is range-checked in C++ and refused by name', async () => {
  const module = await loadModule('vector');
  const make = (dim, M, efc, efs, seed) => () => new module.VectorIndex('hnsw', 'l2', dim, M, efc, efs, seed);
  // Each of these once reached the kernel wrapped or truncated by embind's integer
  // conversion: 2^31 became 0 links at level 0 (a heap overflow), -1 became 2^32 - 1.
  refuses(make(8, 2 ** 31, 64, 32, 1), /HNSW M must be an integer in \[2, 1024\], got 2147483648/);
  refuses(make(8, 2 ** 32 + 8, 64, 32, 1), /HNSW M must be an integer in \[2, 1024\], got 4294967304/);
  refuses(make(8, 1e9, 64, 32, 1), /HNSW M must be an integer/);
  refuses(make(8, 16, -1, 32, 1), /HNSW ef_construction must be an integer in \[1, 1048576\], got -1/);
  refuses(make(8, 16, 64, NaN, 1), /HNSW ef_search must be an integer in \[1, 1048576\], got nan/);
  refuses(make(2 ** 32 + 8, 16, 64, 32, 1), /dimension must be an integer in \[1, 65536\], got 4294967304/);
  refuses(make(8.5, 16, 64, 32, 1), /dimension must be an integer/);
  refuses(make(8, 16, 64, 32, 1.5), /seed must be an integer in \[0, 9007199254740991\], got 1.5/);
  refuses(make(8, 16, 64, 32, -1), /seed must be an integer/);
  refuses(() => module.generateVectors(2 ** 40, 128, 1, 'uniform'), /vector count must be an integer in \[0, 268435456\]/);
  refuses(() => module.generateVectors(2 ** 20, 1024, 1, 'uniform'), /data set of 1048576 vectors of dimension 1024 exceeds the limit/);
  refuses(() => module.generateVectors(10, 0, 1, 'uniform'), /dimension must be an integer/);

  const index = new module.VectorIndex('hnsw', 'l2', 8, 16, 64, 32, 1);
  const data = module.generateVectors(20, 8, 1, 'uniform');
  index.insert(data);
  refuses(() => index.searchObjects(data.subarray(0, 8), -1), /k must be an integer in \[1, 1048576\], got -1/);
  refuses(() => index.searchObjects(data.subarray(0, 8), 2 ** 32), /k must be an integer/);
  refuses(() => index.staging(-8), /float count must be an integer in \[0, 268435456\], got -8/);
  refuses(() => index.staging(2 ** 31), /float count must be an integer/);
  refuses(() => index.insertStaged(2 ** 32 + 8), /float count must be an integer/);
  refuses(() => index.searchStaged(8, 0.5), /k must be an integer/);
  refuses(() => index.recall(data, data.subarray(0, 8), NaN), /k must be an integer/);
  assert.equal(index.size(), 20, 'a refused call changed the index');
  assert.equal(index.searchObjects(data.subarray(0, 8), 3)[0][0].id, 0);
  index.delete();
});

test('cosine search over vectors too small or too large for float lengths gives finite distances', async () => {
  const module = await loadModule('vector');
  const dim = 16;
  const data = module.generateVectors(100, dim, 4, 'clustered');
  const reference = new module.VectorIndex('hnsw', 'cosine', dim, 8, 64, 32, 1);
  reference.insert(data);
  const expected = reference.searchObjects(data.subarray(0, 3 * dim), 4);
  for (const scale of [2 ** -120, 2 ** 100]) {
    const index = new module.VectorIndex('hnsw', 'cosine', dim, 8, 64, 32, 1);
    const scaled = data.map((v) => v * scale);  // exact: a power of two, no subnormals
    index.insert(scaled);
    const hits = index.searchObjects(scaled.subarray(0, 3 * dim), 4);
    for (const hit of hits.flat()) assert.ok(Number.isFinite(hit.distance), `distance ${hit.distance} at scale ${scale}`);
    assert.deepEqual(hits, expected, `scale ${scale}`);
    assert.equal(index.structureDigest(), reference.structureDigest());
    index.delete();
  }
  reference.delete();
});
