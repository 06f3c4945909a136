// The counting build of a module (harness/instrument/wasm_counting.h), run in
// V8: counts are exact on a program whose count is known by hand, a read during
// a call out to JS sees exactly what ran before it, and every workload module's
// counting build is built beside it while the measured module carries no counter.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modulesDir, root } from '../../test-support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const countTool = path.join(root, 'build/native/bin/tollgate_wasm_count');
const COUNTER = 'tollgate_instructions';

function countingBuildOf(watFile) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-counting-'));
  const plain = path.join(dir, 'plain.wasm');
  const counted = path.join(dir, 'counted.wasm');
  execFileSync('wat2wasm', ['--enable-exceptions', watFile, '-o', plain]);
  execFileSync(countTool, [plain, counted]);
  return fs.readFileSync(counted);
}

async function knownProgram() {
  let counter;
  const { instance } = await WebAssembly.instantiate(countingBuildOf(path.join(here, 'fixtures/counting-known.wat')), {
    env: { probe: () => Number(counter.value) },
  });
  counter = instance.exports[COUNTER];
  const counted = (call) => {
    const before = counter.value;
    const result = call();
    return { instructions: Number(counter.value - before), result };
  };
  return { exports: instance.exports, counter, counted };
}

test('a loop of n iterations executes exactly 9n + 5 counted instructions', async () => {
  const { exports, counted } = await knownProgram();
  // Per iteration: local.get, local.get, i32.ge_u, br_if, local.get, i32.const,
  // i32.add, local.set, br; then the last test (4) and local.get (1).
  for (const n of [0, 1, 10, 1000]) assert.deepEqual(counted(() => exports.loop(n)), { instructions: 9 * n + 5, result: n });
});

test('an exception leaves a call without counting what the call skipped', async () => {
  const { exports, counted } = await knownProgram();
  // No throw: local.get, call; in the callee local.get, if, i32.const, drop; then i32.const x2, i32.add.
  assert.deepEqual(counted(() => exports.catching(0)), { instructions: 9, result: 3 });
  // Throw: local.get, call; local.get, if, i32.const, throw. Nothing after the call runs.
  assert.deepEqual(counted(() => exports.catching(1)), { instructions: 6, result: 7 });
});

test('a read during a call out to JS sees exactly the instructions before it, the call included', async () => {
  const { exports, counter } = await knownProgram();
  const before = Number(counter.value);
  assert.equal(exports.probed() - before, 5);  // i32.const, drop, i32.const, drop, call
});

test('every workload module has a counting build beside it, and only the counting build has a counter', () => {
  const measured = fs.readdirSync(modulesDir).filter((f) => f.endsWith('.wasm') && !/\.(counting|profiling)\.wasm$/.test(f));
  assert.ok(measured.length >= 4, `modules in ${modulesDir}: ${measured.join(', ')}`);
  for (const file of measured) {
    const plain = new WebAssembly.Module(fs.readFileSync(path.join(modulesDir, file)));
    assert.ok(!WebAssembly.Module.exports(plain).some((e) => e.name === COUNTER), `${file} (timed) has a counter`);
    const countingFile = path.join(modulesDir, file.replace(/\.wasm$/, '.counting.wasm'));
    assert.ok(fs.existsSync(countingFile), `${countingFile} missing`);
    const counting = new WebAssembly.Module(fs.readFileSync(countingFile));
    assert.ok(WebAssembly.Module.exports(counting).some((e) => e.name === COUNTER && e.kind === 'global'), file);
    const [section] = WebAssembly.Module.customSections(counting, 'tollgate.counting');
    assert.equal(JSON.parse(new TextDecoder().decode(section)).unit, 'wasm instructions');
    // Same imports and the same exports but the counter: the same glue drives both.
    assert.deepEqual(WebAssembly.Module.imports(counting), WebAssembly.Module.imports(plain));
    assert.deepEqual(WebAssembly.Module.exports(counting).filter((e) => e.name !== COUNTER), WebAssembly.Module.exports(plain));
  }
});

test('the counting tool refuses a module it cannot read, naming the byte', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-counting-'));
  const bad = path.join(dir, 'bad.wasm');
  fs.writeFileSync(bad, Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x0a, 0x05, 0x01]));
  let error;
  try {
    execFileSync(countTool, [bad, path.join(dir, 'out.wasm')], { stdio: 'pipe' });
  } catch (e) {
    error = e;
  }
  assert.equal(error?.status, 1);
  assert.match(error.stderr.toString(), /bad\.wasm: at byte 0x[0-9a-f]+: /);
});
