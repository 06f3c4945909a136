// memcpy at every length and alignment that matters to its branches (0-3, 4-7,
// 8-15, 16-63, the 64-byte loop and its tails). Under Emscripten the test links
// the modules' SIMD128 memcpy (adapters/wasm_memcpy.cc); natively it checks the
// C library's, the same contract.

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace {

unsigned char pattern(std::size_t i) { return static_cast<unsigned char>(i * 131 + 7); }

TEST(Memcpy, CopiesExactlyTheBytesAskedAtEveryLengthAndAlignment) {
  std::vector<unsigned char> src(400 + 32), dst(400 + 32);
  for (std::size_t i = 0; i < src.size(); ++i) src[i] = pattern(i);
  for (std::size_t n = 0; n <= 400; n += (n < 140 ? 1 : 37)) {
    for (std::size_t from = 0; from < 16; ++from) {
      for (std::size_t to = 0; to < 16; to += 3) {
        std::fill(dst.begin(), dst.end(), 0xEE);
        // Through a volatile pointer: the size is unknown to the compiler, so
        // this is a real call to memcpy.
        void* (*volatile copy)(void*, const void*, std::size_t) = std::memcpy;
        ASSERT_EQ(copy(dst.data() + to, src.data() + from, n), dst.data() + to);
        for (std::size_t i = 0; i < dst.size(); ++i) {
          const bool inside = i >= to && i < to + n;
          ASSERT_EQ(dst[i], inside ? pattern(from + i - to) : 0xEE)
              << "n=" << n << " from=" << from << " to=" << to << " byte " << i;
        }
      }
    }
  }
}

}  // namespace
