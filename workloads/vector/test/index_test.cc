#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "dataset.h"
#include "distance.h"
#include "hnsw_index.h"
#include "tollgate/errors.h"
#include "vector_index.h"

namespace tollgate::vector {
namespace {

IndexConfig config(const std::string& kind, Metric metric, std::size_t dim) {
  IndexConfig c;
  c.kind = kind;
  c.metric = metric;
  c.dim = dim;
  return c;
}

// Brute force in double precision: the ids of the k nearest (ties by id).
std::vector<std::uint32_t> bruteForce(const std::vector<float>& data, const float* query, std::size_t dim,
                                      std::size_t k) {
  std::vector<std::pair<double, std::uint32_t>> all;
  for (std::size_t i = 0; i < data.size() / dim; ++i) {
    double d = 0;
    for (std::size_t c = 0; c < dim; ++c) d += (double(data[i * dim + c]) - query[c]) * (double(data[i * dim + c]) - query[c]);
    all.push_back({d, static_cast<std::uint32_t>(i)});
  }
  std::sort(all.begin(), all.end());
  std::vector<std::uint32_t> ids;
  for (std::size_t i = 0; i < k; ++i) ids.push_back(all[i].second);
  return ids;
}

TEST(FlatIndex, SearchIsExact) {
  const std::size_t dim = 24;
  const auto data = generateVectors({500, dim, 11, Distribution::uniform});
  const auto queries = generateVectors({20, dim, 12, Distribution::uniform});
  auto index = makeIndex(config("flat", Metric::l2, dim));
  index->add(data.data(), data.size());
  SearchResults r;
  index->search(queries.data(), queries.size(), 10, r);
  ASSERT_EQ(r.per_query, 10u);
  for (std::size_t q = 0; q < 20; ++q) {
    const auto expected = bruteForce(data, queries.data() + q * dim, dim, 10);
    const std::vector<std::uint32_t> got(r.ids.begin() + q * 10, r.ids.begin() + (q + 1) * 10);
    EXPECT_EQ(got, expected) << "query " << q;
    EXPECT_TRUE(std::is_sorted(r.distances.begin() + q * 10, r.distances.begin() + (q + 1) * 10));
  }
}

TEST(VectorIndex, FindsItselfFirstUnderBothMetricsAndBothKinds) {
  const std::size_t dim = 32;
  const auto data = generateVectors({300, dim, 5, Distribution::clustered});
  for (const char* kind : {"flat", "hnsw"}) {
    for (Metric metric : {Metric::l2, Metric::cosine}) {
      auto index = makeIndex(config(kind, metric, dim));
      index->add(data.data(), data.size());
      SearchResults r;
      index->search(data.data() + 17 * dim, dim, 3, r);
      EXPECT_EQ(r.ids[0], 17u) << kind << " " << metricName(metric);
      EXPECT_NEAR(r.distances[0], 0.0f, 1e-5) << kind << " " << metricName(metric);
    }
  }
}

TEST(VectorIndex, CosineIgnoresScale) {
  auto index = makeIndex(config("flat", Metric::cosine, 3));
  const std::vector<float> data = {1, 0, 0, 0, 1, 0, 1, 1, 0};
  index->add(data.data(), data.size());
  const std::vector<float> query = {5, 0, 0};
  SearchResults r;
  index->search(query.data(), 3, 3, r);
  EXPECT_EQ(r.ids[0], 0u);
  EXPECT_EQ(r.ids[1], 2u);
  EXPECT_NEAR(r.distances[1], 1.0f - std::sqrt(0.5f), 1e-6);
  EXPECT_NEAR(r.distances[2], 1.0f, 1e-6);
}

TEST(VectorIndex, AnyPositiveDimensionWorks) {
  for (std::size_t dim : {1u, 2u, 7u, 100u, 1536u}) {
    const auto data = generateVectors({50, dim, 9, Distribution::uniform});
    for (const char* kind : {"flat", "hnsw"}) {
      auto index = makeIndex(config(kind, Metric::l2, dim));
      index->add(data.data(), data.size());
      SearchResults r;
      index->search(data.data(), dim, 5, r);
      EXPECT_EQ(r.ids[0], 0u) << kind << " dim " << dim;
    }
  }
}

TEST(VectorIndex, FewerVectorsThanKGivesWhatThereIs) {
  auto index = makeIndex(config("hnsw", Metric::l2, 4));
  const std::vector<float> data = {0, 0, 0, 0, 1, 1, 1, 1};
  index->add(data.data(), data.size());
  SearchResults r;
  index->search(data.data(), 4, 10, r);
  EXPECT_EQ(r.per_query, 2u);
  EXPECT_EQ(r.ids, (std::vector<std::uint32_t>{0, 1}));
}

void expectRefused(VectorIndex& index, const std::vector<float>& input, const std::string& fragment) {
  try {
    index.add(input.data(), input.size());
    FAIL() << "accepted input that should be refused (" << fragment << ")";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(VectorIndex, RefusesBadInputWithClearErrorsAndStaysUsable) {
  const std::size_t dim = 8;
  const auto good = generateVectors({40, dim, 21, Distribution::uniform});
  for (const char* kind : {"flat", "hnsw"}) {
    auto index = makeIndex(config(kind, Metric::cosine, dim));
    auto reference = makeIndex(config(kind, Metric::cosine, dim));
    index->add(good.data(), 20 * dim);
    reference->add(good.data(), 20 * dim);

    std::vector<float> nan_batch(good.begin(), good.begin() + 3 * dim);
    nan_batch[2 * dim + 5] = std::numeric_limits<float>::quiet_NaN();
    expectRefused(*index, nan_batch, "vectors 2, component 5 is NaN");
    std::vector<float> inf_batch(good.begin(), good.begin() + dim);
    inf_batch[0] = -std::numeric_limits<float>::infinity();
    expectRefused(*index, inf_batch, "component 0 is infinite");
    expectRefused(*index, std::vector<float>(good.begin(), good.begin() + dim + 3), "not a whole number of 8-dimensional");
    expectRefused(*index, std::vector<float>(dim - 1, 1.0f), "wrong dimension");
    expectRefused(*index, std::vector<float>(dim, 0.0f), "zero length");
    EXPECT_THROW(index->add(good.data(), 0), InputError);
    SearchResults r;
    EXPECT_THROW(index->search(good.data(), dim, 0, r), InputError);
    EXPECT_THROW(index->search(nan_batch.data(), nan_batch.size(), 3, r), InputError);

    // Nothing refused reached the index: it continues exactly as one that never saw it.
    EXPECT_EQ(index->size(), 20u) << kind;
    index->add(good.data() + 20 * dim, 20 * dim);
    reference->add(good.data() + 20 * dim, 20 * dim);
    EXPECT_EQ(index->structureDigest(), reference->structureDigest()) << kind;
    SearchResults a, b;
    index->search(good.data(), 4 * dim, 5, a);
    reference->search(good.data(), 4 * dim, 5, b);
    EXPECT_EQ(a.ids, b.ids) << kind;
  }
}

TEST(VectorIndex, RefusesUnknownKindMetricAndZeroDimension) {
  EXPECT_THROW(makeIndex(config("ivf", Metric::l2, 8)), InputError);
  EXPECT_THROW(makeIndex(config("flat", Metric::l2, 0)), InputError);
  EXPECT_THROW(parseMetric("manhattan"), InputError);
  IndexConfig bad = config("hnsw", Metric::l2, 8);
  bad.hnsw.M = 1;
  EXPECT_THROW(makeIndex(bad), InputError);
}

TEST(HnswIndex, SameSeedAndOrderBuildTheSameGraph) {
  const std::size_t dim = 16;
  const auto data = generateVectors({2000, dim, 2, Distribution::clustered});
  auto a = makeIndex(config("hnsw", Metric::l2, dim));
  auto b = makeIndex(config("hnsw", Metric::l2, dim));
  a->add(data.data(), data.size());
  for (std::size_t i = 0; i < 2000; i += 250) b->add(data.data() + i * dim, 250 * dim);  // batches don't matter
  EXPECT_EQ(a->structureDigest(), b->structureDigest());
  EXPECT_GT(static_cast<HnswIndex&>(*a).maxLevel(), 0);  // 2000 nodes at M=16 reach level 1+
}

}  // namespace
}  // namespace tollgate::vector
