#include <gtest/gtest.h>

#include <cstdio>

#include <memory>
#include <new>
#include <vector>

#include "tollgate/alloc_hook.h"
#include "tollgate/probe.h"

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

__attribute__((noinline)) char* knownAllocationSite() { return keep(new char[123456]); }

TEST(AllocProfile, AttributesBytesToThePhaseAndPeak) {
  std::vector<std::unique_ptr<char[]>> held;
  held.reserve(3);  // in wasm a site is its phase alone: nothing else may allocate in it
  setProbesEnabled(true);
  startAllocProfile();
  for (int i = 0; i < 3; ++i) {
    TOLLGATE_PHASE(serialize);
    held.emplace_back(knownAllocationSite());
  }
  held.pop_back();
  stopAllocProfile();
  setProbesEnabled(false);
  const AllocProfile p = allocProfile();
  const AllocSite* known = nullptr;
  for (const AllocSite& s : p.sites) {
    if (s.bytes == 3 * 123456u) known = &s;
  }
  ASSERT_NE(known, nullptr);
  EXPECT_EQ(known->phase, static_cast<int>(Phase::serialize));
  EXPECT_EQ(known->allocations, 3u);
  EXPECT_EQ(known->peak_live_bytes, 3 * 123456u);
  EXPECT_EQ(known->live_bytes, 2 * 123456u);
  EXPECT_EQ(known->live_at_heap_peak, 3 * 123456u);  // it was all live when the heap peaked
  EXPECT_GE(p.peak_bytes, 3 * 123456u);
}

// The case that once read "share of peak 299%": the operation frees what was built
// before the profile (an old index) while building anew, so the whole heap barely
// rises while the new blocks are all live. Shares are of the profiled bytes' peak.
TEST(AllocProfile, SharesOfThePeakAddUpToItAndNeverPassIt) {
  std::unique_ptr<char[]> before(keep(new char[500000]));
  std::vector<std::unique_ptr<char[]>> held;
  held.reserve(4);
  startAllocProfile();
  before.reset();
  for (int i = 0; i < 3; ++i) held.emplace_back(knownAllocationSite());
  held.emplace_back(keep(new char[1000]));
  held.erase(held.begin());  // one block freed again: the peak stays where it was
  stopAllocProfile();
  const AllocProfile p = allocProfile();
  EXPECT_EQ(p.peak_bytes, 3 * 123456u + 1000u);
  std::uint64_t explained = 0;
  for (const AllocSite& s : p.sites) {
    EXPECT_LE(s.live_at_heap_peak, p.peak_bytes);
    explained += s.live_at_heap_peak;
  }
  EXPECT_EQ(explained, p.peak_bytes);  // every byte live at the peak belongs to a site
}

TEST(AllocProfile, AfterTheProfileStopsFreesLeaveItAlone) {
  startAllocProfile();
  std::unique_ptr<char[]> kept(keep(new char[1000]));
  stopAllocProfile();
  startAllocProfile();  // a new generation: the old block must not touch the new sites
  kept.reset();
  std::unique_ptr<char[]> fresh(keep(new char[2000]));
  stopAllocProfile();
  const AllocProfile p = allocProfile();
  ASSERT_FALSE(p.sites.empty());
  EXPECT_EQ(p.sites.front().bytes, 2000u);
  EXPECT_EQ(p.sites.front().live_bytes, 2000u);
}

TEST(AllocProfile, HookOverheadIsMeasured) {
  const double counting = measureAllocHookOverheadNs(20000, false);
  const double profiling = measureAllocHookOverheadNs(2000, true);
  std::printf("allocation hook: %.1f ns per new/delete pair over malloc/free; %.1f ns with site profiling\n", counting, profiling);
  EXPECT_LT(counting, 1e5);  // sanity only: nanoseconds, not a tenth of a millisecond
  EXPECT_LT(profiling, 1e6);
}

}  // namespace
}  // namespace tollgate
