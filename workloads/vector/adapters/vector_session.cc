#include "vector_session.h"

#include <string>

#include "tollgate/errors.h"
#include "tollgate/probe.h"

namespace tollgate::vector {

VectorSession::VectorSession(const IndexConfig& config) : index_(makeIndex(config)) {}

void VectorSession::insert(const float* data, std::size_t float_count) {
  TOLLGATE_PHASE(compute);
  index_->add(data, float_count);
}

float* VectorSession::staging(std::size_t float_count) {
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

}  // namespace tollgate::vector
