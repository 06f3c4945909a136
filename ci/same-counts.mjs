// Whether two runs counted the same instructions, row by row (the whole count:
// per operation and per phase): two clones at different paths, two machines of
// one toolchain, a clean clone against the committed count baselines.
//
//   node ci/same-counts.mjs RESULTS_A RESULTS_B
//
// Prints how many rows counted in both are identical and names the others.
// Exit status 1 when a row differs or when the runs share no counted row.

import fs from 'node:fs';

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node ci/same-counts.mjs RESULTS_A RESULTS_B');
  process.exit(2);
}
const counted = (file) => new Map(JSON.parse(fs.readFileSync(file, 'utf8')).benchmarks
  .filter((row) => row.instructions).map((row) => [row.name, JSON.stringify(row.instructions)]));
const left = counted(a), right = counted(b);
let identical = 0;
const differ = [], onlyOne = [];
for (const [name, counts] of left) {
  if (!right.has(name)) onlyOne.push(name);
  else if (right.get(name) === counts) identical++;
  else differ.push(`${name}: ${counts} vs ${right.get(name)}`);
}
for (const name of right.keys()) if (!left.has(name)) onlyOne.push(name);
console.log(`${identical} rows counted identically, ${differ.length} differ, ${onlyOne.length} counted in one run only`);
for (const line of differ) console.log(`  differs: ${line}`);
for (const name of onlyOne) console.log(`  in one run only: ${name}`);
process.exit(differ.length || identical === 0 ? 1 : 0);
