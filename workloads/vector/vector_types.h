#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tollgate::vector {

enum class Metric { l2, cosine };

// "l2" or "cosine"; anything else is an InputError naming it.
Metric parseMetric(const std::string& name);
const char* metricName(Metric metric);

struct HnswParams {
  std::uint32_t M = 16;                 // links per node above level 0 (2M at level 0)
  std::uint32_t ef_construction = 200;  // candidate list while inserting
  std::uint32_t ef_search = 64;         // candidate list while searching (at least k)
  std::uint64_t seed = 42;              // level assignment
};

// Id of a missing hit (fewer reachable vectors than k).
inline constexpr std::uint32_t kNoId = 0xffffffffu;

// Search output in the layout the zero-copy adapter hands to JS as two typed arrays:
// `per_query` hits for each query, nearest first (ties broken by id).
struct SearchResults {
  std::size_t per_query = 0;
  std::vector<std::uint32_t> ids;
  std::vector<float> distances;
};

}  // namespace tollgate::vector
