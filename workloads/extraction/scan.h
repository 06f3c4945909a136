#pragma once
// Sixteen or eight bytes at a time: the scans that dominate extraction (runs
// of plain text) test a whole block for the few bytes that end them. 128-bit
// vector extensions, as the vector workload's distances use: g++ lowers them
// to SSE2, clang to wasm SIMD128; no platform header. The one #if is bitmask(),
// which names each target's byte-mask builtin (with a portable loop for any
// other). Results are positions in the text, so they are the same whichever
// width found them.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tollgate::extraction::scan {

inline constexpr std::uint64_t kOnes = 0x0101010101010101ull;
inline constexpr std::uint64_t kHighs = 0x8080808080808080ull;

inline std::uint64_t load(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Whether any byte of `v` equals `b`.
inline bool hasByte(std::uint64_t v, unsigned char b) {
  const std::uint64_t x = v ^ (kOnes * b);
  return ((x - kOnes) & ~x & kHighs) != 0;
}

// Exact per-byte masks (the high bit of each byte that matches), for words of
// ASCII bytes only (no byte >= 0x80).
inline std::uint64_t equalMask(std::uint64_t v, unsigned char b) {
  const std::uint64_t x = v ^ (kOnes * b);
  return ~(((x & ~kHighs) + ~kHighs) | x) & kHighs;
}
inline std::uint64_t atLeastMask(std::uint64_t v, unsigned char b) {  // byte >= b, for b <= 0x80
  return (v + kOnes * (0x80 - b)) & kHighs;
}

// Characters and words (runs of non-space) in 8 ASCII bytes; `in_word` carries
// the state across words. Spaces are ASCII whitespace (9-13, 32).
inline void countAscii(std::uint64_t v, std::uint64_t& words, bool& in_word) {
  const std::uint64_t space = equalMask(v, ' ') | (atLeastMask(v, 9) & ~atLeastMask(v, 14));
  const std::uint64_t word = ~space & kHighs;
  const std::uint64_t starts = word & ~((word << 8) | (in_word ? 0x80u : 0u));
  words += static_cast<std::uint64_t>(__builtin_popcountll(starts));
  in_word = (word >> 63) != 0;
}

typedef unsigned char U8x16 __attribute__((vector_size(16)));

inline U8x16 load16(const char* p) {
  U8x16 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// One bit per byte of a 16-byte comparison result (bytes of 0 or 0xFF), byte
// 0 in bit 0: one instruction on both targets (SSE2's pmovmskb, SIMD128's
// i8x16.bitmask). Testing the two 64-bit halves instead costs wasm two lane
// extractions and an i64 OR on every block of every scan.
typedef char I8x16 __attribute__((vector_size(16)));

template <typename Mask>
inline unsigned bitmask(Mask mask) {
  static_assert(sizeof(Mask) == 16, "a 128-bit mask");
#if defined(__wasm_simd128__)
  return __builtin_wasm_bitmask_i8x16(reinterpret_cast<I8x16&>(mask));
#elif defined(__SSE2__)
  return static_cast<unsigned>(__builtin_ia32_pmovmskb128(reinterpret_cast<I8x16&>(mask)));
#else
  unsigned char bytes[16];
  std::memcpy(bytes, &mask, sizeof bytes);
  unsigned bits = 0;
  for (int i = 0; i < 16; ++i) bits |= static_cast<unsigned>(bytes[i] >> 7) << i;
  return bits;
#endif
}

template <typename Mask>
inline bool any(Mask mask) {
  return bitmask(mask) != 0;
}

// Bit i set when byte i is 0x80 or more: the bytes' own top bits, with no
// comparison (which SIMD128 would lower through 16-bit shifts and a pack).
inline unsigned nonAsciiBits(U8x16 v) { return bitmask(v); }

inline U8x16 splat(unsigned char b) { return U8x16{} + b; }

// The index of the first byte whose top bit is set, 16 when none is: the first
// match of a comparison result (bytes of 0 or 0xFF), or the first byte of 0x80
// or more of text.
template <typename Mask>
inline int firstSet(Mask mask) {
  const unsigned bits = bitmask(mask);
  return bits != 0 ? __builtin_ctz(bits) : 16;
}

// The bytes of a block equal to one of three (splatted), plus those of 0x80 or
// more where `high` has their bits: find's and skipWords' test.
inline unsigned hits(U8x16 v, U8x16 va, U8x16 vb, U8x16 vc, unsigned high) {
  return bitmask((v == va) | (v == vb) | (v == vc)) | (nonAsciiBits(v) & high);
}

// The first byte in [p, end) equal to `a`, `b` or `c` (with `ascii`, or of
// 0x80 or more), or `end`: the exact position, so callers need no byte-by-byte
// loop after it. Blocks of 16, then the last few bytes one by one (never a
// read past `end`).
inline const char* find(const char* p, const char* end, unsigned char a, unsigned char b, unsigned char c,
                        bool ascii = false) {
  const U8x16 va = splat(a), vb = splat(b), vc = splat(c);
  const unsigned high = ascii ? 0xFFFFu : 0u;
  while (end - p >= 16) {
    const U8x16 v = load16(p);
    const unsigned hit = hits(v, va, vb, vc, high);
    if (hit != 0) return p + __builtin_ctz(hit);
    p += 16;
  }
  for (; p < end; ++p) {
    const auto u = static_cast<unsigned char>(*p);
    if (u == a || u == b || u == c || (ascii && u >= 0x80)) return p;
  }
  return end;
}

// Skips 16-byte blocks free of the three bytes given (and, with `ascii`, of
// bytes >= 0x80); returns where the byte-by-byte scan must resume.
inline const char* skipWords(const char* p, const char* end, unsigned char a, unsigned char b, unsigned char c,
                             bool ascii = false) {
  const U8x16 va = splat(a), vb = splat(b), vc = splat(c);
  const unsigned high = ascii ? 0xFFFFu : 0u;
  while (end - p >= 16) {
    const U8x16 v = load16(p);
    if (hits(v, va, vb, vc, high) != 0) break;
    p += 16;
  }
  return p;
}

// Skips 16-byte blocks of ASCII with no byte below 0x20 and none of `a`, `b`.
inline const char* skipPrintable(const char* p, const char* end, unsigned char a, unsigned char b) {
  const U8x16 va = splat(a), vb = splat(b), low = splat(0xE0);
  while (end - p >= 16) {
    const U8x16 v = load16(p);
    if ((bitmask((v == va) | (v == vb) | ((v & low) == U8x16{})) | nonAsciiBits(v)) != 0) break;
    p += 16;
  }
  return p;
}

}  // namespace tollgate::extraction::scan
