// A module built without Tollgate (no probes, no _tollgate_* exports: an npm
// package's Emscripten or wasm-bindgen glue), measured from outside. Its adapter
// file exports load(env), which loads it the way an application would; while
// load() runs, WebAssembly's instantiation entry points are watched, so Tollgate
// sees every instance the glue creates, finds its linear memory, and in the
// counting pass hands the glue wrapped imports and exports: every crossing, both
// ways, is counted without the package's cooperation.
//
// What cannot be seen from outside is not reported: the time inside a call is
// not split into the module's own phases (no compute), and its allocations are
// unknown (no allocation hook). Rows say so (measured_from: "outside").

import { countExports, countImports, watchGrowth } from './instantiate.mjs';

// Replaces WebAssembly.instantiate, instantiateStreaming and the Instance
// constructor until the returned function is called; `seen(instance)` hears of
// each instance (the real one), and with `counts` the glue receives counting
// wrappers instead.
function watchInstantiation(seen, counts, sizes) {
  const wasm = globalThis.WebAssembly;
  const original = { instantiate: wasm.instantiate, instantiateStreaming: wasm.instantiateStreaming, Instance: wasm.Instance };
  const imported = (imports) => (counts && imports ? countImports(imports, counts) : imports);
  // What the glue gets back: the instance itself, or (counting) an object that
  // passes for one (instanceof, .exports) with every export wrapped.
  const handOver = (instance) => {
    seen(instance);
    if (!counts) return instance;
    return Object.create(original.Instance.prototype, { exports: { value: countExports(instance, counts).exports, enumerable: true } });
  };
  const settle = (result) => (result instanceof original.Instance
    ? handOver(result)
    : { module: result.module, instance: handOver(result.instance) });
  const measure = (source) => {
    if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) sizes.push(source.byteLength);
  };
  // The runtime's own modules are not the package's: Node compiles its HTTP
  // parser (undici's llhttp) the first time a fetch global is touched, which a
  // glue may do while loading. Instantiations called from node:internal pass by.
  const fromRuntime = () => /^\s*at .*\(node:internal\//.test(new Error().stack.split('\n')[3] ?? '');
  wasm.instantiate = (source, imports) => {
    if (fromRuntime()) return original.instantiate.call(wasm, source, imports);
    measure(source);
    return original.instantiate.call(wasm, source, imported(imports)).then(settle);
  };
  if (original.instantiateStreaming) {
    wasm.instantiateStreaming = (source, imports) => (fromRuntime()
      ? original.instantiateStreaming.call(wasm, source, imports)
      : original.instantiateStreaming.call(wasm, source, imported(imports)).then(settle));
  }
  wasm.Instance = new Proxy(original.Instance, {
    construct: (Target, [module, imports]) => (fromRuntime() ? new Target(module, imports) : handOver(new Target(module, imported(imports)))),
  });
  return () => Object.assign(wasm, original);
}

function exportedMemory(instance) {
  return Object.values(instance.exports).find((value) => value instanceof WebAssembly.Memory) ?? null;
}

let loads = 0;

// A fresh instance of the outside module: the adapter's handle (what its hooks
// receive as `module`); its counts and memory are kept for the passes (outsideOf).
export async function instantiateOutside(compiled, { counting = false, onMemoryGrow = null } = {}) {
  const counts = { js_to_wasm: 0, wasm_to_js: 0 };
  const instances = [];
  const sizes = [];  // of the binaries instantiated from bytes (not from a Response or Module)
  const restore = watchInstantiation((instance) => instances.push(instance), counting ? counts : null, sizes);
  let handle;
  try {
    // env.fresh: a token an adapter adds to its imports when the package's glue
    // keeps its instance in module state (wasm-bindgen), so each load is new.
    handle = await compiled.load({ ...compiled.env, fresh: ++loads });
  } finally {
    restore();
  }
  if (!handle || typeof handle !== 'object') throw new Error(`${compiled.name}: load() returned no object for the hooks to use`);
  const memory = instances.map(exportedMemory).find(Boolean);
  if (!memory) {
    throw new Error(`${compiled.name}: load() created no WebAssembly instance exporting its memory while Tollgate watched `
      + '(a module instantiated before load() was called, at import time say, cannot be measured: import it inside load())');
  }
  const bytes = sizes.reduce((a, b) => a + b, 0);
  outside.set(handle, { counts: counting ? counts : null, memory, instances: instances.length, bytes });
  if (onMemoryGrow) watchGrowth(memory, onMemoryGrow);
  return handle;
}

// What Tollgate knows of an outside module's instance (null for its own modules):
// { counts, memory }. Kept beside the adapter's handle, never on it: the handle
// may be a frozen object or a module namespace.
const outside = new WeakMap();
export function outsideOf(module) {
  return outside.get(module) ?? null;
}
