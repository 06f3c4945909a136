// Imported first by every Node entry point that loads workload adapters: makes
// `import ... from 'tollgate'` resolve in adapter files outside the tree.
import { register } from 'node:module';

register('./tollgate-hooks.mjs', import.meta.url);
