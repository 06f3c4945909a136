// Executed-instruction counts in wasm, from a module's counting build
// (<name>.counting.wasm, written by harness/instrument/: the measured module
// with an exported i64 counter added at every basic block). The same .wasm
// counts the same in Node and in Chromium, on any machine: one operation is
// enough, and the gates need no statistics.
//
// What the counter cannot see is the JS side of an operation (the glue, the
// adapters' own JS): rows say so in `uncounted`, never count it as zero.

import { JsProbe, combinePhases, PHASES } from './phases.mjs';
import { InstructionTally, readSnapshot } from './instantiate.mjs';

export const COUNTER_EXPORT = 'tollgate_instructions';
const DESCRIPTION_SECTION = 'tollgate.counting';
export const UNCOUNTED_IN_JS = ['js'];

// Whether a compiled module is a counting build.
export function hasCounter(wasmModule) {
  return WebAssembly.Module.exports(wasmModule).some((e) => e.name === COUNTER_EXPORT && e.kind === 'global');
}

// The timing pass runs the plain module only: a counting build's counter
// updates would be timed too.
export function assertNotCounting(compiled) {
  if (compiled.module && hasCounter(compiled.module)) {  // a module from outside has none of ours
    throw new Error(`${compiled.name}: the timing pass was given a counting build (it exports ${COUNTER_EXPORT})`);
  }
}

// The results' context.counting for a counting build, from what the pass wrote
// into it and the build's own description (`build`: the module's build info).
export function countingContext(countingCompiled, build) {
  const [section] = WebAssembly.Module.customSections(countingCompiled.module, DESCRIPTION_SECTION);
  if (!section) throw new Error(`${countingCompiled.name}.counting.wasm has no ${DESCRIPTION_SECTION} section`);
  const description = JSON.parse(new TextDecoder().decode(section));
  const tool = `${description.tool} ${description.version}`;
  return {
    tool: description.tool,
    tool_version: String(description.version),
    unit: description.unit,
    toolchain: [build.compiler, build.compiler_flags, build.wasm_opt, tool].join(' | '),
  };
}

// The counter of an instance of a counting build (a WebAssembly.Global holding
// an i64, read as a BigInt), or null for a plain module.
export function counterOf(module) {
  return module.tollgateInstructions ?? null;
}

// Instructions per phase of one operation: `runOp(probe)` runs it (its beforeOp
// first) with the probes on and their clock reading the counter, inside the
// module through Module.tollgateClockNs and in JS through the JsProbe given.
export async function countedPhases(module, runOp) {
  const tally = new InstructionTally(module);
  const read = () => Number(tally.read());
  const probe = new JsProbe(() => read() / 1e6);  // JsProbe takes ms and sums ns
  probe.enabled = true;
  module.tollgateClockNs = read;
  module._tollgate_set_probes(1);
  module._tollgate_reset();
  try {
    const pending = runOp(probe);
    if (pending) await pending;
  } finally {
    tally.close();
    module._tollgate_set_probes(0);
    delete module.tollgateClockNs;
  }
  const phases = combinePhases(probe.ns, readSnapshot(module));
  return Object.fromEntries(PHASES.map((p) => [p, Math.round(phases[p])]));
}
