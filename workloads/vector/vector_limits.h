#pragma once
// What the vector kernel accepts. Every parameter arrives from JS through the
// bindings (or from a suite), so each is range-checked here, in C++, and refused by
// name: the same checks natively and in wasm. The limits are far above any real
// use and far below what would overflow: 2M links must fit in 32 bits (an M that
// wrapped when doubled wrote past a heap buffer), and count x dim floats must fit
// in memory without the product wrapping.

#include <cstddef>
#include <cstdint>
#include <string>

#include "tollgate/errors.h"

namespace tollgate::vector {

inline constexpr std::size_t kMaxDim = 65536;          // components per vector
inline constexpr std::uint32_t kMaxM = 1024;           // HNSW links per node and level (2M at level 0)
inline constexpr std::uint32_t kMaxEf = 1u << 20;      // HNSW candidate lists
inline constexpr std::size_t kMaxK = 1u << 20;         // hits per query
inline constexpr std::size_t kMaxFloats = 1u << 28;    // one batch or data set: 1 GiB of float32

// Throws InputError("<name> must be in [low, high], got <value>").
inline void checkRange(const char* name, std::uint64_t value, std::uint64_t low, std::uint64_t high) {
  if (value < low || value > high) {
    throw InputError(std::string(name) + " must be in [" + std::to_string(low) + ", " + std::to_string(high) +
                     "], got " + std::to_string(value));
  }
}

}  // namespace tollgate::vector
