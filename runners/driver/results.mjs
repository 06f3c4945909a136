// Rows in the results schema (harness/schema/results.schema.json), as the C++
// writer (harness/src/results.cc) makes them: Google Benchmark's fields first,
// real_time and cpu_time the median per item.

import { PHASES } from './phases.mjs';

export const SCHEMA_VERSION = 1;

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
}

export function benchmarkName(c, variant) {
  let name = `${c.workload}.${c.operation}/${variant}`;
  for (const key of c.nameParams) {
    if (key in c.params) name += `/${key}:${c.params[key]}`;
  }
  return name;
}

export function makeRow(c, variant, runtime, m) {
  const name = benchmarkName(c, variant);
  const realTime = median(m.samples) / c.itemsPerOp;
  const cpuMeasured = Array.isArray(m.cpuSamples) && m.cpuSamples.length > 0;
  const row = {
    name,
    family_index: 0,  // set by the file writer, from the row's position
    per_family_instance_index: 0,
    run_name: name,
    run_type: 'iteration',
    repetitions: m.samples.length,
    repetition_index: 0,
    threads: 1,
    iterations: c.itemsPerOp * m.samples.length,
    real_time: realTime,
    cpu_time: cpuMeasured ? median(m.cpuSamples) / c.itemsPerOp : realTime,
    time_unit: 'ns',
    workload: c.workload,
    operation: c.operation,
    variant,
    runtime,
    params: c.params,
    items_per_op: c.itemsPerOp,
    item: c.item,
    warmup_ops: c.warmupOps,
    samples_ns: m.samples,
  };
  if (cpuMeasured) row.cpu_samples_ns = m.cpuSamples;
  row.cpu_time_measured = cpuMeasured;
  // A phase a sample lacks (compute, measured from outside) has no samples at all.
  row.phase_samples_ns = Object.fromEntries(PHASES.map((p) => [p, m.phaseSamples.filter((s) => p in s).map((s) => s[p])]));
  row.counters = m.counters;
  row.memory = m.memory;
  if (m.instructions) {
    const { per_op: perOp, phases, uncounted } = m.instructions;
    row.instructions = { per_op: perOp, per_item: perOp / c.itemsPerOp, ...(phases ? { phases } : {}), uncounted: [...uncounted] };
  }
  row.result_digest = m.digest;
  if (m.outside) row.measured_from = 'outside';
  if (m.quality) row.quality = m.quality;
  return row;
}
