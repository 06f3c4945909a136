#pragma once
#include "vector_index.h"

namespace tollgate::vector {

// Exact search by a full scan: the ground truth for HNSW recall, and the index
// whose per-call work is small enough for the boundary to show.
class FlatIndex final : public VectorIndex {
 public:
  FlatIndex(std::size_t dim, Metric metric);
  std::uint32_t structureDigest() const override;

 protected:
  void addChecked(const float* vectors, std::size_t count) override;
  void searchChecked(const float* query, std::size_t k, std::uint32_t* ids,
                     float* distances) const override;

 private:
  std::vector<float> vectors_;
  mutable std::vector<std::pair<float, std::uint32_t>> heap_;
};

}  // namespace tollgate::vector
