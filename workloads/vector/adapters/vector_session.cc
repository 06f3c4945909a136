#include "vector_session.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "tollgate/errors.h"
#include "tollgate/probe.h"
#include "../vector_limits.h"

namespace tollgate::vector {

VectorSession::VectorSession(const IndexConfig& config) : index_(makeIndex(config)) {}

void VectorSession::insert(const float* data, std::size_t float_count) {
  TOLLGATE_PHASE(compute);
  index_->add(data, float_count);
}

float* VectorSession::staging(std::size_t float_count) {
  checkRange("staged floats", float_count, 0, kMaxFloats);
  if (staging_.size() < float_count) staging_.resize(float_count);
  return staging_.data();
}

const float* VectorSession::staged(std::size_t float_count) const {
  if (float_count > staging_.size()) {
    throw InputError("staged " + std::to_string(float_count) + " floats, but the staging buffer holds " +
                     std::to_string(staging_.size()) + ": call staging() with the size first");
  }
  return staging_.data();
}

void VectorSession::insertStaged(std::size_t float_count) {
  const float* data = staged(float_count);
  TOLLGATE_PHASE(compute);
  index_->add(data, float_count);
}

void VectorSession::search(const float* queries, std::size_t float_count, std::size_t k) {
  TOLLGATE_PHASE(compute);
  index_->search(queries, float_count, k, results_);
}

void VectorSession::searchStaged(std::size_t float_count, std::size_t k) {
  const float* queries = staged(float_count);
  TOLLGATE_PHASE(compute);
  index_->search(queries, float_count, k, results_);
}

std::uint64_t integerParam(const char* name, double value, std::uint64_t low, std::uint64_t high) {
  // NaN fails every comparison, so it lands here too.
  if (!(value >= static_cast<double>(low) && value <= static_cast<double>(high)) || std::floor(value) != value) {
    // snprintf, not an ostringstream: iostreams would add 120 KB to the module.
    char got[32];
    std::snprintf(got, sizeof got, "%.17g", value);
    throw InputError(std::string(name) + " must be an integer in [" + std::to_string(low) + ", " +
                     std::to_string(high) + "], got " + got);
  }
  return static_cast<std::uint64_t>(value);
}

IndexConfig indexConfigFromJs(const std::string& kind, const std::string& metric, double dim, double m,
                              double ef_construction, double ef_search, double seed) {
  IndexConfig config;
  config.kind = kind;
  config.metric = parseMetric(metric);
  config.dim = static_cast<std::size_t>(integerParam("dimension", dim, 1, kMaxDim));
  config.hnsw.M = static_cast<std::uint32_t>(integerParam("HNSW M", m, 2, kMaxM));
  config.hnsw.ef_construction = static_cast<std::uint32_t>(integerParam("HNSW ef_construction", ef_construction, 1, kMaxEf));
  config.hnsw.ef_search = static_cast<std::uint32_t>(integerParam("HNSW ef_search", ef_search, 1, kMaxEf));
  config.hnsw.seed = integerParam("seed", seed, 0, kMaxJsInteger);
  return config;
}

}  // namespace tollgate::vector
