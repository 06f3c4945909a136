#include "vector_index.h"

#include <cmath>

#include "flat_index.h"
#include "hnsw_index.h"
#include "tollgate/errors.h"

namespace tollgate::vector {

Metric parseMetric(const std::string& name) {
  if (name == "l2") return Metric::l2;
  if (name == "cosine") return Metric::cosine;
  throw InputError("unknown metric '" + name + "' (expected l2 or cosine)");
}

const char* metricName(Metric metric) { return metric == Metric::l2 ? "l2" : "cosine"; }

VectorIndex::VectorIndex(std::size_t dim, Metric metric) : dim_(dim), metric_(metric) {
  if (dim == 0) throw InputError("dimension must be positive, got 0");
}

std::size_t VectorIndex::checkBatch(const float* data, std::size_t float_count,
                                    const char* what) const {
  if (float_count == 0) throw InputError(std::string("empty batch: no ") + what + " given");
  if (data == nullptr) throw InputError(std::string("no data for the ") + what);
  if (float_count % dim_ != 0) {
    throw InputError(std::string("wrong dimension: ") + std::to_string(float_count) +
                     " floats is not a whole number of " + std::to_string(dim_) +
                     "-dimensional " + what);
  }
  const std::size_t count = float_count / dim_;
  for (std::size_t v = 0; v < count; ++v) {
    const float* row = data + v * dim_;
    double norm = 0.0;
    for (std::size_t c = 0; c < dim_; ++c) {
      if (!std::isfinite(row[c])) {
        throw InputError(std::string(what) + " " + std::to_string(v) + ", component " +
                         std::to_string(c) + " is " + (std::isnan(row[c]) ? "NaN" : "infinite"));
      }
      norm += static_cast<double>(row[c]) * row[c];
    }
    if (metric_ == Metric::cosine && norm == 0.0) {
      throw InputError(std::string(what) + " " + std::to_string(v) +
                       " has zero length: cosine distance needs a non-zero vector");
    }
  }
  return count;
}

const float* VectorIndex::prepared(const float* data, std::size_t count,
                                   std::vector<float>& scratch) const {
  if (metric_ != Metric::cosine) return data;
  scratch.resize(count * dim_);
  for (std::size_t v = 0; v < count; ++v) {
    const float* in = data + v * dim_;
    float* out = scratch.data() + v * dim_;
    const float inv = 1.0f / std::sqrt(dot(in, in, dim_));
    for (std::size_t c = 0; c < dim_; ++c) out[c] = in[c] * inv;
  }
  return scratch.data();
}

void VectorIndex::add(const float* data, std::size_t float_count) {
  const std::size_t count = checkBatch(data, float_count, "vectors");
  addChecked(prepared(data, count, scratch_), count);
  count_ += count;
}

void VectorIndex::search(const float* queries, std::size_t float_count, std::size_t k,
                         SearchResults& out) const {
  if (k == 0) throw InputError("k must be positive, got 0");
  const std::size_t count = checkBatch(queries, float_count, "queries");
  const float* q = prepared(queries, count, scratch_);
  out.per_query = k < count_ ? k : count_;
  out.ids.resize(count * out.per_query);
  out.distances.resize(count * out.per_query);
  if (out.per_query == 0) return;
  for (std::size_t i = 0; i < count; ++i) {
    searchChecked(q + i * dim_, out.per_query, out.ids.data() + i * out.per_query,
                  out.distances.data() + i * out.per_query);
  }
}

std::unique_ptr<VectorIndex> makeIndex(const IndexConfig& config) {
  if (config.kind == "hnsw") return std::make_unique<HnswIndex>(config.dim, config.metric, config.hnsw);
  if (config.kind == "flat") return std::make_unique<FlatIndex>(config.dim, config.metric);
  throw InputError("unknown index kind '" + config.kind + "' (expected hnsw or flat)");
}

}  // namespace tollgate::vector
