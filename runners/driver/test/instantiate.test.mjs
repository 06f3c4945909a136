import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSnapshot } from '../instantiate.mjs';
import { loadModule } from '../../test-support.mjs';

async function counting() {
  const module = await loadModule('vector', { counting: true });
  const counts = module.tollgateCounts;
  const measure = (fn) => {
    counts.js_to_wasm = 0;
    counts.wasm_to_js = 0;
    const value = fn();
    return { ...counts, value };
  };
  return { module, measure };
}

test('a plain instance counts nothing; a counting one counts a direct export call as one crossing', async () => {
  const plain = await loadModule('vector');
  assert.equal(plain.tollgateCounts, null);
  const { module, measure } = await counting();
  const c = measure(() => module._tollgate_reset());
  assert.equal(c.js_to_wasm, 1);
  assert.equal(c.wasm_to_js, 0);
});

test('embind methods, called through the function table, are counted too', async () => {
  const { module, measure } = await counting();
  const index = new module.VectorIndex('flat', 'l2', 4, 16, 200, 64, 1);
  const c = measure(() => index.size());
  assert.deepEqual([c.js_to_wasm, c.wasm_to_js], [1, 0]);
  index.delete();
});

test('the binding copy costs the same crossings for 1 vector or 100: one bulk set', async () => {
  const { module, measure } = await counting();
  const index = new module.VectorIndex('flat', 'l2', 4, 16, 200, 64, 1);
  const one = measure(() => index.insert(new Float32Array(4).fill(1)));
  const hundred = measure(() => index.insert(new Float32Array(400).fill(2)));
  assert.equal(one.js_to_wasm, 1);
  assert.ok(one.wasm_to_js > 0, 'convertJSArrayToNumberVector calls back into JS');
  assert.equal(hundred.wasm_to_js, one.wasm_to_js);
  index.delete();
});

test('building one JS object per hit costs crossings linear in k', async () => {
  const { module, measure } = await counting();
  const index = new module.VectorIndex('flat', 'l2', 4, 16, 200, 64, 1);
  index.insert(new Float32Array(4 * 20).map((_, i) => i % 7));
  const q = new Float32Array([1, 2, 3, 4]);
  const [k2, k4, k8] = [2, 4, 8].map((k) => measure(() => index.searchObjects(q, k)).wasm_to_js);
  assert.ok(k4 > k2);
  assert.equal(k8 - k4, 2 * (k4 - k2), `crossings ${k2}, ${k4}, ${k8} are not linear in k`);
  index.delete();
});

test('the snapshot reads probe totals, byte counts and allocations from the module', async () => {
  const module = await loadModule('vector');
  module._tollgate_reset();
  const before = readSnapshot(module);
  const index = new module.VectorIndex('flat', 'l2', 4, 16, 200, 64, 1);
  index.insert(new Float32Array(4 * 10));
  const after = readSnapshot(module);
  assert.equal(after.bytes_in - before.bytes_in, 160);  // the binding's copy, counted by the module
  assert.ok(after.allocations > before.allocations);
  assert.ok(after.peak_live_bytes >= after.live_bytes);
  for (const field of ['copy_in', 'call', 'compute', 'serialize', 'copy_out', 'probes']) assert.ok(field in after, field);
  index.delete();
});
