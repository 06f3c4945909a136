#pragma once
// splitmix64: the one seeded generator behind every deterministic figure here
// (generated vectors, documents and Parquet rows, HNSW levels, simulated noise).
// Integer-only, so native and wasm draw the same numbers and results match by digest.

#include <cstdint>

namespace tollgate {

// Advances `state` and returns its next value.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace tollgate
