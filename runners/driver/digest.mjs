// FNV-1a, 32-bit, fed little-endian words: the same digest as tollgate/digest.h,
// so results computed in Node or Chromium compare with native ones as strings.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export class Fnv1a32 {
  constructor() {
    this.hash = 0x811c9dc5;
  }

  addBytes(bytes) {
    let h = this.hash;
    for (const byte of bytes) {
      h ^= byte;
      h = Math.imul(h, 16777619);
    }
    this.hash = h >>> 0;
  }

  addU32(value) {
    let h = this.hash;
    for (let i = 0; i < 4; i++) {
      h ^= (value >>> (8 * i)) & 0xff;
      h = Math.imul(h, 16777619);
    }
    this.hash = h >>> 0;
  }

  // The float32 bits of `value` (exact for numbers that came from float32).
  addF32(value) {
    f32[0] = value;
    this.addU32(u32[0]);
  }

  text() {
    return 'fnv1a32:' + this.hash.toString(16).padStart(8, '0');
  }
}
