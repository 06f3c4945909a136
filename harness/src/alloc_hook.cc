// Replaced global operator new/delete that count allocations and live bytes, and,
// while a profile runs, attribute each allocation to a site.
//
// Each block carries a 16-byte header: its size, the header's own length, and (while
// profiling) its site and the profile's generation, so delete can account exactly
// without malloc_usable_size (absent from emmalloc's public API, imprecise in glibc),
// and a block from an earlier profile never touches the current one's sites.

#include "tollgate/alloc_hook.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>

#include "tollgate/clock.h"
#include "tollgate/probe.h"
#include "tollgate/stack.h"

namespace tollgate {
namespace {

AllocStats g_stats;

constexpr std::size_t kMinHeader = 2 * sizeof(std::uint64_t);  // keeps 16-byte alignment

// Site tables live in malloc'd memory sized up front: the profiler must never
// allocate through the hook it runs in.
constexpr std::size_t kMaxSites = 4096;
constexpr std::size_t kTableSlots = 8192;  // open addressing, power of two

struct SiteState {
  AllocSite site;
  std::uint64_t key = 0;
  std::uint64_t at_peak = 0;   // live bytes when the heap last peaked...
  std::uint64_t seen_peak = 0; // ...valid if this is the current peak's number
};

struct Profiler {
  bool on = false;
  bool busy = false;          // inside the profiler: allocations made there are untracked
  std::uint32_t generation = 0;
  SiteState* sites = nullptr;
  std::int32_t* table = nullptr;
  std::size_t count = 0;
  std::uint64_t live_at_start = 0;
  // Bytes live from allocations the sites account for, and their peak: what the
  // sites explain. (The whole heap's peak is no denominator: blocks from before the
  // profile freed during it lower the heap while the sites' bytes stay live.)
  std::uint64_t tracked_live = 0;
  std::uint64_t peak_live = 0;
  std::uint64_t heap_peak = 0;  // the whole heap's, for the memory figures
  std::uint64_t peak_number = 0;
  std::uint64_t untracked = 0;
} g_profile;

std::uint64_t siteKey(int phase, void* const* frames, int depth) {
  std::uint64_t h = 1469598103934665603ull ^ static_cast<std::uint64_t>(phase + 2);
  for (int i = 0; i < depth; ++i) {
    h ^= reinterpret_cast<std::uintptr_t>(frames[i]);
    h *= 1099511628211ull;
  }
  return h | 1;  // 0 marks an empty slot
}

// The site for this allocation, or -1 when the tables are full.
int siteFor() {
  // The innermost frames are the hook's own (this function, countedAlloc, operator
  // new...): how many depends on inlining, so they are kept here and skipped by name
  // when the site is described (allocSiteFrames).
  void* frames[kMaxSiteFrames];
  const int depth = captureStack(frames, kMaxSiteFrames);
  const int phase = activePhase();
  const std::uint64_t key = siteKey(phase, frames, depth);
  std::size_t slot = key & (kTableSlots - 1);
  while (g_profile.table[slot] >= 0) {
    if (g_profile.sites[g_profile.table[slot]].key == key) return g_profile.table[slot];
    slot = (slot + 1) & (kTableSlots - 1);
  }
  if (g_profile.count == kMaxSites) return -1;
  const int index = static_cast<int>(g_profile.count++);
  SiteState& s = g_profile.sites[index];
  s = SiteState{};
  s.key = key;
  s.site.phase = phase;
  s.site.depth = depth;
  std::memcpy(s.site.frames, frames, sizeof(void*) * static_cast<std::size_t>(depth));
  g_profile.table[slot] = index;
  return index;
}

// Before a site's live bytes change, remember them if the heap peaked since.
void settle(SiteState& s) {
  if (s.seen_peak != g_profile.peak_number) {
    s.at_peak = s.site.live_bytes;
    s.seen_peak = g_profile.peak_number;
  }
}

std::uint64_t profileTag(std::size_t size) {
  if (!g_profile.on || g_profile.busy) {
    if (g_profile.on) ++g_profile.untracked;
    return 0;
  }
  g_profile.busy = true;
  const int index = siteFor();
  g_profile.busy = false;
  if (index < 0) {
    ++g_profile.untracked;
    return 0;
  }
  SiteState& s = g_profile.sites[index];
  settle(s);
  ++s.site.allocations;
  s.site.bytes += size;
  s.site.live_bytes += size;
  s.site.peak_live_bytes = std::max(s.site.peak_live_bytes, s.site.live_bytes);
  g_profile.tracked_live += size;
  return (static_cast<std::uint64_t>(g_profile.generation) << 32) | static_cast<std::uint64_t>(index + 1);
}

// Only a tracked allocation can raise the tracked peak.
void notePeak(std::uint64_t tag) {
  if (!g_profile.on) return;
  g_profile.heap_peak = std::max(g_profile.heap_peak, g_stats.live_bytes);
  if (tag == 0 || g_profile.tracked_live <= g_profile.peak_live) return;
  g_profile.peak_live = g_profile.tracked_live;
  ++g_profile.peak_number;
  SiteState& s = g_profile.sites[(tag & 0xffffffffu) - 1];
  s.at_peak = s.site.live_bytes;
  s.seen_peak = g_profile.peak_number;
}

void* countedAlloc(std::size_t size, std::size_t align) {
  const std::size_t header = align > kMinHeader ? align : kMinHeader;
  void* raw = nullptr;
  if (align > kMinHeader) {
    const std::size_t total = (header + size + align - 1) / align * align;
    raw = std::aligned_alloc(align, total);
  } else {
    raw = std::malloc(header + size);
  }
  if (raw == nullptr) return nullptr;
  auto* user = static_cast<unsigned char*>(raw) + header;
  auto* meta = reinterpret_cast<std::uint64_t*>(user) - 2;
  const std::uint64_t tag = profileTag(size);
  meta[0] = header | (tag << 16);  // header < 2^16; tag = generation:16 | site:32
  meta[1] = size;
  ++g_stats.allocations;
  g_stats.bytes_allocated += size;
  g_stats.live_bytes += size;
  if (g_stats.live_bytes > g_stats.peak_live_bytes) g_stats.peak_live_bytes = g_stats.live_bytes;
  notePeak(tag);
  return user;
}

void countedFree(void* ptr) {
  if (ptr == nullptr) return;
  auto* user = static_cast<unsigned char*>(ptr);
  const auto* meta = reinterpret_cast<const std::uint64_t*>(user) - 2;
  const std::uint64_t header = meta[0] & 0xffffu;
  const std::uint64_t tag = meta[0] >> 16;
  const std::uint64_t size = meta[1];
  ++g_stats.frees;
  g_stats.live_bytes -= size;
  const std::uint64_t site = tag & 0xffffffffu;
  if (site != 0 && g_profile.sites != nullptr && (tag >> 32) == (g_profile.generation & 0xffffu)) {
    SiteState& s = g_profile.sites[site - 1];
    settle(s);
    s.site.live_bytes -= size;
    g_profile.tracked_live -= size;
  }
  std::free(user - header);
}

void* allocOrThrow(std::size_t size, std::size_t align) {
  if (size == 0) size = 1;
  void* p = countedAlloc(size, align);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace

const AllocStats& allocStats() { return g_stats; }

void resetAllocCounters() {
  g_stats.allocations = 0;
  g_stats.bytes_allocated = 0;
  g_stats.frees = 0;
  g_stats.peak_live_bytes = g_stats.live_bytes;
}

void startAllocProfile() {
  if (g_profile.sites == nullptr) {
    g_profile.sites = static_cast<SiteState*>(std::calloc(kMaxSites, sizeof(SiteState)));
    g_profile.table = static_cast<std::int32_t*>(std::malloc(kTableSlots * sizeof(std::int32_t)));
    if (g_profile.sites == nullptr || g_profile.table == nullptr) throw std::bad_alloc();
  }
  void* warm[4];
  captureStack(warm, 4);  // glibc loads its unwinder on first use, which allocates
  std::fill(g_profile.table, g_profile.table + kTableSlots, -1);
  g_profile.count = 0;
  g_profile.generation = (g_profile.generation + 1) & 0xffffu;
  g_profile.live_at_start = g_stats.live_bytes;
  g_profile.tracked_live = 0;
  g_profile.peak_live = 0;
  g_profile.heap_peak = g_stats.live_bytes;
  g_profile.peak_number = 0;
  g_profile.untracked = 0;
  g_profile.on = true;
}

void stopAllocProfile() { g_profile.on = false; }

AllocProfile allocProfile() {
  const bool was_on = g_profile.on;
  g_profile.on = false;  // the vector below must not profile itself
  AllocProfile out;
  out.live_at_start = g_profile.live_at_start;
  out.peak_bytes = g_profile.peak_live;
  out.heap_peak_bytes = g_profile.heap_peak - g_profile.live_at_start;
  out.untracked_allocations = g_profile.untracked;
  for (std::size_t i = 0; i < g_profile.count; ++i) {
    const SiteState& s = g_profile.sites[i];
    AllocSite site = s.site;
    site.live_at_heap_peak = s.seen_peak == g_profile.peak_number ? s.at_peak : s.site.live_bytes;
    out.sites.push_back(site);
  }
  std::sort(out.sites.begin(), out.sites.end(),
            [](const AllocSite& a, const AllocSite& b) { return a.bytes > b.bytes; });
  g_profile.on = was_on;
  return out;
}

double measureAllocHookOverheadNs(int pairs, bool profiling) {
  if (pairs <= 0) return 0.0;
  void* volatile sink = nullptr;  // keeps the compiler from eliding the pairs
  auto raw = [&] {
    const double start = nowNs();
    for (int i = 0; i < pairs; ++i) {
      sink = std::malloc(64);
      std::free(sink);
    }
    return nowNs() - start;
  };
  auto hooked = [&] {
    const double start = nowNs();
    for (int i = 0; i < pairs; ++i) {
      sink = ::operator new(64);
      ::operator delete(sink);
    }
    return nowNs() - start;
  };
  const bool was_on = g_profile.on;
  if (profiling) startAllocProfile();
  // Warm both loops (first-touch and tier-up in wasm), then take the faster of two
  // alternating runs of each.
  raw();
  hooked();
  const double r = std::min(raw(), raw());
  const double h = std::min(hooked(), hooked());
  if (profiling && !was_on) stopAllocProfile();
  return (h - r) / pairs;
}

std::vector<std::string> allocSiteFrames(const AllocSite& site) {
  std::vector<std::string> all;
  int first_user = 0;  // every tracked allocation came through operator new: start after it
  for (int i = 0; i < site.depth; ++i) {
    all.push_back(describeFrame(site.frames[i]));
    if (first_user == 0 && all.back().rfind("operator new", 0) == 0) first_user = i + 1;
  }
  std::vector<std::string> names;
  for (int i = first_user; i < site.depth; ++i) names.push_back(all[i].empty() ? "?" : all[i]);
  return names;
}

}  // namespace tollgate

using tollgate::allocOrThrow;
using tollgate::countedAlloc;
using tollgate::countedFree;
constexpr std::size_t kDefaultAlign = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

void* operator new(std::size_t n) { return allocOrThrow(n, kDefaultAlign); }
void* operator new[](std::size_t n) { return allocOrThrow(n, kDefaultAlign); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  return countedAlloc(n ? n : 1, kDefaultAlign);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  return countedAlloc(n ? n : 1, kDefaultAlign);
}
void* operator new(std::size_t n, std::align_val_t a) {
  return allocOrThrow(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a) {
  return allocOrThrow(n, static_cast<std::size_t>(a));
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return countedAlloc(n ? n : 1, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return countedAlloc(n ? n : 1, static_cast<std::size_t>(a));
}

void operator delete(void* p) noexcept { countedFree(p); }
void operator delete[](void* p) noexcept { countedFree(p); }
void operator delete(void* p, std::size_t) noexcept { countedFree(p); }
void operator delete[](void* p, std::size_t) noexcept { countedFree(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { countedFree(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { countedFree(p); }
void operator delete(void* p, std::align_val_t) noexcept { countedFree(p); }
void operator delete[](void* p, std::align_val_t) noexcept { countedFree(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { countedFree(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { countedFree(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { countedFree(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { countedFree(p); }
