// The JS half of the example workload's adapters: each variant does the same work
// (hash every value, leave the hashes where JS can read them) through a different
// boundary style, and the driver times, probes and counts each one. The contract
// every adapter file follows is in runners/driver/ADAPTERS.md.
//
//   per_item  the naive binding: one call into wasm per value (suite.json "naive")
//   batch     the values written straight into memory the module owns, one call
//             for all of them, the hashes read through a view of linear memory

import { Fnv1a32 } from 'tollgate';

const hash = {
  // Untimed, once per instance: the input, and what the variants reuse.
  prepare(module, p) {
    return { values: module.makeValues(p.count, p.seed), hasher: new module.Hasher(), hashes: null };
  },
  variants: {
    per_item(module, state, p, probe) {
      const hashes = new Uint32Array(p.count);
      const t = probe.start();
      for (let i = 0; i < p.count; i++) hashes[i] = module.hashValue(state.values[i], p.rounds);
      probe.end('call', t);
      state.hashes = hashes;
    },
    batch(module, state, p, probe) {
      let t = probe.start();
      const ptr = state.hasher.staging(p.count);
      probe.end('call', t);
      t = probe.start();
      // HEAPU32 read after staging(): growing memory detaches the old views.
      module.HEAPU32.set(state.values, ptr >>> 2);
      probe.end('copy_in', t);
      probe.bytesIn += state.values.byteLength;
      t = probe.start();
      state.hasher.hashStaged(p.rounds);
      probe.end('call', t);
      state.hashes = new Uint32Array(module.HEAPU32.buffer, state.hasher.results(), p.count);
    },
  },
  // The last operation's results as a digest, computed as native_cases.cc does.
  digest(module, state) {
    const digest = new Fnv1a32();
    for (const h of state.hashes) digest.addU32(h);
    return digest.text();
  },
  release(module, state) {
    state.hasher.delete();
  },
};

export const operations = { hash };
