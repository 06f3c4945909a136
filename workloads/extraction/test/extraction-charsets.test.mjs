// Character encodings through the wasm module, against the runtime's own
// WHATWG decoder: every byte of every single-byte encoding decodes as
// TextDecoder decodes it, CJK text as TextDecoder decodes it, and a build
// that lacks an encoding refuses the document by the encoding's name.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModule } from '../../../runners/test-support.mjs';
import { readChunk } from '../adapters/result-reader.mjs';

// The text of an HTML page after <plaintext>: what follows is text, as it is
// (line endings made LF, NUL shown as U+FFFD, as the HTML tokenizer does).
function plaintextPage(label, body) {
  const head = new TextEncoder().encode(`<meta charset="${label}"><plaintext>`);
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  return bytes;
}

// Where Node's ICU converters and the WHATWG indexes (what browsers use)
// differ, byte by byte (found by comparing all of them): KOI8-U's 0xAE and
// 0xBE are ў and Ў in the standard, box drawings in ICU; windows-874's
// 0xDB-0xDE and 0xFC-0xFF and windows-1253's 0xAA have no code point in the
// standard (U+FFFD), private-use ones or ª in ICU; windows-1255's 0xCA is
// U+05BA in the standard, nothing in ICU.
const ICU_DIFFERS = {
  'koi8-u': { 0xAE: '\u045E', 0xBE: '\u040E' },
  'windows-874': Object.fromEntries([0xDB, 0xDC, 0xDD, 0xDE, 0xFC, 0xFD, 0xFE, 0xFF].map((b) => [b, '\uFFFD'])),
  'windows-1253': { 0xAA: '\uFFFD' },
  'windows-1255': { 0xCA: '\u05BA' },
};

function newlines(text) {
  return text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
}

function expected(label, body) {
  return newlines(new TextDecoder(label).decode(body));
}

// A single-byte encoding byte by byte.
function expectedBytes(label, body) {
  const fixes = ICU_DIFFERS[label] ?? {};
  const decoder = new TextDecoder(label);
  let text = '';
  for (const b of body) text += fixes[b] ?? decoder.decode(Uint8Array.of(b));
  return newlines(text);
}

// Node's ICU has no converter for ISO-8859-16, and Node's windows-1252 is
// ISO-8859-1 (0x80-0x9F as C1 controls, not € ‚ ƒ...): these two are checked
// against the standard's index instead.
const NODE_LACKS = new Set(['iso-8859-16', 'windows-1252']);

const SINGLE_BYTE = ['ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7',
  'iso-8859-8', 'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16', 'koi8-r',
  'koi8-u', 'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253',
  'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic'];

test('every byte of every single-byte encoding decodes as TextDecoder decodes it', async () => {
  const module = await loadModule('extraction');
  const session = new module.ExtractionSession();
  // Printable ASCII and every byte from 0x80 (ICU's ibm866 maps 0x7F to 0x1A:
  // not the standard's, and ASCII is not what is being checked).
  const body = Uint8Array.from([...Array(0x7F - 0x20).keys()].map((i) => i + 0x20).concat([...Array(0x80).keys()].map((i) => i + 0x80)));
  for (const label of SINGLE_BYTE) {
    const result = JSON.parse(session.extractJson('html', plaintextPage(label, body)));
    assert.equal(result.encoding, label);
    if (NODE_LACKS.has(label)) continue;  // checked against the standard's index below
    assert.equal(result.content, expectedBytes(label, body), label);
  }
  const spot = (label, bytes) => JSON.parse(session.extractJson('html', plaintextPage(label, new Uint8Array(bytes)))).content;
  assert.equal(spot('iso-8859-16', [0xA1, 0xA4, 0xAA, 0xFE]), '\u0104\u20AC\u0218\u021B');
  assert.equal(spot('windows-1252', [0x80, 0x81, 0x8A, 0x9F, 0xE9]), '\u20AC\u0081\u0160\u0178\u00E9');
  session.delete();
});

test('CJK text decodes as TextDecoder decodes it, whole and in chunks', async () => {
  const module = await loadModule('extraction');
  const session = new module.ExtractionSession();
  // Valid text in each encoding (the bytes of "日本語 中文 한국어"-like phrases).
  const samples = {
    shift_jis: [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x20, 0xb6, 0xc0, 0xb6, 0xc5, 0x20, 0x83, 0x65, 0x83, 0x4c],
    'euc-jp': [0xc6, 0xfc, 0xcb, 0xdc, 0xb8, 0xec, 0x20, 0x8e, 0xb1, 0x20, 0xa5, 0xc6, 0xa5, 0xad],
    'iso-2022-jp': [0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x38, 0x6c, 0x1b, 0x28, 0x42, 0x20, 0x41],
    gbk: [0xd6, 0xd0, 0xce, 0xc4, 0xce, 0xc4, 0xb1, 0xbe, 0x20, 0x80],
    gb18030: [0xd6, 0xd0, 0xce, 0xc4, 0x20, 0x81, 0x30, 0x8b, 0x37, 0x20, 0x95, 0x32, 0x82, 0x36],
    big5: [0xc1, 0x63, 0xc5, 0xe9, 0xa4, 0xa4, 0xa4, 0xe5],
    'euc-kr': [0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee, 0x20, 0xc5, 0xd8, 0xbd, 0xba, 0xc6, 0xae],
  };
  for (const [label, bytes] of Object.entries(samples)) {
    const body = new Uint8Array(bytes);
    const page = plaintextPage(label, body);
    const result = JSON.parse(session.extractJson('html', page));
    assert.equal(result.encoding, label);
    assert.equal(result.content, expected(label, body), label);
    const stream = new module.ExtractionStream('html', 3);
    let content = '';
    for (let offset = 0; offset < page.length; offset += 3) {
      const n = Math.min(3, page.length - offset);
      module.HEAPU8.set(page.subarray(offset, offset + n), stream.inputBuffer());
      const header = stream.next(n, offset + n >= page.length);
      content += readChunk(module, header).content;
    }
    stream.delete();
    assert.equal(content, result.content, `${label} in chunks of 3`);
  }
  session.delete();
});

test('a build without an encoding refuses the document by its name', async () => {
  const module = await loadModule('extraction_standard');
  const session = new module.ExtractionSession();
  const page = plaintextPage('shift_jis', new Uint8Array([0x93, 0xfa]));
  assert.throws(() => session.extractJson('html', page), /the document is in shift_jis, which the standard build does not decode/);
  const cyrillic = JSON.parse(session.extractJson('html', plaintextPage('koi8-r', new Uint8Array([0xf0, 0xd2]))));
  assert.equal(cyrillic.content, 'Пр');  // single-byte encodings are in the standard build
  session.delete();
});
