import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsProbe, PHASES, combinePhases } from '../phases.mjs';
import fs from 'node:fs';
import { root } from '../../test-support.mjs';

test('phase names are the schema ones, in order', () => {
  const schema = JSON.parse(fs.readFileSync(`${root}/harness/schema/results.schema.json`, 'utf8'));
  assert.deepEqual(PHASES, schema.$defs.phase_samples.required);
});

test('a disabled probe records nothing; an enabled one records ns per phase', () => {
  let clock = 0;
  const probe = new JsProbe(() => clock);
  const t = probe.start();
  clock = 2;  // ms
  probe.end('call', t);
  assert.equal(probe.ns.call, 0);

  probe.enabled = true;
  const t2 = probe.start();
  clock = 2.5;
  probe.end('copy_in', t2);
  assert.equal(probe.ns.copy_in, 0.5e6);
  probe.reset();
  assert.equal(probe.ns.copy_in, 0);
});

test('call is what JS saw around calls minus what the module probes saw inside', () => {
  const js = { copy_in: 100, call: 1000, serialize: 0, copy_out: 50 };
  const inside = { copy_in: 200, compute: 600, serialize: 100, copy_out: 0 };
  assert.deepEqual(combinePhases(js, inside), { copy_in: 300, call: 100, compute: 600, serialize: 100, copy_out: 50 });
});

test('a whole-operation negative call (clock steps coarser than the calls) is clamped to zero', () => {
  const phases = combinePhases({ copy_in: 0, call: 5, serialize: 0, copy_out: 0 },
    { copy_in: 0, compute: 10, serialize: 0, copy_out: 0 });
  assert.equal(phases.call, 0);
  assert.equal(phases.compute, 10);
});
