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
