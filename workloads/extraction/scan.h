#pragma once
// Eight bytes at a time: the scans that dominate extraction (runs of plain
// ASCII text) test a whole word for the few bytes that end them. Portable C++:
// the same code natively and in wasm, no intrinsics.

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

// Skips 8-byte words free of the three bytes given (and, with `ascii`, of bytes
// >= 0x80); returns where the byte-by-byte scan must resume.
inline const char* skipWords(const char* p, const char* end, unsigned char a, unsigned char b, unsigned char c,
                             bool ascii = false) {
  while (end - p >= 8) {
    const std::uint64_t v = load(p);
    if ((ascii && (v & kHighs) != 0) || hasByte(v, a) || hasByte(v, b) || hasByte(v, c)) break;
    p += 8;
  }
  return p;
}

}  // namespace tollgate::extraction::scan
