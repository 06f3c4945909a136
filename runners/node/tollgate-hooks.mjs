// A module resolve hook: the bare name 'tollgate' (runners/driver/tollgate.mjs) for
// adapter files wherever they live. Inside the tree the package's own name
// resolves it; a workload folder outside the tree has no node_modules/tollgate,
// so the runners register this hook before they import any adapter.

const KIT = new URL('../driver/tollgate.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'tollgate') return { url: KIT, format: 'module', shortCircuit: true };
  return next(specifier, context);
}
