// One progress line per finished case, for the runners (the native runner prints the
// same line): case i of N, each variant's median per item, elapsed time and an
// estimate of what is left. A long run shows it is moving; nothing else is printed.

import fs from 'node:fs';
import { benchmarkName, median } from '../driver/results.mjs';
import { selectCases } from '../driver/suite.mjs';

export function formatDuration(ns) {
  if (!Number.isFinite(ns)) return '-';
  if (ns < 1e3) return `${ns.toFixed(ns < 10 ? 2 : 1)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} us`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

export function formatClock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

// How many cases a run will measure: those of the profile with at least one
// variant left after --variants and --filter (as the driver selects them).
export function plannedCases(suiteFiles, { profile, filter = null, variants = null }) {
  const pattern = filter ? new RegExp(filter) : null;
  let count = 0;
  for (const file of suiteFiles) {
    const suite = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const c of selectCases(suite, profile, file)) {
      const chosen = (variants ?? suite.variants.wasm)
        .filter((v) => !c.variants || c.variants.includes(v))
        .filter((v) => !pattern || pattern.test(benchmarkName(c, v)));
      if (chosen.length > 0) count++;
    }
  }
  return count;
}

export class CaseProgress {
  constructor(runtime, total, { write = (line) => process.stdout.write(line), now = () => performance.now() } = {}) {
    this.runtime = runtime;
    this.total = total;
    this.write = write;
    this.now = now;
    this.started = now();
    this.done = 0;
    this.pending = new Set();
    this.parts = [];
    this.label = '';
  }

  begin(names) {
    this.pending = new Set(names);
    this.parts = [];
    this.item = null;
    this.label = names[0]?.replace(/^([^/]+)\/[^/]+/, '$1') ?? '';
  }

  row(row) {
    this.parts.push(`${row.variant} ${formatDuration(median(row.samples_ns) / row.items_per_op)}`);
    this.settle(row.name, row.item);
  }

  failure(failure) {
    const variant = failure.name.split('/')[1] ?? failure.name;
    this.parts.push(`${variant} FAILED (${failure.stage})`);
    this.settle(failure.name, null);
  }

  settle(name, item) {
    if (!this.pending.delete(name)) return;
    if (item) this.item = item;
    if (this.pending.size > 0) return;
    this.done++;
    const elapsed = (this.now() - this.started) / 1000;
    const left = this.done < this.total ? `, ~${formatClock((elapsed / this.done) * (this.total - this.done))} left` : '';
    const width = String(this.total).length;
    this.write(`${this.runtime} [${String(this.done).padStart(width)}/${this.total}] ${this.label}` +
      `${this.item ? `, per ${this.item}` : ''}: ${this.parts.join(', ')} (${formatClock(elapsed)}${left})\n`);
  }
}
