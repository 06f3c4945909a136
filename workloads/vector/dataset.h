#pragma once
// Deterministic seeded vectors: the same bits on every platform (integer arithmetic
// and exact float operations only; no libm, whose last bits differ between libcs).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tollgate::vector {

enum class Distribution {
  uniform,    // every component uniform in [-1, 1)
  clustered,  // around 32 uniform centres, with bell-shaped noise (sum of 4 uniforms)
};

// "uniform" or "clustered"; anything else is an InputError naming it.
Distribution parseDistribution(const std::string& name);

struct DatasetSpec {
  std::size_t count = 1000;
  std::size_t dim = 128;
  std::uint64_t seed = 1;
  Distribution distribution = Distribution::uniform;
};

std::vector<float> generateVectors(const DatasetSpec& spec);

}  // namespace tollgate::vector
