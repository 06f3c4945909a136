#pragma once
// The module-side half of every vector boundary adapter: one index, a staging
// buffer that JS writes vectors into directly, and result buffers JS reads through
// typed-array views. Plain C++: the embind file binds it for JS, tests call it
// directly. Each method is the work of one call, with its compute phase probed.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../vector_index.h"

namespace tollgate::vector {

class VectorSession {
 public:
  explicit VectorSession(const IndexConfig& config);

  VectorIndex& index() { return *index_; }

  // Inserts vectors from caller memory (the copy the binding made).
  void insert(const float* data, std::size_t float_count);
  // The staging buffer, grown to hold float_count floats. Growing may move it (and
  // grow wasm memory), so callers take the pointer again after each call.
  float* staging(std::size_t float_count);
  // Inserts the first float_count floats of the staging buffer.
  void insertStaged(std::size_t float_count);

  void search(const float* queries, std::size_t float_count, std::size_t k);
  void searchStaged(std::size_t float_count, std::size_t k);
  const SearchResults& results() const { return results_; }

 private:
  const float* staged(std::size_t float_count) const;

  std::unique_ptr<VectorIndex> index_;
  std::vector<float> staging_;
  SearchResults results_;
};

// Parameters as JS passes them: doubles, so that C++ sees exactly what the caller
// gave (embind would truncate 2^32 + 8 to 8 and -1 to 4294967295 on the way in).
// Each must be an integer in [low, high], or is refused by name.
std::uint64_t integerParam(const char* name, double value, std::uint64_t low, std::uint64_t high);
inline constexpr std::uint64_t kMaxJsInteger = (1ull << 53) - 1;  // Number.MAX_SAFE_INTEGER

IndexConfig indexConfigFromJs(const std::string& kind, const std::string& metric, double dim, double m,
                              double ef_construction, double ef_search, double seed);

}  // namespace tollgate::vector
