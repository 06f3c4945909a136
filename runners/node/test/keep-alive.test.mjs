import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keepingLoopAlive } from '../keep-alive.mjs';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

test('a timer holds the event loop for exactly the run, and the run\'s value or error comes back', async () => {
  const before = timers();
  let during = -1;
  const value = await keepingLoopAlive(async () => {
    during = timers();
    await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    return 7;
  });
  assert.equal(value, 7);
  assert.equal(during, before + 1);
  assert.equal(timers(), before);
  await assert.rejects(keepingLoopAlive(async () => { throw new Error('the run failed'); }), /the run failed/);
  assert.equal(timers(), before);
});
