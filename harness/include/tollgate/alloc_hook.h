#pragma once
// Allocation counting through replaced global operator new/delete, compiled the
// same way into native executables and wasm modules so that their counts compare
// like with like. Counts C++ allocations (std::vector, new); the JS glue's own
// malloc calls are seen by the driver as crossings instead.
//
// Link the `tollgate_alloc_hook` object library into the final executable or module:
// a replacement operator new in a static archive may never be pulled in.
//
// Single-threaded by design: the harness measures one call at a time.

#include <cstdint>
#include <string>
#include <vector>

namespace tollgate {

struct AllocStats {
  std::uint64_t allocations = 0;
  std::uint64_t bytes_allocated = 0;
  std::uint64_t frees = 0;
  std::uint64_t live_bytes = 0;
  std::uint64_t peak_live_bytes = 0;
};

const AllocStats& allocStats();

// Zeroes the counts and sets the peak to what is live now, so a measured region
// reports its own allocations and its own high-water mark above the baseline.
void resetAllocCounters();

}  // namespace tollgate

namespace tollgate {

// Allocation-site profiling, for the profiling pass only (the timing and counting
// passes never turn it on). Between startAllocProfile and stopAllocProfile every
// allocation is attributed to the active probe phase and, natively, to its call
// stack; per site: allocations, bytes, its own peak live bytes, live bytes now, and
// live bytes at the moment the profiled allocations peaked together (the share of that
// peak it explains: the sites' shares add up to the whole, never past it).
inline constexpr int kMaxSiteFrames = 16;

struct AllocSite {
  int phase = -1;  // tollgate::Phase, or -1 outside every probe scope
  int depth = 0;
  void* frames[kMaxSiteFrames] = {};  // innermost first; none in wasm
  std::uint64_t allocations = 0;
  std::uint64_t bytes = 0;
  std::uint64_t peak_live_bytes = 0;
  std::uint64_t live_bytes = 0;
  std::uint64_t live_at_heap_peak = 0;
};

struct AllocProfile {
  std::uint64_t live_at_start = 0;  // heap live when profiling started
  // The most bytes live at once from allocations made since startAllocProfile (those
  // the sites account for): blocks from before, freed meanwhile, do not lower it.
  std::uint64_t peak_bytes = 0;
  // The whole heap's peak since, above live_at_start (memory figures, not shares: it
  // is lowered by frees of blocks from before the profile).
  std::uint64_t heap_peak_bytes = 0;
  std::uint64_t untracked_allocations = 0;  // made while the profiler itself ran, or past its site capacity
  std::vector<AllocSite> sites;     // most bytes first
};

void startAllocProfile();
void stopAllocProfile();
AllocProfile allocProfile();

// What the hook costs per allocation: a new/delete pair through it against a raw
// malloc/free pair of the same size, in ns (with site profiling on when `profiling`).
double measureAllocHookOverheadNs(int pairs, bool profiling);

// A site's frames by name, innermost first, without the allocator's own (operator
// new, the hook, frames no symbol names). Empty in wasm, where sites are phases.
std::vector<std::string> allocSiteFrames(const AllocSite& site);

}  // namespace tollgate
