// Instantiating a workload module, plainly (timing and phase passes) or counting
// every crossing (the counting pass). An instance of a counting build (see
// instruction-count.mjs) keeps its instruction counter as module.tollgateInstructions.
//
// Counting wraps what the engine boundary consists of: every import (wasm -> JS),
// every exported function and every function-table entry (JS -> wasm; embind calls
// C++ through the table). The wrappers cost a closure call each, which is why
// counting runs in its own pass, never while timing.

import { instantiateOutside } from './outside.mjs';

// Executed instructions of one operation, over every counting instance taking
// part: those given, and any instantiated while the tally is open (an operation
// that instantiates a module itself, like extraction's first_result, whose
// start-up is then counted from its first instruction).
const openTallies = new Set();
export class InstructionTally {
  constructor(...modules) {
    this.start = new Map();
    for (const m of modules) if (m.tollgateInstructions) this.start.set(m.tollgateInstructions, m.tollgateInstructions.value);
    openTallies.add(this);
  }

  join(counter) {
    if (!this.start.has(counter)) this.start.set(counter, 0n);
  }

  // Instructions so far, as a BigInt.
  read() {
    let sum = 0n;
    for (const [counter, from] of this.start) sum += counter.value - from;
    return sum;
  }

  close() {
    openTallies.delete(this);
    return this.read();
  }
}

// Deliberate extra work inside the kernels (the harness's tollgate/inject.h),
// given to every instance made while it is set: the injection
// `kernel_work_<percent>`, which proves the count gates catch a slowdown of the
// shared C++ (ci/README.md).
let injectedWorkPercent = 0;
export function kernelWorkPercent(injection) {
  const match = /^kernel_work_([1-9][0-9]*)$/.exec(injection);
  return match ? Number(match[1]) : null;
}
export function setInjectedWork(percent) {
  injectedWorkPercent = percent;
}

// `counting`: every crossing counted, and the counting build (compiled.counting,
// when the host found one) instantiated in place of the plain module.
// `onMemoryGrow({ from, to })` hears of every growth of linear memory (profiling).
// A module built elsewhere (compiled.load: measured from outside) is loaded by its
// adapter instead, watched the same way (outside.mjs).
export async function instantiate(compiled, { counting = false, onMemoryGrow = null } = {}) {
  if (compiled.load) return instantiateOutside(compiled, { counting, onMemoryGrow });
  const source = counting && compiled.counting ? compiled.counting : compiled;
  const counts = { js_to_wasm: 0, wasm_to_js: 0 };
  let instructions = null;
  let failInstantiation;
  const failed = new Promise((_, reject) => {
    failInstantiation = reject;
  });
  const ready = source.createModule({
    instantiateWasm(imports, receiveInstance) {
      WebAssembly.instantiate(source.module, counting ? countImports(imports, counts) : imports)
        .then((instance) => {
          instructions = instance.exports.tollgate_instructions ?? null;
          if (instructions) for (const tally of openTallies) tally.join(instructions);
          receiveInstance(counting ? countExports(instance, counts) : instance);
        })
        .catch((error) => failInstantiation(new Error(`instantiating ${source.name}.wasm failed: ${error.message}`)));
      return {};  // asynchronous: the glue waits for receiveInstance
    },
    // The glue prints aborts; we report them as errors instead.
    print: () => {},
    printErr: () => {},
  });
  const module = await Promise.race([ready, failed]);
  module.tollgateCounts = counting ? counts : null;
  if (onMemoryGrow) {
    const memory = Object.values(module.asm).find((value) => value instanceof WebAssembly.Memory);
    if (!memory) throw new Error('the module exports no memory to watch');
    watchGrowth(memory, onMemoryGrow);
  }
  module.tollgateInstructions = instructions;
  if (injectedWorkPercent > 0) {
    // The injection switch is the harness's call, not the workload's: a module
    // loaded inside an operation (first_result) must not count it as a crossing.
    const before = { ...counts };
    module._tollgate_set_injected_work(injectedWorkPercent);
    Object.assign(counts, before);
  }
  return module;
}

// The glue grows memory through the Memory object's grow(); an own property on that
// object sees every call.
export function watchGrowth(memory, onMemoryGrow) {
  const grow = memory.grow.bind(memory);
  memory.grow = (pages) => {
    const from = memory.buffer.byteLength;
    const result = grow(pages);
    onMemoryGrow({ from, to: memory.buffer.byteLength });
    return result;
  };
}

export function countImports(imports, counts) {
  const wrapped = {};
  for (const [space, members] of Object.entries(imports)) {
    wrapped[space] = {};
    for (const [name, value] of Object.entries(members)) {
      wrapped[space][name] = typeof value === 'function'
        ? function (...args) { counts.wasm_to_js++; return value.apply(this, args); }
        : value;
    }
  }
  return wrapped;
}

function countingCall(fn, counts) {
  return function (...args) {
    counts.js_to_wasm++;
    return fn.apply(this, args);
  };
}

// Export names are minified in release builds, so wrap by kind, not by name.
export function countExports(instance, counts) {
  const exports = {};
  for (const [name, value] of Object.entries(instance.exports)) {
    if (typeof value === 'function') exports[name] = countingCall(value, counts);
    else if (value instanceof WebAssembly.Table) exports[name] = countingTable(value, counts);
    else exports[name] = value;
  }
  return { exports };
}

function countingTable(table, counts) {
  const cache = new Map();
  return {
    get(index) {
      const fn = table.get(index);
      if (typeof fn !== 'function') return fn;
      if (!cache.has(fn)) cache.set(fn, countingCall(fn, counts));
      return cache.get(fn);
    },
    set(index, value) { table.set(index, value); },
    grow(delta) { return table.grow(delta); },
    get length() { return table.length; },
  };
}

// The harness's snapshot (probes, bytes, allocations) from the module's memory.
export function readSnapshot(module) {
  if (!module.tollgateLayout) module.tollgateLayout = cString(module, module._tollgate_snapshot_layout()).split(',');
  const ptr = module._tollgate_snapshot();
  const values = new Float64Array(module.HEAPU8.buffer, ptr, module.tollgateLayout.length);
  const out = {};
  module.tollgateLayout.forEach((field, i) => { out[field] = values[i]; });
  return out;
}

export function cString(module, ptr) {
  const heap = module.HEAPU8;
  let end = ptr;
  while (heap[end] !== 0) end++;
  return new TextDecoder().decode(heap.subarray(ptr, end));
}
