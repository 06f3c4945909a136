#pragma once
// The interface both indexes share. Input is checked here, once, before an index
// sees it: a refused batch changes nothing, so the index stays usable.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "distance.h"
#include "vector_types.h"

namespace tollgate::vector {

class VectorIndex {
 public:
  VectorIndex(std::size_t dim, Metric metric);
  virtual ~VectorIndex() = default;
  VectorIndex(const VectorIndex&) = delete;
  VectorIndex& operator=(const VectorIndex&) = delete;

  std::size_t dim() const { return dim_; }
  Metric metric() const { return metric_; }
  std::size_t size() const { return count_; }

  // Adds float_count / dim vectors, ids assigned in order from size(). Throws
  // InputError for an empty batch, a length that is not a multiple of dim, a NaN
  // or infinite component, or (cosine) a zero vector; nothing is added then.
  void add(const float* data, std::size_t float_count);

  // Searches float_count / dim queries for their k nearest vectors; each query gets
  // min(k, size()) hits. Same input checks as add(); k must be positive.
  void search(const float* queries, std::size_t float_count, std::size_t k,
              SearchResults& out) const;

  // Digest of everything that determines future results (stored vectors, links),
  // to prove two builds constructed the same index.
  virtual std::uint32_t structureDigest() const = 0;

 protected:
  // Called with checked input; vectors already normalized for cosine.
  virtual void addChecked(const float* vectors, std::size_t count) = 0;
  virtual void searchChecked(const float* query, std::size_t k, std::uint32_t* ids,
                             float* distances) const = 0;
  float distance(const float* a, const float* b) const {
    return metric_ == Metric::l2 ? l2Squared(a, b, dim_) : 1.0f - dot(a, b, dim_);
  }

 private:
  // Checks a batch; returns the number of vectors. `what` names it in errors.
  std::size_t checkBatch(const float* data, std::size_t float_count, const char* what) const;
  // For cosine: unit-length copies of the batch; for L2, the input as is.
  const float* prepared(const float* data, std::size_t count, std::vector<float>& scratch) const;

  std::size_t dim_;
  Metric metric_;
  std::size_t count_ = 0;
  mutable std::vector<float> scratch_;
};

struct IndexConfig {
  std::string kind = "hnsw";  // "hnsw" or "flat"
  Metric metric = Metric::l2;
  std::size_t dim = 128;
  HnswParams hnsw;
};

// Throws InputError for an unknown kind or a dimension of zero.
std::unique_ptr<VectorIndex> makeIndex(const IndexConfig& config);

}  // namespace tollgate::vector
