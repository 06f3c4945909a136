// Shared by the JS tests: paths, where tests write results, schema validation
// (ajv, independent of the C++ validator, and the C++ one through the CLI), and
// loading the real vector module.

import Ajv2020 from 'ajv/dist/2020.js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { instantiate } from './driver/instantiate.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const modulesDir = path.join(root, 'build/wasm/modules');
export const tollgateCli = path.join(root, 'build/native/bin/tollgate');
export const nativeRunner = path.join(root, 'build/native/bin/tollgate_native');

// Results files tests write are kept (and validated by scripts/test.sh) when
// TOLLGATE_TEST_RESULTS is set; otherwise they go to a temporary folder.
const resultsDir = process.env.TOLLGATE_TEST_RESULTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-test-'));
fs.mkdirSync(resultsDir, { recursive: true });
export function resultsPath(name) {
  return path.join(resultsDir, name);
}

let validator;
export function schemaErrors(document) {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'harness/schema/results.schema.json'), 'utf8'));
    validator = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  }
  return validator(document) ? [] : validator.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
}

// Both validators must agree that `file` is valid: returns their complaints.
export function validateFile(file) {
  const problems = schemaErrors(JSON.parse(fs.readFileSync(file, 'utf8')));
  const cli = spawnSync(tollgateCli, ['validate', file], { encoding: 'utf8' });
  if (cli.status !== 0) problems.push(`tollgate validate: ${cli.stdout}${cli.stderr}`);
  return problems;
}

const compiled = {};
// The built module, compiled once per test process: { name, module, createModule };
// with `counting`, its counting build (same glue).
export async function compileModule(name = 'vector', { counting = false } = {}) {
  const file = `${name}${counting ? '.counting' : ''}.wasm`;
  if (!compiled[file]) {
    const bytes = fs.readFileSync(path.join(modulesDir, file));
    const { default: createModule } = await import(pathToFileURL(path.join(modulesDir, `${name}.mjs`)).href);
    compiled[file] = { name, module: await WebAssembly.compile(bytes), createModule, compileMs: 0 };
  }
  return compiled[file];
}

export async function loadModule(name = 'vector', options = {}) {
  return instantiate(await compileModule(name), options);
}
