// Module resolve hooks for adapter files wherever they live:
//   - the bare name 'tollgate' (runners/driver/tollgate.mjs): inside the tree the
//     package's own name resolves it; a folder outside has no node_modules/tollgate;
//   - a bare package name a folder outside the tree cannot resolve from where it
//     is (no node_modules of its own) is looked up in Tollgate's, as the browser
//     page does (runners/node/page-packages.mjs).
// The runners register these (register-tollgate.mjs) before importing any adapter.

const KIT = new URL('../driver/tollgate.mjs', import.meta.url).href;
const TOLLGATE_ROOT = new URL('../../package.json', import.meta.url).href;

const bare = (specifier) => !/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);

export async function resolve(specifier, context, next) {
  if (specifier === 'tollgate') return { url: KIT, format: 'module', shortCircuit: true };
  try {
    return await next(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !bare(specifier) || context.parentURL === TOLLGATE_ROOT) throw error;
    return next(specifier, { ...context, parentURL: TOLLGATE_ROOT });
  }
}
