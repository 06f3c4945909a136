// The driver's suite loader: the shared fixtures (harness/test/fixtures/suites/,
// which the C++ loader's test checks with the same expectations), every suite in
// the tree, and what a selected case holds.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { checkSuite, selectCases } from '../suite.mjs';
import { SchemaValidator } from '../json-schema.mjs';
import { root } from '../../test-support.mjs';

const schema = JSON.parse(fs.readFileSync(path.join(root, 'harness/schema/suite.schema.json'), 'utf8'));
const fixtures = path.join(root, 'harness/test/fixtures/suites');

test('shared fixtures load or fail as they expect, in the C++ loader\'s words', () => {
  const files = fs.readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort();
  assert.ok(files.length >= 10);
  for (const file of files) {
    const fixture = JSON.parse(fs.readFileSync(path.join(fixtures, file), 'utf8'));
    const load = () => selectCases(fixture.suite, fixture.profile, file, schema);
    if (fixture.error === null) {
      assert.doesNotThrow(load, `${file} should load`);
    } else {
      assert.throws(load, (error) => {
        assert.equal(error.message, `${file}: ${fixture.error.field}: ${fixture.error.message}`);
        return true;
      }, `${file} loaded, but should fail`);
    }
  }
});

test('every suite in the tree passes the checks', () => {
  const suites = ['harness/test/profile_target/suite.json', ...fs.readdirSync(path.join(root, 'workloads'))
    .map((d) => `workloads/${d}/suite.json`).filter((f) => fs.existsSync(path.join(root, f)))];
  assert.ok(suites.length >= 5);
  for (const file of suites) checkSuite(JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')), schema, file);
});

test('maximum: a number past it is refused in the C++ validator\'s words', () => {
  const v = new SchemaValidator({ type: 'object', properties: { n: { type: 'integer', maximum: 9007199254740991 } } });
  assert.deepEqual(v.validate({ n: 9007199254740991 }), []);
  assert.deepEqual(v.validate({ n: 9007199254740992 }), [{ path: '/n', message: 'expected at most 9007199254740991, found 9007199254740992' }]);
  assert.deepEqual(v.validate({ n: 1e30 }), [{ path: '/n', message: 'expected at most 9007199254740991, found 1e+30' }]);
});

test('the validator refuses a schema keyword it does not implement, rather than ignore it', () => {
  assert.throws(() => new SchemaValidator({ type: 'object', maxProperties: 3 }), /schema keyword 'maxProperties' at # is not supported/);
});

const suite = {
  workload: 'w',
  naive: 'single',
  variants: { native: ['kernel'], wasm: ['single', 'batch'] },
  profiles: { quick: { samples: 3, warmup_ops: 2, phase_samples: 1 }, full: { samples: 9 } },
  defaults: { dim: 8, seed: 1 },
  operations: { insert: { name_params: ['n', 'dim'], items: 'n', item: 'vector' } },
  cases: [
    { operation: 'insert', profiles: ['quick', 'full'], params: { n: 10, dim: 4 } },
    { operation: 'insert', profiles: ['full'], samples: 2, params: { n: 20 } },
  ],
};

test('a profile selects its cases, with defaults merged under case params', () => {
  const quick = selectCases(suite, 'quick', 's.json', schema);
  assert.equal(quick.length, 1);
  assert.deepEqual(quick[0].params, { dim: 4, seed: 1, n: 10 });
  assert.equal(quick[0].itemsPerOp, 10);
  assert.equal(quick[0].item, 'vector');
  assert.equal(quick[0].samples, 3);
  assert.equal(quick[0].warmupOps, 2);
  const full = selectCases(suite, 'full', 's.json', schema);
  assert.deepEqual(full.map((c) => c.samples), [9, 2]);
});

test('a case may run only some of the suite\'s variants', () => {
  const some = structuredClone(suite);
  some.cases[0].variants = ['batch'];
  assert.deepEqual(selectCases(some, 'quick', 's.json', schema)[0].variants, ['batch']);
  assert.equal(selectCases(suite, 'quick', 's.json', schema)[0].variants, null);
});

test('the vector suite has quick and full profiles over both indexes', () => {
  const vector = JSON.parse(fs.readFileSync(`${root}/workloads/vector/suite.json`, 'utf8'));
  const quick = selectCases(vector, 'quick', 'vector', schema);
  const full = selectCases(vector, 'full', 'vector', schema);
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
