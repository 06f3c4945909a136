// The vector workload, native: insert and search on the kernel directly.

#include <memory>
#include <stdexcept>

#include "dataset.h"
#include "tollgate/native_case.h"
#include "recall.h"
#include "tollgate/digest.h"
#include "tollgate/probe.h"
#include "vector_index.h"

namespace tollgate::native {
namespace {

using vector::IndexConfig;
using vector::SearchResults;
using vector::VectorIndex;

IndexConfig indexConfig(const nlohmann::ordered_json& p) {
  IndexConfig c;
  c.kind = p.at("index").get<std::string>();
  c.metric = vector::parseMetric(p.at("metric").get<std::string>());
  c.dim = p.at("dim").get<std::size_t>();
  c.hnsw.M = p.at("M").get<std::uint32_t>();
  c.hnsw.ef_construction = p.at("ef_construction").get<std::uint32_t>();
  c.hnsw.ef_search = p.value("ef_search", 64u);
  c.hnsw.seed = p.at("seed").get<std::uint64_t>();
  return c;
}

std::vector<float> vectors(const nlohmann::ordered_json& p, std::size_t count, std::uint64_t seed) {
  return vector::generateVectors({count, p.at("dim").get<std::size_t>(), seed,
                                  vector::parseDistribution(p.at("distribution").get<std::string>())});
}

// Reads every hit, as the JS consumers do; formatted later, outside the operation.
Fnv1a32 hitsDigest(const SearchResults& r) {
  Fnv1a32 digest;
  for (std::size_t i = 0; i < r.ids.size(); ++i) {
    digest.addU32(r.ids[i]);
    digest.addF32(r.distances[i]);
  }
  return digest;
}

class InsertCase final : public NativeCase {
 public:
  explicit InsertCase(const SuiteCase& c) : c_(c), config_(indexConfig(c.params)) {}
  void prepare() override { data_ = vectors(c_.params, c_.params.at("n").get<std::size_t>(), seed()); }
  void beforeOp() override {
    index_.reset();  // freed outside the timed region
    index_ = vector::makeIndex(config_);
  }
  void runOp() override {
    TOLLGATE_PHASE(compute);
    index_->add(data_.data(), data_.size());
  }
  std::string resultDigest() override {
    char text[20];
    std::snprintf(text, sizeof text, "fnv1a32:%08x", index_->structureDigest());
    return text;
  }

 private:
  std::uint64_t seed() const { return c_.params.at("seed").get<std::uint64_t>(); }
  SuiteCase c_;
  IndexConfig config_;
  std::vector<float> data_;
  std::unique_ptr<VectorIndex> index_;
};

class SearchCase final : public NativeCase {
 public:
  explicit SearchCase(const SuiteCase& c) : c_(c), config_(indexConfig(c.params)) {}
  void prepare() override {
    const std::uint64_t seed = c_.params.at("seed").get<std::uint64_t>();
    data_ = vectors(c_.params, c_.params.at("n").get<std::size_t>(), seed);
    queries_ = vectors(c_.params, c_.params.at("queries").get<std::size_t>(), seed + 1);
    index_ = vector::makeIndex(config_);
    index_->add(data_.data(), data_.size());
    k_ = c_.params.at("k").get<std::size_t>();
  }
  void runOp() override {
    {
      TOLLGATE_PHASE(compute);
      index_->search(queries_.data(), queries_.size(), k_, results_);
    }
    TOLLGATE_PHASE(copy_out);  // reading the hits, as every JS consumer does
    digest_ = hitsDigest(results_);
  }
  std::string resultDigest() override { return digest_.text(); }
  nlohmann::ordered_json quality() override {
    return {{"recall_at_k", vector::recallAtK(*index_, data_.data(), data_.size(), queries_.data(),
                                              queries_.size(), k_)}};
  }

 private:
  SuiteCase c_;
  IndexConfig config_;
  std::vector<float> data_, queries_;
  std::unique_ptr<VectorIndex> index_;
  std::size_t k_ = 10;
  SearchResults results_;
  Fnv1a32 digest_;
};

const RegisterWorkload kRegistered("vector", [](const SuiteCase& c, const std::string&) -> std::unique_ptr<NativeCase> {
  if (c.operation == "insert") return std::make_unique<InsertCase>(c);
  if (c.operation == "search") return std::make_unique<SearchCase>(c);
  throw std::runtime_error("the vector workload has no operation '" + c.operation + "'");
});

}  // namespace
}  // namespace tollgate::native
