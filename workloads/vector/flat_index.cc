#include "flat_index.h"

#include <algorithm>

#include "tollgate/digest.h"

namespace tollgate::vector {

FlatIndex::FlatIndex(std::size_t dim, Metric metric) : VectorIndex(dim, metric) {}

void FlatIndex::addChecked(const float* vectors, std::size_t count) {
  vectors_.insert(vectors_.end(), vectors, vectors + count * dim());
}

void FlatIndex::searchChecked(const float* query, std::size_t k, std::uint32_t* ids,
                              float* distances) const {
  // A max-heap of the k best (distance, id) pairs: the pair order is total, so
  // the result is the same whichever standard library orders the heap.
  heap_.clear();
  const std::size_t n = size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::pair<float, std::uint32_t> hit{distance(query, vectors_.data() + i * dim()),
                                              static_cast<std::uint32_t>(i)};
    if (heap_.size() < k) {
      heap_.push_back(hit);
      std::push_heap(heap_.begin(), heap_.end());
    } else if (hit < heap_.front()) {
      std::pop_heap(heap_.begin(), heap_.end());
      heap_.back() = hit;
      std::push_heap(heap_.begin(), heap_.end());
    }
  }
  std::sort_heap(heap_.begin(), heap_.end());
  for (std::size_t i = 0; i < heap_.size(); ++i) {
    ids[i] = heap_[i].second;
    distances[i] = heap_[i].first;
  }
}

std::uint32_t FlatIndex::structureDigest() const {
  Fnv1a32 digest;
  digest.addU32(static_cast<std::uint32_t>(size()));
  for (float v : vectors_) digest.addF32(v);
  return digest.value();
}

}  // namespace tollgate::vector
