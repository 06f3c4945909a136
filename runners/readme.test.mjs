// The README's commands are the ones that exist and the ones CI runs.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { root } from './test-support.mjs';

const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the two set-up commands are the first block: main job, then tests', () => {
  const commands = blocks[0].split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  assert.deepEqual(commands, ['bash scripts/main.sh', 'bash scripts/test.sh']);
});

test('CI runs the README\'s test command', () => {
  const ci = fs.readFileSync(path.join(root, '.ci/run'), 'utf8');
  assert.match(ci, /^bash scripts\/test\.sh$/m);
});

test('every script and binary the README names exists in the tree or the build', () => {
  for (const block of blocks) {
    for (const line of block.split('\n')) {
      for (const [, file] of line.matchAll(/(scripts\/[\w-]+\.sh|ci\/[\w-]+\.(?:sh|json)|(?:runners|reports)\/[\w/-]+\.mjs|workloads\/[\w/]+\.json)/g)) {
        assert.ok(fs.existsSync(path.join(root, file)), `README names ${file}, which does not exist`);
      }
      for (const [, binary] of line.matchAll(/build\/native\/bin\/([\w]+)/g)) {
        assert.ok(fs.existsSync(path.join(root, 'harness/cli')) && ['tollgate', 'tollgate_native'].includes(binary),
          `README names build/native/bin/${binary}, which no target builds`);
        assert.ok(fs.existsSync(path.join(root, 'build/native/bin', binary)), `${binary} was not built`);
      }
    }
  }
});
