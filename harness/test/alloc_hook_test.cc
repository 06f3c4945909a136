#include <gtest/gtest.h>

#include <memory>
#include <new>
#include <vector>

#include "tollgate/alloc_hook.h"

namespace tollgate {
namespace {

// Clang may elide a new/delete pair whose memory is never observed (C++14
// [expr.new]); publishing the pointer keeps the allocation real.
void* volatile g_sink;
template <typename T>
T* keep(T* p) {
  g_sink = p;
  return p;
}

TEST(AllocHook, CountsExactBytesAndPeak) {
  resetAllocCounters();
  const std::uint64_t live_before = allocStats().live_bytes;
  {
    std::unique_ptr<char[]> a(keep(new char[1000]));
    std::unique_ptr<char[]> b(keep(new char[3000]));
    EXPECT_EQ(allocStats().allocations, 2u);
    EXPECT_EQ(allocStats().bytes_allocated, 4000u);
    EXPECT_EQ(allocStats().live_bytes - live_before, 4000u);
  }
  std::unique_ptr<char[]> c(keep(new char[500]));
  const AllocStats& s = allocStats();
  EXPECT_EQ(s.allocations, 3u);
  EXPECT_EQ(s.frees, 2u);
  EXPECT_EQ(s.bytes_allocated, 4500u);
  EXPECT_EQ(s.live_bytes - live_before, 500u);
  EXPECT_EQ(s.peak_live_bytes - live_before, 4000u);
}

TEST(AllocHook, OverAlignedAllocationsAreAlignedAndCounted) {
  struct alignas(64) Wide {
    char bytes[64];
  };
  resetAllocCounters();
  auto* w = keep(new Wide[3]);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(w) % 64, 0u);
  EXPECT_EQ(allocStats().bytes_allocated, 3 * sizeof(Wide));
  delete[] w;
  EXPECT_EQ(allocStats().frees, 1u);
}

TEST(AllocHook, ResetStartsTheNextRegionAtWhatIsLive) {
  std::vector<int> held(1000);
  keep(held.data());
  resetAllocCounters();
  EXPECT_EQ(allocStats().allocations, 0u);
  EXPECT_EQ(allocStats().peak_live_bytes, allocStats().live_bytes);
  EXPECT_GE(allocStats().live_bytes, 4000u);
}

}  // namespace
}  // namespace tollgate
