#!/usr/bin/env node
// `npx tollgate ...` in the checkout (package.json's bin): runs the built command,
// build/native/bin/tollgate, with the same arguments, or says how to build it.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binary = path.join(root, 'build/native/bin/tollgate');
if (!fs.existsSync(binary)) {
  process.stderr.write(`tollgate: ${binary} is not built yet: run bash scripts/build.sh native ` +
    '(or bash scripts/main.sh, which installs what is missing, builds and runs the main job)\n');
  process.exit(2);
}
const ran = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit', env: { ...process.env, TOLLGATE_ROOT: root } });
if (ran.error) {
  process.stderr.write(`tollgate: cannot start ${binary}: ${ran.error.message}\n`);
  process.exit(2);
}
if (ran.signal) process.kill(process.pid, ran.signal);
process.exit(ran.status ?? 2);
