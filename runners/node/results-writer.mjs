// Writes a results file as a run goes: after every row or failure, atomically.
// Cases in progress are written as failures until they finish, so a run that
// dies part-way (a crash, a killed browser, a time-out) leaves the rows it
// measured and names the cases it did not finish.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { SCHEMA_VERSION } from '../driver/results.mjs';

const UNFINISHED = 'did not finish: the run stopped while measuring this case';

export class ResultsWriter {
  constructor(file, context) {
    this.file = file;
    this.context = context;
    this.rows = [];
    this.failures = [];
    this.inProgress = new Set();
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.write();
  }

  mergeContext(extra) {
    const wasm = { ...(this.context.wasm ?? {}) };
    for (const [name, stats] of Object.entries(extra.wasm ?? {})) wasm[name] = { ...(wasm[name] ?? {}), ...stats };
    this.context = { ...this.context, ...extra, wasm };
    this.write();
  }

  begin(names) {
    for (const name of names) this.inProgress.add(name);
    this.write();
  }

  addRow(row) {
    this.inProgress.delete(row.name);
    this.rows.push(row);
    this.write();
  }

  addFailure(failure) {
    this.inProgress.delete(failure.name);
    this.failures.push(failure);
    this.write();
  }

  // Marks whatever is still in progress as failed with `message` (a crash, say).
  abandon(stage, message) {
    for (const name of this.inProgress) this.failures.push({ name, stage, message });
    this.inProgress.clear();
    this.write();
  }

  document() {
    return {
      schema_version: SCHEMA_VERSION,
      context: this.context,
      benchmarks: this.rows.map((row, i) => ({ ...row, family_index: i })),
      failures: [
        ...this.failures,
        ...[...this.inProgress].map((name) => ({ name, stage: 'runner', message: UNFINISHED })),
      ],
    };
  }

  write() {
    // The busiest the machine was while this run wrote results (see the schema).
    this.context.load_average = Math.max(this.context.load_average ?? 0, os.loadavg()[0]);
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.document(), null, 2) + '\n');
    fs.renameSync(tmp, this.file);
  }
}

// What every JS host reports about the machine it ran on.
export function machineContext({ runtime, runtimeVersion, profile }) {
  const cpus = os.cpus();
  const context = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    host_name: os.hostname(),
    num_cpus: cpus.length,
    cpu_model: cpus[0]?.model ?? 'unknown',
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    runtime,
    runtime_version: runtimeVersion,
    compiler: 'unknown',
    compiler_flags: '',
    build_type: 'unknown',
    tollgate_version: 'unknown',
    profile,
  };
  if (process.env.TOLLGATE_GIT_COMMIT) context.git_commit = process.env.TOLLGATE_GIT_COMMIT;
  return context;
}

// Size of a module file, raw and gzipped (level 9, as a server would ship it).
export function wasmFileStats(file) {
  const bytes = fs.readFileSync(file);
  return { size_bytes: bytes.length, gzip_bytes: zlib.gzipSync(bytes, { level: 9 }).length };
}
