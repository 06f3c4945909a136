// What an adapter file may import from Tollgate, by the bare name 'tollgate':
//
//   import { Fnv1a32 } from 'tollgate';
//
// The name resolves wherever the adapter lives, in the tree or outside it: in Node
// through the package's own name (inside the tree) or the resolve hook the runners
// register (runners/node/tollgate-hooks.mjs), in Chromium through the page's
// import map (runners/browser/page/index.html).

export { Fnv1a32 } from './digest.mjs';
// A Tollgate-built module of the suite (env.modules[name]) as a new instance: an
// adapter measured from outside can draw the same inputs as a workload of ours.
export { instantiate } from './instantiate.mjs';

// The bytes at `url`: a file: URL read from disk (Node's fetch cannot), anything
// else fetched. For adapters that hand a package its .wasm themselves.
export async function readBytes(url) {
  if (String(url).startsWith('file:')) {
    const { readFile } = await import('node:fs/promises');
    return new Uint8Array(await readFile(new URL(url)));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}
