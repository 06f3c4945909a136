import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { selectCases } from '../suite.mjs';
import { root } from '../../test-support.mjs';

const suite = {
  workload: 'w',
  profiles: { quick: { samples: 3, warmup_ops: 2, phase_samples: 1 }, full: { samples: 9 } },
  defaults: { dim: 8, seed: 1 },
  operations: { insert: { name_params: ['n', 'dim'], items: 'n', item: 'vector' } },
  cases: [
    { operation: 'insert', profiles: ['quick', 'full'], params: { n: 10, dim: 4 } },
    { operation: 'insert', profiles: ['full'], samples: 2, params: { n: 20 } },
  ],
};

test('a profile selects its cases, with defaults merged under case params', () => {
  const quick = selectCases(suite, 'quick');
  assert.equal(quick.length, 1);
  assert.deepEqual(quick[0].params, { dim: 4, seed: 1, n: 10 });
  assert.equal(quick[0].itemsPerOp, 10);
  assert.equal(quick[0].item, 'vector');
  assert.equal(quick[0].samples, 3);
  assert.equal(quick[0].warmupOps, 2);
  const full = selectCases(suite, 'full');
  assert.deepEqual(full.map((c) => c.samples), [9, 2]);
});

test('a case may run only some of the suite\'s variants', () => {
  const some = structuredClone(suite);
  some.cases[0].variants = ['batch'];
  assert.deepEqual(selectCases(some, 'quick')[0].variants, ['batch']);
  assert.equal(selectCases(suite, 'quick')[0].variants, null);
  some.cases[0].variants = 'batch';
  assert.throws(() => selectCases(some, 'quick', 's.json'), /s.json: cases\[0\].variants: expected an array of variant names/);
});

test('errors name the file and the field', () => {
  assert.throws(() => selectCases(suite, 'nightly', 'x/suite.json'), /x\/suite.json: profiles: no profile named 'nightly'/);
  const bad = structuredClone(suite);
  bad.cases[0].params.n = 0;
  assert.throws(() => selectCases(bad, 'quick', 's.json'), /s.json: cases\[0\].params.n: expected a positive integer/);
  bad.cases[0].operation = 'delete';
  assert.throws(() => selectCases(bad, 'quick', 's.json'), /cases\[0\].operation: unknown operation 'delete'/);
});

test('the vector suite has quick and full profiles over both indexes', () => {
  const vector = JSON.parse(fs.readFileSync(`${root}/workloads/vector/suite.json`, 'utf8'));
  const quick = selectCases(vector, 'quick');
  const full = selectCases(vector, 'full');
  assert.ok(quick.length >= 4);
  assert.ok(full.length > quick.length);
  for (const n of [1000, 10000]) {
    for (const op of ['insert', 'search']) {
      for (const index of ['hnsw', 'flat']) {
        assert.ok(full.some((c) => c.operation === op && c.params.n === n && c.params.index === index && c.params.dim === 128),
          `full profile lacks ${op} ${index} n=${n}`);
      }
    }
  }
});
