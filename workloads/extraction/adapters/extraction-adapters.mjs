// The JS half of the extraction workload's boundary adapters. Every variant
// extracts the same documents and ends with the same JS result objects (the
// consumer reads everything, so all variants do the same work); the driver
// times them, probes their phases and counts them.
//
//   copy_json     the binding copies the bytes in; the result comes back as JSON
//                 text (an embind string) that JS parses: the seed's serde path
//   zero_copy     JS writes the document into a module-owned buffer; the result
//                 stays in linear memory and JS decodes it from offsets
//   streaming     the document goes in chunk_bytes at a time; each call returns
//                 what that chunk produced (metadata first), read the same way
//   pooled_batch  all the documents in one call, into a pool of result buffers
//                 the module reuses from call to call
//
// Operations: extract (`count` documents, seeds seed..seed+count-1) and
// first_result (instantiate the named build, extract one document).
// Memory growth detaches old views: module.HEAPU8 is read again after every
// call that can allocate.

import { Fnv1a32 } from '../../../runners/driver/digest.mjs';
import { instantiate, readSnapshot } from '../../../runners/driver/instantiate.mjs';
import { ResultBuilder, layoutOf, readChunk, readResult } from './result-reader.mjs';

// Documents are generated once per process and kept: fresh instances (the
// counting pass makes one per variant) then never generate, so their linear
// memory high-water mark is the adapter's own.
const documents = new Map();
function documentsFor(module, p) {
  const corpus = p.corpus ?? 'generated';
  const key = `${p.format}/${corpus}/${p.bytes}/${p.seed}/${p.count}`;
  if (!documents.has(key)) {
    documents.set(key, Array.from({ length: p.count },
      (_, i) => module.generateDocument(p.format, p.bytes, p.seed + i, corpus)));
  }
  return documents.get(key);
}

// One document, through each adapter: the result object.
export const extractOne = {
  copy_json(module, session, bytes, p, probe) {
    let t = probe.start();
    const json = session.extractJson(p.format, bytes);
    probe.end('call', t);
    t = probe.start();
    const result = JSON.parse(json);
    probe.end('copy_out', t);
    return result;
  },
  zero_copy(module, session, bytes, p, probe) {
    let t = probe.start();
    const ptr = session.inputBuffer(bytes.length);
    probe.end('call', t);
    t = probe.start();
    module.HEAPU8.set(bytes, ptr);
    probe.end('copy_in', t);
    probe.bytesIn += bytes.length;
    t = probe.start();
    const header = session.extractStaged(p.format, bytes.length);
    probe.end('call', t);
    t = probe.start();
    const result = readResult(module, header, probe);
    probe.end('copy_out', t);
    return result;
  },
  streaming(module, session, bytes, p, probe) {
    let t = probe.start();
    const stream = new module.ExtractionStream(p.format, p.chunk_bytes);
    const input = stream.inputBuffer();  // fixed: the stream never grows it
    probe.end('call', t);
    const builder = new ResultBuilder();
    try {
      let offset = 0;
      do {
        const n = Math.min(p.chunk_bytes, bytes.length - offset);
        t = probe.start();
        module.HEAPU8.set(bytes.subarray(offset, offset + n), input);
        probe.end('copy_in', t);
        probe.bytesIn += n;
        offset += n;
        t = probe.start();
        const header = stream.next(n, offset === bytes.length);
        probe.end('call', t);
        t = probe.start();
        builder.add(readChunk(module, header, probe));
        probe.end('copy_out', t);
      } while (offset < bytes.length);
    } finally {
      t = probe.start();
      stream.delete();
      probe.end('call', t);
    }
    return builder.result();
  },
  pooled_batch(module, session, bytes, p, probe) {
    return extractBatch(module, session, [bytes], p, probe)[0];
  },
};

// Every document in one call: written back to back into the session's input
// buffer, their sizes beside them.
function extractBatch(module, session, docs, p, probe) {
  const total = docs.reduce((sum, d) => sum + d.length, 0);
  let t = probe.start();
  const sizesPtr = session.batchSizes(docs.length);
  const input = session.inputBuffer(total);
  probe.end('call', t);
  t = probe.start();
  const heap = module.HEAPU8;
  const sizes = module.HEAPU32.subarray(sizesPtr >>> 2, (sizesPtr >>> 2) + docs.length);
  let offset = input;
  docs.forEach((d, i) => {
    heap.set(d, offset);
    sizes[i] = d.length;
    offset += d.length;
  });
  probe.end('copy_in', t);
  probe.bytesIn += total + 4 * docs.length;
  t = probe.start();
  const headers = session.extractBatch(p.format, docs.length);
  probe.end('call', t);
  t = probe.start();
  const words = layoutOf(module).words;
  const results = docs.map((_, i) => readResult(module, headers + 4 * words * i, probe));
  probe.end('copy_out', t);
  return results;
}

export function resultDigest(value) {
  const digest = new Fnv1a32();
  digest.addBytes(new TextEncoder().encode(JSON.stringify(value)));
  return digest.text();
}

const extract = {
  prepare(module, p) {
    return { docs: documentsFor(module, p), session: new module.ExtractionSession(), results: null };
  },
  beforeOp(module, state) {
    state.results = null;
  },
  variants: {
    copy_json: (module, state, p, probe) => perDocument('copy_json', module, state, p, probe),
    zero_copy: (module, state, p, probe) => perDocument('zero_copy', module, state, p, probe),
    streaming: (module, state, p, probe) => perDocument('streaming', module, state, p, probe),
    pooled_batch(module, state, p, probe) {
      state.results = extractBatch(module, state.session, state.docs, p, probe);
    },
  },
  digest(module, state) {
    return resultDigest(state.results);
  },
  counters(module, state) {
    return { document_bytes: state.docs.reduce((sum, d) => sum + d.length, 0) };
  },
  release(module, state) {
    state.session?.delete();
    state.session = null;
  },
};

function perDocument(variant, module, state, p, probe) {
  state.results = state.docs.map((bytes) => extractOne[variant](module, state.session, bytes, p, probe));
}

// Instantiation plus one document's extraction: what a page or a function pays
// before its first result (instantiation is timed as `call`). In the counting
// pass the fresh instance's crossings and the bytes its C++ side counted are
// added to the benchmark instance's; its allocations are reported apart, as
// first_instance_allocations (the standard count is the benchmark instance's).
const firstResult = {
  prepare(module, p, env) {
    const compiled = env?.modules?.[p.module];
    if (!compiled) throw new Error(`first_result: module '${p.module}' is not one of the suite's modules`);
    return { docs: documentsFor(module, p), compiled, results: null };
  },
  beforeOp(module, state) {
    state.results = null;
  },
  variants: Object.fromEntries(Object.keys(extractOne).map((variant) => [variant, async (module, state, p, probe) => {
    const counting = module.tollgateCounts != null;
    let t = probe.start();
    const fresh = await instantiate(state.compiled, { counting });
    const session = new fresh.ExtractionSession();
    probe.end('call', t);
    try {
      state.results = state.docs.map((bytes) => extractOne[variant](fresh, session, bytes, p, probe));
    } finally {
      session.delete();
      if (counting) {
        module.tollgateCounts.js_to_wasm += fresh.tollgateCounts.js_to_wasm;
        module.tollgateCounts.wasm_to_js += fresh.tollgateCounts.wasm_to_js;
        const inside = readSnapshot(fresh);
        probe.bytesIn += inside.bytes_in;
        probe.bytesOut += inside.bytes_out;
        state.instanceAllocations = inside.allocations;
      }
    }
  }])),
  digest: extract.digest,
  counters(module, state, p) {
    return { ...extract.counters(module, state, p), first_instance_allocations: state.instanceAllocations ?? 0 };
  },
};

export const operations = { extract, first_result: firstResult };
