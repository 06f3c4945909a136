// Nested columns as JS gets them: the field tree (fields()), the late path's
// Arrow arrays as typed-array views over linear memory (columnNodes(j) through
// adapters/nested-values.mjs), and the same values as the eager path's row
// objects. The file is DuckDB's (the fuzz seed duckdb-nested-v2.parquet, 40 rows
// of the interop suite's nested table, in row groups of 25).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { nestedRows, nestedValue, nestedViews } from '../adapters/nested-values.mjs';
import { driveFrom, loadParquet, openBytes } from './parquet-test-support.mjs';
import { root } from '../../../runners/test-support.mjs';

const seed = path.join(root, 'workloads/parquet/fuzz/corpus/parquet_reader/duckdb-nested-v2.parquet');

function rowObjects(module, bytes) {
  const session = new module.ParquetSession(64 * 1024 * 1024);
  module.HEAPU8.set(bytes, session.stageFile(bytes.length));
  session.openStaged();
  session.decodeStaged();
  const rows = session.rowObjects();
  session.delete();
  return rows;
}

test('nested fields come to JS as typed arrays with int32 offsets and validity, and as the eager rows', async () => {
  const module = await loadParquet();
  const bytes = new Uint8Array(fs.readFileSync(seed));
  const session = openBytes(module, bytes, 64 * 1024 * 1024);
  const fields = session.fields();
  assert.deepEqual(fields.map((f) => `${f.name}:${f.kind}`),
    ['id:leaf', 'name:leaf', 'ints:list', 'words:list', 'point:struct', 'tags:map', 'items:list', 'grid:list', 'meta:struct', 'price:leaf']);
  const point = fields.find((f) => f.name === 'point');
  assert.deepEqual(point.children.map((c) => [c.name, c.kind, session.describe().columns[c.column].type]), [['x', 'leaf', 'INT64'], ['y', 'leaf', 'STRING']]);

  session.beginQuery(['ints', 'tags', 'point', 'id'], '', 0, false);
  driveFrom(module, session, bytes);
  assert.equal(session.resultRows(), 40);
  const ints = nestedViews(module, session.columnNodes(0));
  assert.equal(ints.kind, 'list');
  assert.ok(ints.offsets instanceof Int32Array && ints.offsets.length === 41);
  assert.ok(ints.validity instanceof Uint8Array && ints.validity.length === 40);
  const element = ints.children[0];
  assert.ok(element.values instanceof BigInt64Array);
  assert.equal(element.length, ints.offsets[40], 'the list\'s last offset is its child\'s length');
  // Row 2: [2, NULL]; row 7: NULL (i % 7 == 0); row 8: [] (i % 7 == 1).
  assert.deepEqual([ints.offsets[2], ints.offsets[3]], [ints.offsets[2], ints.offsets[2] + 2]);
  assert.equal(element.values[ints.offsets[2]], 2n);
  assert.equal(element.validity[ints.offsets[2] + 1], 0);
  assert.equal(ints.validity[7], 0);
  assert.equal(ints.validity[8], 1);
  assert.equal(ints.offsets[9] - ints.offsets[8], 0);
  assert.deepEqual(nestedValue(ints, 11), [11n, null, 22n]);

  const tags = nestedViews(module, session.columnNodes(1));
  assert.equal(tags.kind, 'map');
  const entries = tags.children[0];
  assert.equal(entries.kind, 'struct');
  assert.ok(entries.children[0].valueOffsets instanceof Uint32Array, 'string keys: bytes and uint32 offsets');
  assert.deepEqual(nestedValue(tags, 4), [{ key: 'k1', value: 4n }, { key: 'z', value: null }]);

  const pointView = nestedViews(module, session.columnNodes(2));
  assert.equal(pointView.children[0].length, 40, 'a struct\'s children have a slot per struct slot');
  assert.deepEqual(nestedValue(pointView, 4), { x: null, y: 'y4' });
  assert.equal(nestedValue(pointView, 6), null);
  assert.deepEqual(session.columnNodes(3), [], 'a flat column has no nodes');

  // The late path's values are the eager path's row objects.
  const late = { ints: nestedRows(ints), tags: nestedRows(tags), point: nestedRows(pointView) };
  const eager = rowObjects(module, bytes);
  for (const name of ['ints', 'tags', 'point']) assert.deepEqual(late[name], eager.map((row) => row[name]), name);
  assert.deepEqual(eager[4].meta, { l: [], s: { v: 'v4' } });
  session.delete();
});

test('a predicate on a nested leaf is refused by name; a flat one selects nested rows', async () => {
  const module = await loadParquet();
  const bytes = new Uint8Array(fs.readFileSync(seed));
  const session = openBytes(module, bytes, 64 * 1024 * 1024);
  assert.throws(() => session.beginQuery(['id'], 'point.x', 3, true), /the predicate column 'point.x' is inside a nested field/);
  session.beginQuery(['grid'], 'id', 30, false);
  driveFrom(module, session, bytes);
  assert.equal(session.resultRows(), 9);
  const grid = nestedRows(nestedViews(module, session.columnNodes(0)));
  assert.deepEqual(grid[0], [[31n]]);  // i = 31: [[i], [], NULL, [i, i]][1:(31 % 5 = 1)]
  assert.deepEqual(grid[8], [[39n], [], null, [39n, 39n]]);  // 39 % 5 = 4
  session.delete();
});
