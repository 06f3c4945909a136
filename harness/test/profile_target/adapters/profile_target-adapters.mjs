// The known program's one operation, for the profiling tests.
import { Fnv1a32 } from '../../../../runners/driver/digest.mjs';

const run = {
  prepare(module) {
    return { handle: new module.KnownProgram(), result: '' };
  },
  variants: {
    direct(module, state, p, probe) {
      const t = probe.start();
      state.result = state.handle.run(p.iterations);
      probe.end('call', t);
    },
  },
  digest(module, state) {
    const d = new Fnv1a32();
    d.addBytes([...state.result].map((c) => c.charCodeAt(0)));
    return d.text();
  },
  release(module, state) {
    state.handle?.delete();
    state.handle = null;
  },
};

export const operations = { run };
