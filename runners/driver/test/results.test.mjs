import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchmarkName, makeRow, median } from '../results.mjs';
import { schemaErrors } from '../../test-support.mjs';

const c = {
  workload: 'vector', operation: 'search', params: { index: 'flat', n: 100, dim: 8, k: 5, queries: 4 },
  nameParams: ['index', 'n', 'k'], item: 'query', itemsPerOp: 4, samples: 3, warmupOps: 1, phaseSamples: 1,
};
const measured = {
  samples: [400, 800, 1200], cpuSamples: null,
  phaseSamples: [{ copy_in: 1, call: 2, compute: 3, serialize: 4, copy_out: 5 }],
  counters: { crossings: 3, crossings_js_to_wasm: 2, crossings_wasm_to_js: 1, bytes_in: 128, bytes_out: 32, allocations: 1, bytes_allocated: 64 },
  memory: { linear_memory_bytes: 65536 },
  digest: 'fnv1a32:0000abcd',
  quality: { recall_at_k: 1 },
};

test('median of odd and even counts', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('names follow Google Benchmark style with the chosen params', () => {
  assert.equal(benchmarkName(c, 'zero_copy'), 'vector.search/zero_copy/index:flat/n:100/k:5');
});

test('a row carries Google Benchmark fields per item and validates', () => {
  const row = makeRow(c, 'batch', 'chromium', measured);
  assert.equal(row.real_time, 200);  // median 800 ns over 4 queries
  assert.equal(row.cpu_time, 200);
  assert.equal(row.cpu_time_measured, false);
  assert.equal(row.iterations, 12);
  assert.equal(row.run_type, 'iteration');
  assert.deepEqual(row.phase_samples_ns.compute, [3]);
  const doc = {
    schema_version: 1,
    context: {
      date: 'd', host_name: 'h', num_cpus: 2, cpu_model: 'c', os: 'o', runtime: 'chromium', runtime_version: 'v',
      compiler: 'emcc', compiler_flags: '', build_type: 'Release', tollgate_version: '0.1.0', profile: 'quick',
    },
    benchmarks: [row],
    failures: [],
  };
  assert.deepEqual(schemaErrors(doc), []);
  row.samples_ns = [];
  assert.ok(schemaErrors(doc).some((e) => e.includes('/benchmarks/0/samples_ns')));
});
