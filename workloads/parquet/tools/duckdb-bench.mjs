// Our Parquet reader beside DuckDB's, on DuckDB's own file and on ours:
//
//   node workloads/parquet/tools/duckdb-bench.mjs [--rounds 15] [--ops 3] [--out FILE]
//
// Needs the native and wasm builds (scripts/build.sh). At run time it writes our
// benchmark file (1,000,000 rows of id, price, qty, name, category; prices rising
// with id, 10 row groups, a page index) with our writer, then has DuckDB
// (@duckdb/node-api, its native library inside the npm package) write the same
// rows with its default writer settings (SNAPPY, its own row groups of 122,880
// rows, one page per chunk, no page index) in a scrambled order, so that prices
// are not clustered and no row group or page can be skipped: a file we did not
// write, as users' files are. Then Q1 (schema and row count), Q2 (count(*),
// sum(price) WHERE price > 990) and Q3 (name, price WHERE price > 990) run on both
// files in three engines, interleaved round after round:
//   native   our reader, natively (build/native/bin/parquet_bench, a process per
//            round, ops timed inside it after a warm-up op)
//   wasm     our reader compiled to wasm, in this Node process (the same build the
//            suite measures), file ranges read with fs straight into linear memory
//   duckdb   DuckDB in this process, one thread (SET threads=1)
// Like for like: every engine opens the file and reads its footer inside each
// timed operation (nothing is cached between operations: DuckDB's external file
// cache, on by default, and its metadata cache are turned off, and each operation
// gets a fresh connection), and every engine's results end in its own memory
// (Q3's names and prices materialized, never turned into JS values inside the
// timed region). Each round the engines' order rotates. Rows, sums and Q3's name
// bytes must agree between engines or the run fails. DuckDB's time includes
// parsing and planning its SQL, and a hop to libuv's thread pool (its API is
// asynchronous): a fraction of a millisecond.

import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { instantiate } from '../../../runners/driver/instantiate.mjs';
import { parseCommandLine } from '../../../runners/node/command-line.mjs';
import { median } from '../../../runners/driver/results.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const options = parseCommandLine({
  command: 'duckdb-bench',
  summary: 'Q1-Q3 on DuckDB\'s file and ours: our native reader, our wasm in Node, DuckDB single-threaded.',
  options: {
    rounds: { value: 'N', help: 'rounds, engines interleaved in each', default: '15' },
    ops: { value: 'N', help: 'timed operations per engine, query and file in each round', default: '3' },
    build: { value: 'DIR', help: 'the build folder holding native/ and wasm/', default: path.join(root, 'build') },
    queries: { value: 'LIST', help: 'comma-separated: footer, count_sum, select', default: 'footer,count_sum,select' },
    engines: { value: 'LIST', help: 'comma-separated: native, wasm, duckdb', default: 'native,wasm,duckdb' },
    out: { value: 'FILE', help: 'also write every sample and the summary as JSON' },
  },
});
const rounds = positive(options.rounds, 'rounds');
const ops = positive(options.ops, 'ops');
const queries = options.queries.split(',');
const engines = options.engines.split(',');
const THRESHOLD = 990;
const ROWS = 1000000;

function positive(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got '${text}'`);
  return n;
}

const SQL = {
  footer: (f) => `SELECT count(*) AS n FROM read_parquet('${f}')`,
  count_sum: (f) => `SELECT count(*) AS n, sum(price) AS s FROM read_parquet('${f}') WHERE price > ${THRESHOLD}`,
  select: (f) => `SELECT name, price FROM read_parquet('${f}') WHERE price > ${THRESHOLD}`,
};

// --- the files -------------------------------------------------------------

function writeFiles(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const ours = path.join(dir, 'ours.parquet');
  const tool = path.join(options.build, 'native/bin/parquet_tool');
  const gen = spawnSync(tool, ['gen', '--rows', String(ROWS), '--rg', '100000', '--page', '10000', '--seed', '1', '--out', ours], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`${tool} gen failed: ${gen.stderr || gen.error}`);
  return { ours, duckdb: path.join(dir, 'duckdb.parquet') };
}

// The same rows in an order that scatters prices: id * 7919 mod 1,000,003 (a
// prime) maps 0..999,999 to distinct keys, the same in every run.
async function writeDuckdbFile(connection, from, to) {
  await connection.run(`COPY (SELECT * FROM read_parquet('${from}') ORDER BY (id * 7919) % 1000003) TO '${to}' (FORMAT parquet)`);
}

// --- the engines -----------------------------------------------------------

async function duckdbEngine() {
  // One thread; nothing downloaded (parquet is built into the library); nothing
  // cached between queries.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const setup = await instance.connect();
  await setup.run('SET enable_external_file_cache = false');
  await setup.run('SET parquet_metadata_cache = false');
  const settings = {};
  for (const name of ['threads', 'enable_external_file_cache', 'parquet_metadata_cache', 'autoinstall_known_extensions']) {
    settings[name] = String((await setup.runAndReadAll(`SELECT current_setting('${name}')`)).getRows()[0][0]);
  }
  if (settings.threads !== '1' || settings.enable_external_file_cache !== 'false' || settings.parquet_metadata_cache !== 'false') {
    throw new Error(`DuckDB did not take its settings: ${JSON.stringify(settings)}`);
  }
  const version = String((await setup.runAndReadAll('SELECT version()')).getRows()[0][0]);
  return {
    name: 'duckdb', version, settings, setup,
    async run(file, query) {
      const times = [];
      let check;
      for (let i = 0; i <= ops; i++) {  // op 0 warms up
        const connection = await instance.connect();
        const start = performance.now();
        const result = await connection.run(SQL[query](file));
        const ms = performance.now() - start;
        if (i > 0) times.push(ms);
        check = await duckdbCheck(result, query);
        connection.closeSync();
      }
      return { times, check };
    },
  };
}

async function duckdbCheck(result, query) {
  const rows = await result.getRows();
  if (query === 'footer') return { rows: Number(rows[0][0]) };
  if (query === 'count_sum') return { rows: Number(rows[0][0]), sum: Number(rows[0][1]) };
  let sum = 0, nameBytes = 0, nulls = 0;
  for (const [name, price] of rows) {
    sum += price;
    if (name === null) nulls++;
    else nameBytes += Buffer.byteLength(name, 'utf8');
  }
  return { rows: rows.length, sum, name_bytes: nameBytes, nulls };
}

function nativeEngine() {
  const tool = path.join(options.build, 'native/bin/parquet_bench');
  if (!fs.existsSync(tool)) throw new Error(`${tool} is missing: run scripts/build.sh native`);
  return {
    name: 'native',
    async run(file, query) {
      const out = spawnSync(tool, [file, query, String(ops), String(THRESHOLD)], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`parquet_bench ${file} ${query}: ${out.stderr || out.error}`);
      const r = JSON.parse(out.stdout);
      return { times: r.times_ns.map((ns) => ns / 1e6), check: { rows: r.rows, sum: r.sum, name_bytes: r.name_bytes, nulls: r.nulls } };
    },
  };
}

async function wasmEngine() {
  const modules = path.join(options.build, 'wasm/modules');
  const bytes = fs.readFileSync(path.join(modules, 'parquet.wasm'));
  const { default: createModule } = await import(pathToFileURL(path.join(modules, 'parquet.mjs')).href);
  const module = await instantiate({ name: 'parquet', module: await WebAssembly.compile(bytes), createModule });
  const session = new module.ParquetSession(1536 * 1024 * 1024);
  // The sans-IO loop: each wanted range read with fs into the buffer the reader
  // reserved for it (a fresh view: memory may have grown).
  const drive = (fd) => {
    for (let n = session.wanted(); n > 0; n = session.wanted()) {
      const flat = new Float64Array(module.HEAPU8.buffer, session.wantedRanges(), 2 * n).slice();
      for (let i = 0; i < n; i++) {
        const ptr = session.buffer(i);
        const [offset, length] = [flat[2 * i], flat[2 * i + 1]];
        for (let done = 0; done < length;) {
          const got = fs.readSync(fd, module.HEAPU8, ptr + done, length - done, offset + done);
          if (got === 0) throw new Error(`short read at ${offset + done}`);
          done += got;
        }
      }
      session.advance();
    }
  };
  const once = (file, query) => {
    const fd = fs.openSync(file, 'r');
    session.beginOpen(fs.fstatSync(fd).size);
    drive(fd);
    if (query === 'count_sum') session.beginQuery([], 'price', THRESHOLD, true);
    if (query === 'select') session.beginQuery(['name', 'price'], 'price', THRESHOLD, false);
    if (query !== 'footer') drive(fd);
    fs.closeSync(fd);
  };
  const check = (query) => {
    if (query === 'footer') return { rows: session.describe().rows };
    const rows = session.resultRows();
    if (query === 'count_sum') return { rows, sum: session.resultSum() };
    const buffer = module.HEAPU8.buffer;
    const offsets = new Uint32Array(buffer, session.columnOffsets(0), rows + 1);
    const valid = new Uint8Array(buffer, session.columnValid(0), rows);
    const prices = new Float64Array(buffer, session.columnData(1), rows);
    let sum = 0;
    for (const p of prices) sum += p;
    return { rows, sum, name_bytes: offsets[rows], nulls: valid.reduce((n, v) => n + (v ? 0 : 1), 0) };
  };
  return {
    name: 'wasm',
    async run(file, query) {
      const times = [];
      let result;
      for (let i = 0; i <= ops; i++) {
        session.release();
        const start = performance.now();
        once(file, query);
        const ms = performance.now() - start;
        if (i > 0) times.push(ms);
        result = check(query);
      }
      session.release();
      return { times, check: result };
    },
  };
}

// --- the run ---------------------------------------------------------------

function sameCheck(a, b, query) {
  if (a.rows !== b.rows) return false;
  if (query === 'count_sum' || query === 'select') {
    if (Math.abs(a.sum - b.sum) > 1e-9 * Math.abs(b.sum)) return false;  // summed in different orders
  }
  return query !== 'select' || (a.name_bytes === b.name_bytes && a.nulls === b.nulls);
}

function spread(values) {
  const m = median(values);
  return { median: m, mad: median(values.map((v) => Math.abs(v - m))), n: values.length };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-duckdb-bench-'));
  try {
    const files = writeFiles(dir);
    const duck = await duckdbEngine();
    const writeStart = performance.now();
    await writeDuckdbFile(duck.setup, files.ours, files.duckdb);
    process.stderr.write(`files: ours ${fs.statSync(files.ours).size} bytes, DuckDB's ${fs.statSync(files.duckdb).size} bytes (written in ${((performance.now() - writeStart) / 1000).toFixed(1)} s)\n`);
    const all = { native: nativeEngine, wasm: wasmEngine, duckdb: async () => duck };
    const active = [];
    for (const e of engines) {
      if (!all[e]) throw new Error(`unknown engine '${e}' (native, wasm, duckdb)`);
      active.push(await all[e]());
    }
    const machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, duckdb: duck.version, load_before: os.loadavg() };
    const samples = {};  // file/query/engine -> per-round medians and all times
    for (let round = 0; round < rounds; round++) {
      for (const [fileName, file] of Object.entries(files)) {
        for (const query of queries) {
          const checks = {};
          for (let k = 0; k < active.length; k++) {
            const engine = active[(k + round) % active.length];  // rotate who goes first
            const { times, check } = await engine.run(file, query);
            const key = `${fileName}/${query}/${engine.name}`;
            samples[key] ??= { times: [], rounds: [] };
            samples[key].times.push(...times);
            samples[key].rounds.push(median(times));
            checks[engine.name] = check;
          }
          const [first, ...rest] = Object.entries(checks);
          for (const [name, c] of rest) {
            if (!sameCheck(c, first[1], query)) throw new Error(`${fileName} ${query}: ${name} found ${JSON.stringify(c)}, ${first[0]} ${JSON.stringify(first[1])}`);
          }
        }
      }
      process.stderr.write(`round ${round + 1}/${rounds} done (load ${os.loadavg()[0].toFixed(1)})\n`);
    }
    machine.load_after = os.loadavg();
    report(samples, machine);
    if (options.out) fs.writeFileSync(options.out, JSON.stringify({ machine, rounds, ops, samples }, null, 1));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Per file and query: each engine's median time (± median absolute deviation)
// over every timed op, and its ratio to DuckDB's: the median of the per-round
// ratios (each round's engines ran side by side, so a round's load cancels).
function report(samples, machine) {
  const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
  console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, DuckDB ${machine.duckdb}; load average ${machine.load_before[0].toFixed(1)} before, ${machine.load_after[0].toFixed(1)} after`);
  console.log(`${rounds} rounds x ${ops} ops per engine; median ± MAD; ratio = median of per-round (engine / DuckDB)`);
  console.log('| file | query | our native | our wasm (Node) | DuckDB 1 thread | native / DuckDB | wasm / DuckDB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const fileName of ['duckdb', 'ours']) {
    for (const query of queries) {
      const cell = (engine) => {
        const s = samples[`${fileName}/${query}/${engine}`];
        if (!s) return '-';
        const { median: m, mad } = spread(s.times);
        return `${fmt(m)} ± ${fmt(mad)}`;
      };
      const ratio = (engine) => {
        const a = samples[`${fileName}/${query}/${engine}`], d = samples[`${fileName}/${query}/duckdb`];
        if (!a || !d) return '-';
        const r = spread(a.rounds.map((t, i) => t / d.rounds[i]));
        return `${r.median.toFixed(2)} ± ${r.mad.toFixed(2)}`;
      };
      const label = fileName === 'duckdb' ? "DuckDB's" : 'ours';
      console.log(`| ${label} | ${query} | ${cell('native')} | ${cell('wasm')} | ${cell('duckdb')} | ${ratio('native')} | ${ratio('wasm')} |`);
    }
  }
}

main().catch((error) => {
  process.stderr.write(`duckdb-bench: ${error.message}\n`);
  process.exit(1);
});
