#pragma once
#include <cstdint>
#include <vector>

#include "vector_index.h"

namespace tollgate::vector {

// Hierarchical Navigable Small World graph (Malkov & Yashunin, 2018), laid out as
// hnswlib does: level-0 links in one flat array, upper levels per node, neighbours
// chosen by the same heuristic.
//
// Deterministic for a given seed and insertion order, on every platform: levels are
// drawn without log() (libm differs between glibc and the wasm libc), and every
// candidate queue orders by (distance, id), a total order, so no standard library's
// heap layout can change which node wins a tie.
//
// Not thread-safe: searches reuse scratch buffers.
class HnswIndex final : public VectorIndex {
 public:
  HnswIndex(std::size_t dim, Metric metric, HnswParams params);
  std::uint32_t structureDigest() const override;
  const HnswParams& params() const { return params_; }
  int maxLevel() const { return max_level_; }

 protected:
  void addChecked(const float* vectors, std::size_t count) override;
  void searchChecked(const float* query, std::size_t k, std::uint32_t* ids,
                     float* distances) const override;

 private:
  struct Candidate {
    float distance;
    std::uint32_t id;
    bool operator<(const Candidate& o) const {
      return distance < o.distance || (distance == o.distance && id < o.id);
    }
    bool operator>(const Candidate& o) const { return o < *this; }
  };

  void insertOne(std::uint32_t id);
  int drawLevel();
  const float* vectorAt(std::uint32_t id) const { return vectors_.data() + std::size_t{id} * dim(); }
  // links[0] is the count, links[1..] the neighbour ids.
  std::uint32_t* linksAt(std::uint32_t id, int level);
  const std::uint32_t* linksAt(std::uint32_t id, int level) const;
  std::uint32_t capacity(int level) const { return level == 0 ? max_links0_ : params_.M; }
  Candidate greedyClosest(const float* query, Candidate start, int level) const;
  // The ef nearest found at `level` from `entry`, nearest first.
  void searchLayer(const float* query, Candidate entry, std::size_t ef, int level,
                   std::vector<Candidate>& nearest) const;
  // Keeps at most m of `candidates` (nearest first) that are not closer to an
  // already kept neighbour than to the base point.
  void selectNeighbors(std::vector<Candidate>& candidates, std::size_t m) const;
  void connect(std::uint32_t id, int level, const std::vector<Candidate>& neighbors);
  bool markVisited(std::uint32_t id) const;  // true if it was not visited yet
  void startVisit() const;

  HnswParams params_;
  std::uint32_t max_links0_;
  std::vector<double> level_thresholds_;  // P(level >= l) = M^-l
  std::uint64_t rng_state_;

  std::vector<float> vectors_;
  std::vector<std::uint8_t> levels_;
  std::vector<std::uint32_t> links0_;                   // per node: 1 + 2M
  std::vector<std::vector<std::uint32_t>> upper_links_;  // per node: level * (1 + M)
  std::uint32_t entry_ = 0;
  int max_level_ = -1;
  std::uint32_t nodes_ = 0;

  // Scratch reused across calls, so an insert allocates only when the index grows.
  mutable std::vector<std::uint16_t> visit_tags_;
  mutable std::uint16_t visit_epoch_ = 0;
  mutable std::vector<Candidate> candidates_;  // min-heap (frontier)
  mutable std::vector<Candidate> nearest_;     // max-heap (results)
  mutable std::vector<Candidate> layer_result_;
  mutable std::vector<Candidate> pruned_;
  std::vector<Candidate> relink_;
};

}  // namespace tollgate::vector
