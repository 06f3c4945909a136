#include "utf16_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "scan.h"

// Code run a few hundred times per module instance (working out the plans):
// small rather than fast, as every module carries it.
#if defined(__clang__)
#define TOLLGATE_COLD __attribute__((cold, minsize))
#else
#define TOLLGATE_COLD [[gnu::cold]]
#endif

namespace tollgate::extraction {
namespace {

typedef unsigned char U8x8 __attribute__((vector_size(8)));
typedef std::uint16_t U16x4 __attribute__((vector_size(8)));
typedef std::uint16_t U16x8 __attribute__((vector_size(16)));
typedef std::uint32_t U32x4 __attribute__((vector_size(16)));
typedef signed char I8x16 __attribute__((vector_size(16)));
typedef signed char I8x8 __attribute__((vector_size(8)));
typedef std::int16_t I16x8 __attribute__((vector_size(16)));

// Eight bytes widened to eight units (one SIMD128 extend in wasm, SSE2 natively).
inline void widen8(const unsigned char* in, char16_t* out) {
  U8x8 bytes;
  std::memcpy(&bytes, in, sizeof bytes);
  const U16x8 units = __builtin_convertvector(bytes, U16x8);
  std::memcpy(out, &units, sizeof units);
}

// Bytes of `v` picked by `index` (an index of 16 or more picks 0): one
// i8x16.swizzle in wasm, where this code runs for JS; a loop elsewhere (the
// native unit tests of the same tables).
inline scan::U8x16 pick(scan::U8x16 v, scan::U8x16 index) {
#if defined(__wasm_simd128__)
  return (scan::U8x16)__builtin_wasm_swizzle_i8x16((I8x16)v, (I8x16)index);
#else
  scan::U8x16 out;
  for (int i = 0; i < 16; ++i) out[i] = index[i] < 16 ? v[index[i]] : 0;
  return out;
#endif
}

// Bit i set when byte i of `v` is not a continuation byte (10xxxxxx).
inline std::uint32_t notContinuationMask(scan::U8x16 v) {
  const auto lead = (I8x16)v >= (I8x16{} - 64);  // continuation bytes are -128..-65 as signed
#if defined(__wasm_simd128__)
  return static_cast<std::uint32_t>(__builtin_wasm_bitmask_i8x16((I8x16)lead));
#else
  std::uint32_t mask = 0;
  for (int i = 0; i < 16; ++i) mask |= (lead[i] != 0 ? 1u : 0u) << i;
  return mask;
#endif
}

// How to convert the characters that start a block, by where the block's first
// 12 bytes end characters (bit i: byte i is a character's last byte). simdutf's
// method (Lemire and Keiser, "Transcoding Billions of Unicode Characters per
// Second with SIMD Instructions", 2022): one shuffle puts each character's bytes
// in its own 16- or 32-bit lane, shifts and masks join them.
enum class Step : std::uint8_t {
  kUnknown,   // not worked out yet (Tables)
  kOneByOne,  // a 4-byte character first, or no character ends within 12 bytes
  kTwoByte,   // up to six characters of 1-2 bytes, one per 16-bit lane
  kThreeByte  // up to four of 1-3 bytes, one per 32-bit lane
};

struct BlockPlan {  // trivial, so that a zeroed table holds unknown plans
  Step step;
  std::uint8_t consumed;  // input bytes
  std::uint8_t units;     // output units (one per character)
  std::uint8_t shuffle;   // into Tables::shuffles
};

// Every shuffle has a fixed place, by lane width and the lengths of its
// characters: 2 + 4 + ... + 64 sequences of one to six characters of 1-2 bytes,
// then 3 + 9 + 27 + 81 of one to four characters of 1-3 bytes.
constexpr int kNarrowShuffles = 126;
constexpr int kShuffles = kNarrowShuffles + 120;

// Plans are worked out the first time their mask is met (real text meets a
// few hundred of the 4,096), each with its shuffle: building them all up front
// took 0.3 ms of a module's first call, and storing them would add 20 KB to
// every module. One set per thread (per module instance in wasm), so that no
// two threads fill it in at once.
struct Tables {
  BlockPlan plans[4096];
  scan::U8x16 shuffles[kShuffles];
  bool written[kShuffles];
  // For 8 units, by the mask of those to keep: the kept units first, in order.
  scan::U8x16 compress[256];
  bool compress_built;
};
thread_local Tables t_tables;  // zeroed: every plan unknown

// Plain bytes into a vector at once: a store per byte into a vector would
// spill it to memory each time in wasm.
scan::U8x16 vectorOf(const unsigned char (&bytes)[16]) {
  scan::U8x16 v;
  std::memcpy(&v, bytes, sizeof v);
  return v;
}

// The plan for one mask, choosing the lane width that consumes more bytes; its
// shuffle is written the first time its place is used.
TOLLGATE_COLD BlockPlan planFor(unsigned mask, Tables& t) {
  // One pass over the first six characters (all a plan can take), counting
  // those that lead in each lane width: up to six of 1-2 bytes, four of 1-3.
  int starts[6], lengths[6], count = 0, two = 0, three = 0;
  for (unsigned ends = mask, start = 0; ends != 0 && count < 6; ends &= ends - 1) {
    const unsigned end = static_cast<unsigned>(__builtin_ctz(ends));
    const int length = static_cast<int>(end - start + 1);
    starts[count] = static_cast<int>(start);
    lengths[count] = length;
    if (two == count && length <= 2) ++two;
    if (three == count && count < 4 && length <= 3) ++three;
    ++count;
    start = end + 1;
  }
  auto bytesOf = [&](int n) { return n == 0 ? 0 : starts[n - 1] + lengths[n - 1]; };
  if (two == 0 && three == 0) return {Step::kOneByOne, 0, 0, 0};
  const bool narrow = bytesOf(two) >= bytesOf(three);
  const int n = narrow ? two : three, lane = narrow ? 2 : 4, radix = narrow ? 2 : 3;
  // The shuffle's place: the lengths as digits after the sequences shorter than n.
  int place = 0, shorter = 0;
  for (int c = 0, size = 1; c < n; ++c) {
    shorter += size;
    size *= radix;
    place = place * radix + (lengths[c] - 1);
  }
  place += shorter - 1 + (narrow ? 0 : kNarrowShuffles);
  if (!t.written[place]) {
    unsigned char shuffle[16];
    std::memset(shuffle, 0x80, sizeof shuffle);  // 16 or more: a zero byte
    for (int c = 0; c < n; ++c) {
      // Lane bytes from low to high: the character's last byte first.
      for (int b = 0; b < lengths[c]; ++b) shuffle[c * lane + b] = static_cast<unsigned char>(starts[c] + lengths[c] - 1 - b);
    }
    t.shuffles[place] = vectorOf(shuffle);
    t.written[place] = true;
  }
  return {narrow ? Step::kTwoByte : Step::kThreeByte, static_cast<std::uint8_t>(bytesOf(n)),
          static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(place)};
}

TOLLGATE_COLD void buildCompress(Tables& t) {
  for (unsigned keep = 0; keep < 256; ++keep) {
    unsigned char shuffle[16];
    std::memset(shuffle, 0x80, sizeof shuffle);
    for (int unit = 0, kept = 0; unit < 8; ++unit) {
      if (!((keep >> unit) & 1u)) continue;
      shuffle[2 * kept] = static_cast<unsigned char>(2 * unit);
      shuffle[2 * kept + 1] = static_cast<unsigned char>(2 * unit + 1);
      ++kept;
    }
    t.compress[keep] = vectorOf(shuffle);
  }
  t.compress_built = true;
}

// Sixteen bytes of 1- and 2-byte characters (no byte of 0xE0 or more), the
// first starting a character, converted at once: each byte gives the unit its
// character would have if it started there, and the continuation bytes' units
// are then squeezed out, eight at a time. A lead byte in the last place (its
// character ends past the block) is left for the next block: returns the
// bytes consumed, 15 or 16; *units gets the units written.
// Bytes 8h..8h+7 of `v` as eight 16-bit lanes: zero-extended, or each byte
// twice (0xFF becomes 0xFFFF). One i8x16.shuffle each.
template <int h>
inline U16x8 widenHalf(scan::U8x16 v) {
  const scan::U8x16 zero{};
  return (U16x8)__builtin_shufflevector(v, zero, 8 * h, 16, 8 * h + 1, 16, 8 * h + 2, 16, 8 * h + 3, 16, 8 * h + 4,
                                        16, 8 * h + 5, 16, 8 * h + 6, 16, 8 * h + 7, 16);
}
template <int h>
inline U16x8 doubleHalf(scan::U8x16 v) {
  return (U16x8)__builtin_shufflevector(v, v, 8 * h, 8 * h, 8 * h + 1, 8 * h + 1, 8 * h + 2, 8 * h + 2, 8 * h + 3,
                                        8 * h + 3, 8 * h + 4, 8 * h + 4, 8 * h + 5, 8 * h + 5, 8 * h + 6, 8 * h + 6,
                                        8 * h + 7, 8 * h + 7);
}

// One half (8 bytes) of such a block: the units kept, written at out.
template <int h>
inline std::size_t twoByteHalf(const Tables& t, scan::U8x16 v, scan::U8x16 next, scan::U8x16 is_lead, unsigned keep,
                               char16_t* out) {
  const U16x8 b = widenHalf<h>(v), n = widenHalf<h>(next), lead = doubleHalf<h>(is_lead);
  const U16x8 unit = (lead & (((b & 0x1F) << 6) | (n & 0x3F))) | (~lead & b);
  const scan::U8x16 packed = pick((scan::U8x16)unit, t.compress[keep]);
  std::memcpy(out, &packed, sizeof packed);
  return static_cast<std::size_t>(__builtin_popcount(keep));
}

inline int twoByteBlock(const Tables& t, scan::U8x16 v, scan::U8x16 next, char16_t* out, std::size_t* units) {
  const auto is_lead = (scan::U8x16)((v & scan::splat(0xE0)) == scan::splat(0xC0));
  std::uint32_t keep = notContinuationMask(v);  // bit i: byte i starts a character
  int consumed = 16;
  if ((v[15] & 0xE0) == 0xC0) {
    keep &= 0x7FFFu;
    consumed = 15;
  }
  const std::size_t low = twoByteHalf<0>(t, v, next, is_lead, keep & 0xFFu, out);
  *units = low + twoByteHalf<1>(t, v, next, is_lead, keep >> 8, out + low);
  return consumed;
}

inline bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// One character at in[i] (of n bytes) written at out. Returns the bytes read
// plus 256 times the units written: positions passed by reference would keep
// the caller's i and o in linear memory for its whole loop.
[[gnu::noinline]] unsigned decodeOne(const unsigned char* in, std::size_t n, std::size_t i, char16_t* out) {
  const unsigned char c = in[i];
  if (c < 0x80) {
    out[0] = c;
    return 1 + 256;
  }
  if (c >= 0xC2 && c < 0xE0 && n - i >= 2 && continuation(in[i + 1])) {
    out[0] = static_cast<char16_t>(((c & 0x1F) << 6) | (in[i + 1] & 0x3F));
    return 2 + 256;
  }
  if (c >= 0xE0 && c < 0xF0 && n - i >= 3 && continuation(in[i + 1]) && continuation(in[i + 2]) &&
      (c != 0xE0 || in[i + 1] >= 0xA0) && (c != 0xED || in[i + 1] < 0xA0)) {  // no overlong, no surrogate
    out[0] = static_cast<char16_t>(((c & 0x0F) << 12) | ((in[i + 1] & 0x3F) << 6) | (in[i + 2] & 0x3F));
    return 3 + 256;
  }
  if (c >= 0xF0 && c < 0xF5 && n - i >= 4 && continuation(in[i + 1]) && continuation(in[i + 2]) &&
      continuation(in[i + 3]) && (c != 0xF0 || in[i + 1] >= 0x90) && (c != 0xF4 || in[i + 1] < 0x90)) {
    const std::uint32_t cp = ((c & 0x07u) << 18) | ((in[i + 1] & 0x3Fu) << 12) | ((in[i + 2] & 0x3Fu) << 6) |
                             (in[i + 3] & 0x3Fu);
    out[0] = static_cast<char16_t>(0xD7C0 + (cp >> 10));  // 0xD800 + ((cp - 0x10000) >> 10)
    out[1] = static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    return 4 + 2 * 256;
  }
  out[0] = 0xFFFD;
  return 1 + 256;
}

// Advances i and o past one character (decodeOne).
inline void decodeOneAt(const unsigned char* in, std::size_t n, std::size_t& i, char16_t* out, std::size_t& o) {
  const unsigned step = decodeOne(in, n, i, out + o);
  i += step & 0xFFu;
  o += step >> 8;
}

}  // namespace

std::size_t utf8ToUtf16(std::string_view text, char16_t* out) {
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  Tables& t = t_tables;
  if (!t.compress_built) buildCompress(t);
  std::size_t i = 0, o = 0;
  // Blocks while 17 bytes remain: the mask of character ends at bytes 0-11
  // reads bytes 1-16. Every store (16 or 8 units at o <= i) stays below n.
  while (n - i >= 17) {
    const scan::U8x16 v = scan::load16(reinterpret_cast<const char*>(in + i));
    const int ascii = scan::firstSet(v);  // the first byte of 0x80 or more
    if (ascii >= 8) {
      // All ASCII, or enough of a prefix to beat a plan (at most 6 characters):
      // 16 units widened, the prefix kept.
      widen8(in + i, out + o);
      widen8(in + i + 8, out + o + 8);
      i += static_cast<std::size_t>(ascii);
      o += static_cast<std::size_t>(ascii);
      continue;
    }
    const scan::U8x16 next = scan::load16(reinterpret_cast<const char*>(in + i + 1));
    if (!scan::any(v >= scan::splat(0xE0)) && !continuation(in[i])) {
      std::size_t units = 0;
      i += static_cast<std::size_t>(twoByteBlock(t, v, next, out + o, &units));
      o += units;
      continue;
    }
    const unsigned mask = notContinuationMask(next) & 0xFFFu;
    BlockPlan plan = t.plans[mask];
    if (plan.step == Step::kUnknown) plan = t.plans[mask] = planFor(mask, t);
    if (plan.step == Step::kTwoByte) {
      // Lane: last byte low, lead byte (or 0) high; 0xxxxxxx or 110yyyyy 10xxxxxx.
      const auto lanes = (U16x8)pick(v, t.shuffles[plan.shuffle]);
      const U16x8 units = (lanes & 0x7F) | ((lanes & 0x1F00) >> 2);
      std::memcpy(out + o, &units, sizeof units);
    } else if (plan.step == Step::kThreeByte) {
      // Lane: last, middle, lead byte, 0; 1110zzzz 10yyyyyy 10xxxxxx at most.
      const auto lanes = (U32x4)pick(v, t.shuffles[plan.shuffle]);
      const U32x4 code = (lanes & 0x7F) | ((lanes & 0x3F00) >> 2) | ((lanes & 0x0F0000) >> 4);
      const U16x4 units = __builtin_convertvector(code, U16x4);
      std::memcpy(out + o, &units, sizeof units);
    } else {
      decodeOneAt(in, n, i, out, o);
      continue;
    }
    i += plan.consumed;
    o += plan.units;
  }
  while (i < n) decodeOneAt(in, n, i, out, o);
  return o;
}

bool isAscii(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  for (; end - p >= 16; p += 16) {
    if (scan::nonAsciiBits(scan::load16(p)) != 0) return false;
  }
  for (; p < end; ++p) {
    if (static_cast<unsigned char>(*p) >= 0x80) return false;
  }
  return true;
}

void Utf16Text::reserve(std::size_t units) {
  if (capacity_ - size_ >= units) return;
  const std::size_t capacity = std::max(size_ + units, capacity_ + capacity_ / 2);
  std::unique_ptr<char16_t[]> grown(new char16_t[capacity]);
  if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_ * sizeof(char16_t));
  data_ = std::move(grown);
  capacity_ = capacity;
}

const char16_t* Utf16Text::append(std::string_view utf8, std::size_t* units) {
  reserve(utf8.size());
  char16_t* start = data_.get() + size_;
  *units = utf8ToUtf16(utf8, start);
  size_ += *units;
  return start;
}

}  // namespace tollgate::extraction
