#include "hnsw_index.h"

#include <algorithm>
#include <functional>
#include <limits>

#include "tollgate/digest.h"
#include "tollgate/errors.h"
#include "tollgate/inject.h"
#include "tollgate/splitmix64.h"
#include "vector_limits.h"

namespace tollgate::vector {
namespace {

constexpr int kMaxLevel = 16;

}  // namespace

HnswIndex::HnswIndex(std::size_t dim, Metric metric, HnswParams params)
    : VectorIndex(dim, metric), params_(params), rng_state_(params.seed) {
  checkRange("HNSW M", params_.M, 2, kMaxM);
  checkRange("HNSW ef_construction", params_.ef_construction, 1, kMaxEf);
  checkRange("HNSW ef_search", params_.ef_search, 1, kMaxEf);
  max_links0_ = 2 * params_.M;
  // Same distribution as hnswlib's floor(-ln(u) / ln(M)), drawn by comparisons
  // against exact powers so that every platform picks the same levels.
  const double p = 1.0 / params_.M;
  double threshold = p;
  for (int l = 1; l <= kMaxLevel; ++l) {
    level_thresholds_.push_back(threshold);
    threshold *= p;
  }
}

int HnswIndex::drawLevel() {
  const double u = static_cast<double>(splitmix64(rng_state_) >> 11) * 0x1.0p-53;
  int level = 0;
  while (level < kMaxLevel && u < level_thresholds_[level]) ++level;
  return level;
}

std::uint32_t* HnswIndex::linksAt(std::uint32_t id, int level) {
  if (level == 0) return links0_.data() + std::size_t{id} * (1 + max_links0_);
  return upper_links_[id].data() + std::size_t(level - 1) * (1 + params_.M);
}

const std::uint32_t* HnswIndex::linksAt(std::uint32_t id, int level) const {
  return const_cast<HnswIndex*>(this)->linksAt(id, level);
}

void HnswIndex::startVisit() const {
  if (visit_tags_.size() < nodes_) visit_tags_.resize(nodes_, 0);
  if (++visit_epoch_ == 0) {  // wrapped: old tags could look current
    std::fill(visit_tags_.begin(), visit_tags_.end(), 0);
    visit_epoch_ = 1;
  }
}

bool HnswIndex::markVisited(std::uint32_t id) const {
  if (visit_tags_[id] == visit_epoch_) return false;
  visit_tags_[id] = visit_epoch_;
  return true;
}

void HnswIndex::addChecked(const float* vectors, std::size_t count) {
  const std::size_t first = nodes_;
  if (first + count > 0xfffffffeull) throw InputError("HNSW index is full (2^32 - 2 vectors)");
  vectors_.insert(vectors_.end(), vectors, vectors + count * dim());
  levels_.reserve(first + count);
  links0_.resize((first + count) * (1 + max_links0_), 0);
  upper_links_.resize(first + count);
  for (std::size_t i = 0; i < count; ++i) insertOne(static_cast<std::uint32_t>(first + i));
}

HnswIndex::Candidate HnswIndex::greedyClosest(const float* query, Candidate start, int level) const {
  Candidate best = start;
  for (bool moved = true; moved;) {
    moved = false;
    const std::uint32_t* links = linksAt(best.id, level);
    for (std::uint32_t i = 1; i <= links[0]; ++i) {
      const Candidate c{distance(query, vectorAt(links[i])), links[i]};
      if (c < best) {
        best = c;
        moved = true;
      }
    }
  }
  return best;
}

void HnswIndex::searchLayer(const float* query, Candidate entry, std::size_t ef, int level,
                            std::vector<Candidate>& nearest) const {
  startVisit();
  markVisited(entry.id);
  candidates_.assign(1, entry);
  nearest_.assign(1, entry);
  while (!candidates_.empty()) {
    const Candidate current = candidates_.front();
    if (current.distance > nearest_.front().distance && nearest_.size() >= ef) break;
    std::pop_heap(candidates_.begin(), candidates_.end(), std::greater<>());
    candidates_.pop_back();
    const std::uint32_t* links = linksAt(current.id, level);
    for (std::uint32_t i = 1; i <= links[0]; ++i) {
      const std::uint32_t id = links[i];
      if (!markVisited(id)) continue;
      const Candidate c{distance(query, vectorAt(id)), id};
      if (nearest_.size() < ef || c < nearest_.front()) {
        candidates_.push_back(c);
        std::push_heap(candidates_.begin(), candidates_.end(), std::greater<>());
        nearest_.push_back(c);
        std::push_heap(nearest_.begin(), nearest_.end());
        if (nearest_.size() > ef) {
          std::pop_heap(nearest_.begin(), nearest_.end());
          nearest_.pop_back();
        }
      }
    }
  }
  std::sort_heap(nearest_.begin(), nearest_.end());  // a max-heap sorts in place, nearest first
  nearest.assign(nearest_.begin(), nearest_.end());
}

void HnswIndex::selectNeighbors(std::vector<Candidate>& candidates, std::size_t m) const {
  if (candidates.size() <= m) return;
  pruned_.clear();
  for (const Candidate& c : candidates) {
    if (pruned_.size() >= m) break;
    bool keep = true;
    for (const Candidate& kept : pruned_) {
      if (distance(vectorAt(c.id), vectorAt(kept.id)) < c.distance) {
        keep = false;
        break;
      }
    }
    if (keep) pruned_.push_back(c);
  }
  candidates.swap(pruned_);
}

void HnswIndex::connect(std::uint32_t id, int level, const std::vector<Candidate>& neighbors) {
  std::uint32_t* own = linksAt(id, level);
  own[0] = static_cast<std::uint32_t>(neighbors.size());
  for (std::size_t i = 0; i < neighbors.size(); ++i) own[1 + i] = neighbors[i].id;

  const std::uint32_t cap = capacity(level);
  std::vector<Candidate>& theirs = relink_;
  for (const Candidate& n : neighbors) {
    std::uint32_t* links = linksAt(n.id, level);
    if (links[0] < cap) {
      links[1 + links[0]++] = id;
      continue;
    }
    // Full: keep the best of the old links plus the new one, by the same heuristic.
    const float* base = vectorAt(n.id);
    theirs.clear();
    theirs.push_back({distance(base, vectorAt(id)), id});
    for (std::uint32_t i = 1; i <= links[0]; ++i) {
      theirs.push_back({distance(base, vectorAt(links[i])), links[i]});
    }
    std::sort(theirs.begin(), theirs.end());
    selectNeighbors(theirs, cap);
    links[0] = static_cast<std::uint32_t>(theirs.size());
    for (std::size_t i = 0; i < theirs.size(); ++i) links[1 + i] = theirs[i].id;
  }
}

void HnswIndex::insertOne(std::uint32_t id) {
  // Off unless a gate proof asks (tollgate/inject.h); calibrated on the quick
  // profile's inserts (n=1000, dim 128): about 1% more per percent.
  injectedWork(dim() * 80000);
  const int level = drawLevel();
  levels_.push_back(static_cast<std::uint8_t>(level));
  if (level > 0) upper_links_[id].assign(std::size_t(level) * (1 + params_.M), 0);
  nodes_ = id + 1;
  if (max_level_ < 0) {
    entry_ = id;
    max_level_ = level;
    return;
  }
  const float* query = vectorAt(id);
  Candidate current{distance(query, vectorAt(entry_)), entry_};
  for (int l = max_level_; l > level; --l) current = greedyClosest(query, current, l);
  for (int l = std::min(level, max_level_); l >= 0; --l) {
    searchLayer(query, current, params_.ef_construction, l, layer_result_);
    current = layer_result_.front();
    selectNeighbors(layer_result_, params_.M);
    connect(id, l, layer_result_);
  }
  if (level > max_level_) {
    entry_ = id;
    max_level_ = level;
  }
}

void HnswIndex::searchChecked(const float* query, std::size_t k, std::uint32_t* ids,
                              float* distances) const {
  Candidate current{distance(query, vectorAt(entry_)), entry_};
  for (int l = max_level_; l > 0; --l) current = greedyClosest(query, current, l);
  const std::size_t ef = std::max<std::size_t>(params_.ef_search, k);
  std::vector<Candidate>& found = layer_result_;
  searchLayer(query, current, ef, 0, found);
  for (std::size_t i = 0; i < k; ++i) {
    // A graph region unreachable from the entry point can leave fewer than k hits:
    // the rest are marked, never left uninitialised.
    const bool hit = i < found.size();
    ids[i] = hit ? found[i].id : kNoId;
    distances[i] = hit ? found[i].distance : std::numeric_limits<float>::infinity();
  }
}

std::uint32_t HnswIndex::structureDigest() const {
  Fnv1a32 digest;
  digest.addU32(nodes_);
  digest.addU32(entry_);
  digest.addU32(static_cast<std::uint32_t>(max_level_));
  for (std::uint32_t id = 0; id < nodes_; ++id) {
    digest.addU32(levels_[id]);
    for (int l = 0; l <= levels_[id]; ++l) {
      const std::uint32_t* links = linksAt(id, l);
      for (std::uint32_t i = 0; i <= links[0]; ++i) digest.addU32(links[i]);
    }
  }
  for (float v : vectors_) digest.addF32(v);
  return digest.value();
}

}  // namespace tollgate::vector
