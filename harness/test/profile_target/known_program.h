#pragma once
// A program whose profile is known in advance: the profiling tests look for its
// hottest function by name in every runtime's flamegraph, and for its one
// allocation site with its exact byte count in every hotspot table.

#include <cstddef>
#include <cstdint>
#include <memory>

namespace tollgate::profile_target {

inline constexpr std::size_t kKnownAllocationBytes = 123456;

// Ten times the work of knownColdFunction for the same argument.
std::uint64_t knownHotFunction(std::uint32_t iterations);
std::uint64_t knownColdFunction(std::uint32_t iterations);
// Exactly one allocation of kKnownAllocationBytes.
std::unique_ptr<char[]> knownAllocationSite();

// One operation: hot and cold work in the compute phase, the known allocation in
// the serialize phase (held until the next operation).
class KnownProgram {
 public:
  std::uint64_t run(std::uint32_t iterations);

 private:
  std::unique_ptr<char[]> held_;
};

}  // namespace tollgate::profile_target
