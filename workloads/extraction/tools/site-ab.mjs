// Where zero_copy's time goes on the site corpus, for two builds side by side
// (workloads/extraction/README.md, "Speed on real-world-shaped pages"): per
// document, wall time, the two checkouts' extraction modules loaded in one Node
// process and their cases interleaved, so that load falls on both alike.
//
//   extract       extractStaged alone: the kernel, plus whatever the module does
//                 to hand the result over (the UTF-16 text, from 26e296f on)
//   zero_copy     the same and the result read into JS objects (result-reader.mjs)
//
// Run after scripts/build.sh in both checkouts:
//
//   node workloads/extraction/tools/site-ab.mjs <checkout A> <checkout B> [rounds=25]
//
// Native's figure for the same documents: build/native/bin/tollgate_native
// --suite extraction --filter 'extract/.*corpus:site'.

import fs from 'node:fs';
import path from 'node:path';

const [dirA, dirB] = process.argv.slice(2, 4);
const rounds = Number(process.argv[4] ?? 25);
if (!dirA || !dirB) {
  console.error('usage: node site-ab.mjs <checkout A> <checkout B> [rounds=25]');
  process.exit(2);
}

async function load(dir) {
  const modules = path.resolve(dir, 'build/wasm/modules');
  const { default: create } = await import(path.join(modules, 'extraction.mjs'));
  const module = await create({
    print() {},
    printErr() {},
    wasmBinary: fs.readFileSync(path.join(modules, 'extraction.wasm')),
  });
  const { readResult } = await import(path.resolve(dir, 'workloads/extraction/adapters/result-reader.mjs'));
  return { name: dir, module, session: new module.ExtractionSession(), readResult };
}

const builds = [await load(dirA), await load(dirB)];
const docs = Array.from({ length: 20 }, (_, i) => builds[0].module.generateDocument('html', 100000, 1 + i, 'site'));
let sink = 0;  // keeps the work observable

function run({ module, session, readResult }, read) {
  for (const d of docs) {
    const at = session.inputBuffer(d.length);
    module.HEAPU8.set(d, at);
    const header = session.extractStaged('html', d.length);
    if (read) {
      const r = readResult(module, header);
      sink += r.content.length + r.links.length;
    } else {
      sink += header;
    }
  }
}

const cases = builds.flatMap((b, i) => [
  [`${'AB'[i]} extract`, () => run(b, false)],
  [`${'AB'[i]} zero_copy`, () => run(b, true)],
]);
const samples = Object.fromEntries(cases.map(([name]) => [name, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, f] of cases) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) f();
    samples[name].push(Number(process.hrtime.bigint() - start) / 5 / docs.length / 1e3);
  }
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mad = (a) => median(a.map((x) => Math.abs(x - median(a))));
console.log(`A: ${dirA}\nB: ${dirB}\n${rounds} rounds of 5 operations, 20 documents each (sink ${sink % 7})`);
console.log('| case | µs per document |\n|---|---|');
for (const [name] of cases) {
  const m = median(samples[name]);
  console.log(`| ${name} | ${m.toFixed(1)} (${((100 * mad(samples[name])) / m).toFixed(1)}%) |`);
}
