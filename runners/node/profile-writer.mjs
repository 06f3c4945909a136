// Writes a profiling artifact (runners/driver/profile.mjs) as files other tools open:
//   <out>/<case>/<runtime>-<variant>/cpu.cpuprofile   the V8 CPU profile (DevTools, speedscope)
//                          trace.json      the probes as Chrome trace events (Perfetto)
//                          hotspots.json   allocation sites (tollgate-hotspots/1)
//                          memory.json     memory figures (tollgate-memory/1)
// The C++ tooling folds the profile and renders the flamegraphs (scripts/profile.sh).

import fs from 'node:fs';
import path from 'node:path';

export function caseFolder(name) {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

// The case without its variant ("vector.insert/index:hnsw/n:1000"): one folder holds
// every runtime and variant of a case, for the side-by-side view.
export function caseWithoutVariant(name) {
  const parts = name.split('/');
  parts.splice(1, 1);
  return parts.join('/');
}

export function writeProfileArtifact(outDir, artifact) {
  const dir = path.join(outDir, caseFolder(caseWithoutVariant(artifact.name)), `${artifact.runtime}-${artifact.variant}`);
  fs.mkdirSync(dir, { recursive: true });
  const json = (file, value) => fs.writeFileSync(path.join(dir, file), JSON.stringify(value) + '\n');
  if (artifact.cpu_profile) json('cpu.cpuprofile', artifact.cpu_profile);
  json('trace.json', artifact.trace);
  if (artifact.hotspots) json('hotspots.json', artifact.hotspots);  // none from outside
  json('memory.json', artifact.memory);
  return dir;
}
