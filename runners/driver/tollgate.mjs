// What an adapter file may import from Tollgate, by the bare name 'tollgate':
//
//   import { Fnv1a32 } from 'tollgate';
//
// The name resolves wherever the adapter lives, in the tree or outside it: in Node
// through the package's own name (inside the tree) or the resolve hook the runners
// register (runners/node/tollgate-hooks.mjs), in Chromium through the page's
// import map (runners/browser/page/index.html).

export { Fnv1a32 } from './digest.mjs';
