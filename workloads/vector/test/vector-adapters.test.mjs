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
  refuses(() => index.searchObjects(data.subarray(0, dim), 0), /k must be positive/);
  refuses(() => new module.VectorIndex('ivf', 'l2', dim, 8, 32, 16, 1), /unknown index kind 'ivf'/);
  refuses(() => new module.VectorIndex('flat', 'manhattan', dim, 8, 32, 16, 1), /unknown metric 'manhattan'/);
  refuses(() => new module.VectorIndex('flat', 'l2', 0, 8, 32, 16, 1), /dimension must be positive/);

  assert.equal(index.size(), 25);
  index.insert(data.subarray(25 * dim));
  reference.insert(data.subarray(25 * dim));
  assert.equal(index.structureDigest(), reference.structureDigest());
  assert.deepEqual(index.searchObjects(data.subarray(0, 2 * dim), 3), reference.searchObjects(data.subarray(0, 2 * dim), 3));
  index.delete();
  reference.delete();
});
