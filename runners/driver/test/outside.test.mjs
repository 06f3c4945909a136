// Measuring a module from outside (outside.mjs): a "package" whose own glue
// instantiates its wasm, as npm packages do, is seen, its memory found and its
// crossings counted both ways while Tollgate never touches its code; what it
// cannot see is refused clearly.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instantiate } from '../instantiate.mjs';
import { outsideOf } from '../outside.mjs';

// (module (import "env" "tick" (func)) (memory (export "memory") 1)
//   (func (export "run") (param i32) (result i32) call tick, call tick, local.get 0 + 1))
const WASM = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 9, 2, 96, 0, 0, 96, 1, 127, 1, 127, 2, 12, 1, 3, 101, 110, 118, 4,
  116, 105, 99, 107, 0, 0, 3, 2, 1, 1, 5, 3, 1, 0, 1, 7, 16, 2, 6, 109, 101, 109, 111, 114, 121, 2, 0, 3, 114, 117, 110, 0, 1,
  10, 13, 1, 11, 0, 16, 0, 16, 0, 32, 0, 65, 1, 106, 11]);

// A package's glue: it instantiates on its own and keeps the exports it got.
async function glue() {
  let ticks = 0;
  const { instance } = await WebAssembly.instantiate(WASM, { env: { tick: () => { ticks++; } } });
  const { run } = instance.exports;
  return { run: (x) => run(x), ticks: () => ticks };
}

test('a module loaded by its own glue is watched: memory found, crossings counted both ways in the counting pass only', async () => {
  const compiled = { name: 'pkg', load: glue, env: {} };
  const plain = await instantiate(compiled);
  assert.equal(plain.run(41), 42);
  const seen = outsideOf(plain);
  assert.equal(seen.counts, null, 'no wrappers outside the counting pass');
  assert.equal(seen.memory.buffer.byteLength, 65536);
  assert.equal(seen.instances, 1);
  assert.equal(seen.bytes, WASM.length);
  assert.equal(WebAssembly.instantiate.name, 'instantiate', 'WebAssembly is given back after load()');

  const counted = await instantiate(compiled, { counting: true });
  const { counts } = outsideOf(counted);
  counted.run(1);
  counted.run(2);
  assert.deepEqual(counts, { js_to_wasm: 2, wasm_to_js: 4 });
  assert.equal(counted.ticks(), 4, 'the imports still run');
  assert.equal(outsideOf(plain).counts, null, 'each load is its own instance');
});

test('a load that instantiates nothing Tollgate can watch is an error saying why', async () => {
  const early = await WebAssembly.instantiate(WASM, { env: { tick() {} } });  // before load() runs
  await assert.rejects(instantiate({ name: 'pkg', load: async () => ({ early }), env: {} }),
    /pkg: load\(\) created no WebAssembly instance exporting its memory while Tollgate watched/);
  await assert.rejects(instantiate({ name: 'pkg', load: async () => 42, env: {} }), /pkg: load\(\) returned no object/);
});
