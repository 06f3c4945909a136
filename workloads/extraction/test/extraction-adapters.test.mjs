// The extraction workload's boundary, from JS: every adapter gives the module's
// canonical result (the golden files, byte for byte), results survive memory
// growth, the feature builds answer for their formats only, and bad input comes
// back as an Error naming the problem, leaving the session usable.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { JsProbe } from '../../../runners/driver/phases.mjs';
import { compileModule, loadModule, root } from '../../../runners/test-support.mjs';
import { extractOne, operations, resultDigest } from '../adapters/extraction-adapters.mjs';
import { decodeText, readChunk } from '../adapters/result-reader.mjs';

const GOLDEN = [
  ['page.html', 'html'], ['messy.html', 'html'], ['entities.html', 'html'], ['head-only.html', 'html'],
  ['feed.xml', 'xml'], ['readme.md', 'markdown'], ['inline.md', 'markdown'], ['notes.txt', 'text'],
  ['invalid.txt', 'text'], ['people.csv', 'csv'], ['lenient.csv', 'csv'], ['cyrillic.html', 'html'],
  ['japanese.html', 'html'], ['wide.csv', 'csv'],
];
const goldenDir = path.join(root, 'workloads/extraction/test/golden');
const golden = (file) => ({
  bytes: new Uint8Array(fs.readFileSync(path.join(goldenDir, file))),
  json: fs.readFileSync(path.join(goldenDir, `${file}.json`), 'utf8').trimEnd(),
});
const VARIANTS = Object.keys(extractOne);
const probe = new JsProbe(() => performance.now());

test('every adapter gives the golden result for every golden document, in any chunk size', async () => {
  const module = await loadModule('extraction');
  const session = new module.ExtractionSession();
  for (const [file, format] of GOLDEN) {
    const { bytes, json } = golden(file);
    assert.equal(session.extractJson(format, bytes), json, `${file}: copy_json's text`);
    for (const variant of VARIANTS) {
      for (const chunk_bytes of [65536, 7]) {
        const result = extractOne[variant](module, session, bytes, { format, chunk_bytes }, probe);
        assert.equal(JSON.stringify(result), json, `${file} through ${variant} (chunks of ${chunk_bytes})`);
      }
    }
  }
  session.delete();
});

test('corpus documents: all adapters agree, a batch included, and JSON round-trips to the same text', async () => {
  const module = await loadModule('extraction');
  for (const [format, bytes] of [['html', 100000], ['markdown', 33000], ['csv', 20000], ['text', 20000]]) {
    const p = { format, bytes, seed: 5, count: 3, chunk_bytes: 4096 };
    const state = operations.extract.prepare(module, p, {});
    const digests = new Set();
    for (const variant of VARIANTS) {
      operations.extract.beforeOp(module, state, p);
      operations.extract.variants[variant](module, state, p, probe);
      digests.add(operations.extract.digest(module, state, p));
    }
    assert.equal(digests.size, 1, `${format}: adapters disagree: ${[...digests]}`);
    const json = state.session.extractJson(format, state.docs[0]);
    assert.equal(JSON.stringify(JSON.parse(json)), json, `${format}: not canonical`);
    operations.extract.release(module, state);
  }
});

test('the sanitizer decodes as TextDecoder does, and the JSON escaping is JSON.stringify\'s', async () => {
  const module = await loadModule('extraction');
  const session = new module.ExtractionSession();
  let x = 0x9e3779b9;
  const bytes = new Uint8Array(200000).map(() => {  // every byte value: broken sequences, controls, CR, NUL
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return x & 0xff;
  });
  const expected = new TextDecoder('utf-8').decode(bytes).replace(/\r\n?/g, '\n');
  const json = session.extractJson('text', bytes);
  assert.equal(JSON.parse(json).content, expected);
  assert.equal(JSON.stringify(JSON.parse(json)), json);
  session.delete();
});

test('Node\'s Buffer and TextDecoder (the browsers\' path) read the result\'s text alike', () => {
  const texts = ['\uFEFFa byte order mark first', 'Grüße, Καλημέρα, Привет', '日本語のテキスト 𝄞 and 😀 (pairs)', 'U+2028\u2028, U+FFFD\uFFFD'];
  for (const text of texts) {
    const utf16 = Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
    const heap = new Uint8Array(3 + utf16.byteLength);
    heap.set(new Uint8Array(utf16.buffer), 2);  // at an even offset inside a larger memory, as in the module
    assert.equal(decodeText(heap, 2, utf16.byteLength, true, Buffer), text, `${text} through Buffer`);
    assert.equal(decodeText(heap, 2, utf16.byteLength, true, null), text, `${text} through TextDecoder`);
  }
  const ascii = new TextEncoder().encode('plain ASCII, every byte below 0x80 \t\n~');
  assert.equal(decodeText(ascii, 0, ascii.length, false, Buffer), 'plain ASCII, every byte below 0x80 \t\n~');
  assert.equal(decodeText(ascii, 0, ascii.length, false, null), 'plain ASCII, every byte below 0x80 \t\n~');
  assert.equal(decodeText(ascii, 0, 0, false, Buffer), '');
});

test('zero-copy and streaming reads stay right when a call grows linear memory', async () => {
  const module = await loadModule('extraction');
  const session = new module.ExtractionSession();
  const small = module.generateDocument('html', 2000, 1, 'generated');
  const big = module.generateDocument('html', 20_000_000, 2, 'generated');
  const p = { format: 'html', chunk_bytes: 1 << 20 };
  const before = module.HEAPU8.length;
  extractOne.zero_copy(module, session, small, p, probe);
  const zero = extractOne.zero_copy(module, session, big, p, probe);
  assert.ok(module.HEAPU8.length > before + 20_000_000, 'memory did not grow: the test proves nothing');
  const reference = JSON.parse(session.extractJson('html', big));
  assert.equal(resultDigest(zero), resultDigest(reference));
  assert.equal(resultDigest(extractOne.streaming(module, session, big, p, probe)), resultDigest(reference));
  session.delete();
});

test('a stream hands over its metadata once, before any content or record', async () => {
  const module = await loadModule('extraction');
  for (const [file, format] of GOLDEN) {
    const { bytes } = golden(file);
    const stream = new module.ExtractionStream(format, 5);
    let metadataAt = -1;
    for (let offset = 0, i = 0; offset < bytes.length || i === 0; offset += 5, i++) {
      const n = Math.min(5, bytes.length - offset);
      module.HEAPU8.set(bytes.subarray(offset, offset + n), stream.inputBuffer());
      const chunk = readChunk(module, stream.next(n, offset + n >= bytes.length));
      const anything = chunk.content || chunk.headings.length || chunk.links.length || chunk.images.length || chunk.rows.length;
      if (chunk.hasMetadata) {
        assert.equal(metadataAt, -1, `${file}: metadata twice`);
        metadataAt = i;
      } else {
        assert.ok(!anything || metadataAt >= 0, `${file}: chunk ${i} has content before the metadata`);
      }
    }
    assert.ok(metadataAt >= 0, `${file}: no metadata`);
    stream.delete();
  }
});

test('each feature build extracts its formats, the same way, and refuses the others by name', async () => {
  const expected = {
    extraction_minimal: 'text,markdown,csv',
    extraction_standard: 'text,markdown,csv,html',
    extraction_complete: 'text,markdown,csv,html,xml',
  };
  const md = golden('readme.md');
  for (const [name, formats] of Object.entries(expected)) {
    const module = await loadModule(name);
    assert.equal(module.supportedFormats(), formats, name);
    assert.equal(typeof module.generateDocument, 'undefined', `${name} carries the corpus generator`);
    const session = new module.ExtractionSession();
    assert.equal(session.extractJson('markdown', md.bytes), md.json, name);
    for (const format of ['text', 'markdown', 'csv', 'html', 'xml']) {
      if (formats.split(',').includes(format)) continue;
      const build = name.replace('extraction_', '');
      assert.throws(() => session.extractJson(format, md.bytes), {
        message: `format '${format}' is not in the ${build} build (it has: ${formats.replaceAll(',', ', ')})`,
      });
      assert.throws(() => new module.ExtractionStream(format, 64), /is not in the/);
    }
    assert.equal(session.extractJson('markdown', md.bytes), md.json, `${name} after refusing`);
    session.delete();
  }
});

test('bad input comes back as an Error naming the problem, and the session stays usable', async () => {
  const module = await loadModule('extraction');
  const session = new module.ExtractionSession();
  const doc = golden('page.html');
  assert.throws(() => session.extractJson('pdf', doc.bytes), /unknown format 'pdf'/);
  session.inputBuffer(16);
  assert.throws(() => session.extractStaged('html', 1 << 20), /staged 1048576 bytes, but the input buffer holds/);
  assert.throws(() => session.extractBatch('html', 4), /sizes were given for/);
  assert.throws(() => session.batchSizes(0), /a batch of 0 documents/);
  assert.throws(() => new module.ExtractionStream('html', 0), /chunk size 0/);
  const stream = new module.ExtractionStream('html', 8);
  assert.throws(() => stream.next(9, false), /a chunk of 9 bytes, but the input buffer holds 8/);
  stream.next(0, true);
  assert.throws(() => stream.next(0, true), /the stream is finished/);
  stream.delete();
  assert.throws(() => session.extractJson('html', 42), /takes the document as a Uint8Array/);
  assert.throws(() => session.extractJson('html', 'a string'), /takes the document as a Uint8Array/);
  for (const variant of VARIANTS) {
    const result = extractOne[variant](module, session, doc.bytes, { format: 'html', chunk_bytes: 64 }, probe);
    assert.equal(JSON.stringify(result), doc.json, `${variant} after the errors`);
  }
  session.delete();
});

test('first_result instantiates the named build and gives the same result as the benchmark module', async () => {
  const module = await loadModule('extraction');
  const modules = {};
  for (const name of ['extraction_minimal', 'extraction_complete']) modules[name] = await compileModule(name);
  const p = { module: 'extraction_minimal', format: 'markdown', bytes: 1500, seed: 1, count: 1, chunk_bytes: 65536 };
  const state = operations.first_result.prepare(module, p, { modules });
  const reference = JSON.parse(new module.ExtractionSession().extractJson('markdown', state.docs[0]));
  for (const variant of VARIANTS) {
    await operations.first_result.variants[variant](module, state, p, probe);
    assert.equal(operations.first_result.digest(module, state, p), resultDigest([reference]), variant);
  }
  assert.throws(() => operations.first_result.prepare(module, { ...p, module: 'nope' }, { modules }),
    /module 'nope' is not one of the suite's modules/);
});

test('mangled documents: every adapter reads back exactly what copy_json serialized', async () => {
  const module = await loadModule('extraction');
  const session = new module.ExtractionSession();
  const seeds = GOLDEN.map(([file]) => golden(file).bytes);
  const tokens = ['\uFEFF', '&#xFEFF;', '&#x1F600;', '\u2028', '<td>', '<a href=x>', '![a](b)', '\r', '\v', '\0', '"', '\\']
    .map((t) => new TextEncoder().encode(t));
  let x = 0x2545f491;
  const rand = (n) => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) % n;
  };
  const formats = ['text', 'markdown', 'csv', 'html', 'xml'];
  for (let round = 0; round < 150; round++) {
    const seed = seeds[rand(seeds.length)];
    const at = rand(seed.length + 1);
    const insert = rand(2) === 0 ? tokens[rand(tokens.length)] : seeds[rand(seeds.length)].subarray(0, rand(200));
    const bytes = new Uint8Array([...seed.subarray(0, at), ...insert, ...seed.subarray(at + rand(20))]);
    const p = { format: formats[rand(formats.length)], chunk_bytes: 1 + rand(64) };
    const json = session.extractJson(p.format, bytes);
    for (const variant of ['zero_copy', 'streaming', 'pooled_batch']) {
      assert.equal(JSON.stringify(extractOne[variant](module, session, bytes, p, probe)), json, `round ${round}: ${variant}`);
    }
  }
  session.delete();
});
