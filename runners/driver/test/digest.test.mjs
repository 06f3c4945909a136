import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Fnv1a32 } from '../digest.mjs';

const ascii = (text) => [...text].map((c) => c.charCodeAt(0));

test('published FNV-1a 32 test vectors', () => {
  for (const [input, expected] of [['', '811c9dc5'], ['a', 'e40c292c'], ['foobar', 'bf9cf968']]) {
    const d = new Fnv1a32();
    d.addBytes(ascii(input));
    assert.equal(d.text(), `fnv1a32:${expected}`, JSON.stringify(input));
  }
});

test('words are fed little-endian, as tollgate/digest.h does', () => {
  const word = new Fnv1a32();
  word.addU32(0x04030201);
  const bytes = new Fnv1a32();
  bytes.addBytes([1, 2, 3, 4]);
  assert.equal(word.text(), bytes.text());
});

test('float32 bits, not the double, are hashed', () => {
  const a = new Fnv1a32();
  a.addF32(0.1);  // rounds to the float32 nearest 0.1
  const b = new Fnv1a32();
  b.addU32(0x3dcccccd);  // the bits of that float32
  assert.equal(a.text(), b.text());
});
