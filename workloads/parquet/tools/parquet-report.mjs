#!/usr/bin/env node
// The Parquet workload's figures from results files (any runtimes): per case,
// runtime and variant, the median time per query with its spread (median
// absolute deviation), bytes read from the source and their share of the file,
// requests, and memory (the reader's own budget peak, the C++ heap peak, wasm
// linear memory, RSS: the process's, or in Chromium the page's renderer's); then the memory late materialization saves, eager over
// late, per runtime. Reads the results schema; computes nothing it prints twice.
//
//   node workloads/parquet/tools/parquet-report.mjs results/native.json results/node.json results/chromium.json

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2;
};

export function summarizeRow(row) {
  const m = median(row.samples_ns);
  const mad = median(row.samples_ns.map((x) => Math.abs(x - m)));
  return {
    operation: row.operation,
    rows: row.params.rows,
    runtime: row.runtime,
    variant: row.variant,
    samples: row.samples_ns.length,
    median_ms: m / 1e6,
    spread_pct: m > 0 ? (100 * mad) / m : 0,
    bytes_read: row.counters.source_bytes_read,
    file_bytes: row.counters.source_file_bytes,
    share_pct: (100 * row.counters.source_bytes_read) / row.counters.source_file_bytes,
    requests: row.counters.source_requests,
    budget_peak: row.memory.budget_peak_bytes,
    heap_peak: row.memory.heap_peak_bytes,
    linear_memory: row.memory.linear_memory_bytes ?? null,
    rss: row.memory.rss_bytes ?? row.memory.renderer_rss_bytes ?? null,
    digest: row.result_digest,
  };
}

const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const fmtBytes = (b) => (b === null || b === undefined ? '-' : b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MiB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b} B`);

export function report(docs) {
  const rows = docs.flatMap((d) => d.benchmarks.filter((b) => b.workload === 'parquet').map(summarizeRow));
  const lines = [];
  const cases = [...new Set(rows.map((r) => `${r.operation} rows=${r.rows}`))];
  for (const c of cases) {
    const group = rows.filter((r) => `${r.operation} rows=${r.rows}` === c);
    lines.push(`parquet.${c}  (digests ${new Set(group.map((r) => r.digest)).size === 1 ? 'identical' : 'DIFFER'})`);
    lines.push('  runtime   variant        median ms  spread  samples  read        share    requests  budget peak  heap peak   linear mem  rss');
    for (const r of group) {
      lines.push(`  ${r.runtime.padEnd(9)} ${r.variant.padEnd(14)} ${fmtMs(r.median_ms).padStart(9)}  ${`${r.spread_pct.toFixed(1)}%`.padStart(6)}  ${String(r.samples).padStart(7)}  ${fmtBytes(r.bytes_read).padEnd(10)}  ${`${r.share_pct.toFixed(2)}%`.padStart(7)}  ${String(r.requests).padStart(8)}  ${fmtBytes(r.budget_peak).padEnd(11)}  ${fmtBytes(r.heap_peak).padEnd(10)}  ${fmtBytes(r.linear_memory).padEnd(10)}  ${fmtBytes(r.rss)}`);
    }
    for (const runtime of [...new Set(group.map((r) => r.runtime))]) {
      const eager = group.find((r) => r.runtime === runtime && (r.variant === 'eager_rows' || r.variant === 'kernel_eager'));
      const late = group.find((r) => r.runtime === runtime && (r.variant === 'late_columns' || r.variant === 'kernel'));
      if (eager && late) {
        lines.push(`  ${runtime}: eager / late = ${(eager.budget_peak / late.budget_peak).toFixed(1)}x budget peak, ${(eager.heap_peak / late.heap_peak).toFixed(1)}x heap peak, ${(eager.median_ms / late.median_ms).toFixed(1)}x time, ${(eager.bytes_read / late.bytes_read).toFixed(1)}x bytes read`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: parquet-report.mjs RESULTS.json...');
    process.exitCode = 2;
  } else {
    console.log(report(files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')))));
  }
}
