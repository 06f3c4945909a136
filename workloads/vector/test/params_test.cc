// Parameters from outside (JS through the bindings, or a suite) are range-checked
// and refused by name, never trusted: each case here once overflowed a buffer,
// crashed, or returned NaN distances.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "adapters/vector_session.h"
#include "dataset.h"
#include "tollgate/errors.h"
#include "vector_index.h"
#include "vector_limits.h"

namespace tollgate::vector {
namespace {

template <typename F>
std::string refusal(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "accepted";
}

IndexConfig hnsw(std::uint32_t m, std::uint32_t ef_construction = 64, std::uint32_t ef_search = 32) {
  IndexConfig c;
  c.kind = "hnsw";
  c.dim = 8;
  c.hnsw = {m, ef_construction, ef_search, 1};
  return c;
}

TEST(VectorParams, HnswParametersOutsideTheirRangesAreRefusedByName) {
  // 2^31 doubled wraps to 0 links at level 0: connect() wrote past a heap buffer.
  EXPECT_EQ(refusal([] { makeIndex(hnsw(0x80000000u)); }), "HNSW M must be in [2, 1024], got 2147483648");
  EXPECT_EQ(refusal([] { makeIndex(hnsw(1u << 20)); }), "HNSW M must be in [2, 1024], got 1048576");
  EXPECT_EQ(refusal([] { makeIndex(hnsw(1)); }), "HNSW M must be in [2, 1024], got 1");
  EXPECT_EQ(refusal([] { makeIndex(hnsw(16, 0)); }), "HNSW ef_construction must be in [1, 1048576], got 0");
  EXPECT_EQ(refusal([] { makeIndex(hnsw(16, 64, 0xffffffffu)); }),
            "HNSW ef_search must be in [1, 1048576], got 4294967295");
  // The largest accepted M builds and searches a real index.
  auto index = makeIndex(hnsw(kMaxM));
  const auto data = generateVectors({50, 8, 1, Distribution::uniform});
  index->add(data.data(), data.size());
  SearchResults r;
  index->search(data.data(), 8, 3, r);
  EXPECT_EQ(r.ids[0], 0u);
}

TEST(VectorParams, DimensionAndKAreBounded) {
  IndexConfig wide = hnsw(16);
  wide.dim = kMaxDim + 1;
  EXPECT_EQ(refusal([&] { makeIndex(wide); }), "dimension must be in [1, 65536], got 65537");
  auto index = makeIndex(hnsw(16));
  const auto data = generateVectors({20, 8, 1, Distribution::uniform});
  index->add(data.data(), data.size());
  SearchResults r;
  EXPECT_EQ(refusal([&] { index->search(data.data(), 8, kMaxK + 1, r); }), "k must be in [1, 1048576], got 1048577");
  EXPECT_EQ(refusal([&] { index->search(data.data(), 8, 0, r); }), "k must be in [1, 1048576], got 0");
  index->search(data.data(), 8, kMaxK, r);  // more than there are: every vector, once
  EXPECT_EQ(r.per_query, 20u);
}

TEST(VectorParams, ADataSetWhoseSizeWouldWrapIsRefusedBeforeAllocating) {
  const std::size_t huge = std::numeric_limits<std::size_t>::max() / 2 + 1;  // x 2 wraps to 0
  EXPECT_EQ(refusal([&] { generateVectors({huge, 2, 1, Distribution::uniform}); }),
            "data set of " + std::to_string(huge) + " vectors of dimension 2 exceeds the limit of 268435456 floats");
  EXPECT_EQ(refusal([] { generateVectors({1u << 20, 1024, 1, Distribution::clustered}); }),
            "data set of 1048576 vectors of dimension 1024 exceeds the limit of 268435456 floats");
  EXPECT_EQ(refusal([] { generateVectors({10, kMaxDim + 1, 1, Distribution::uniform}); }),
            "dimension must be in [1, 65536], got 65537");
  EXPECT_TRUE(generateVectors({0, 8, 1, Distribution::uniform}).empty());
}

TEST(VectorParams, NumbersFromJsMustBeIntegersInRange) {
  EXPECT_EQ(integerParam("k", 10, 1, 100), 10u);
  EXPECT_EQ(integerParam("seed", 9007199254740991.0, 0, kMaxJsInteger), kMaxJsInteger);
  EXPECT_EQ(refusal([] { integerParam("k", -1, 1, 100); }), "k must be an integer in [1, 100], got -1");
  EXPECT_EQ(refusal([] { integerParam("k", 1.5, 1, 100); }), "k must be an integer in [1, 100], got 1.5");
  EXPECT_EQ(refusal([] { integerParam("k", std::nan(""), 1, 100); }), "k must be an integer in [1, 100], got nan");
  EXPECT_EQ(refusal([] { integerParam("k", 4294967304.0, 1, 100); }), "k must be an integer in [1, 100], got 4294967304");
  EXPECT_EQ(refusal([] { integerParam("k", INFINITY, 1, 100); }), "k must be an integer in [1, 100], got inf");
  EXPECT_EQ(refusal([] { indexConfigFromJs("hnsw", "l2", 8, 2147483648.0, 64, 32, 1); }),
            "HNSW M must be an integer in [2, 1024], got 2147483648");
  EXPECT_EQ(refusal([] { indexConfigFromJs("hnsw", "l2", 4294967304.0, 16, 64, 32, 1); }),
            "dimension must be an integer in [1, 65536], got 4294967304");
  EXPECT_EQ(refusal([] { indexConfigFromJs("hnsw", "l2", 8, 16, 64, 32, -3); }),
            "seed must be an integer in [0, 9007199254740991], got -3");
  const IndexConfig ok = indexConfigFromJs("flat", "cosine", 8, 16, 64, 32, 7);
  EXPECT_EQ(ok.dim, 8u);
  EXPECT_EQ(ok.hnsw.seed, 7u);
  VectorSession session(ok);
  EXPECT_EQ(refusal([&] { session.staging(kMaxFloats + 1); }), "staged floats must be in [0, 268435456], got 268435457");
}

// Cosine over vectors whose squared length under- or overflows float: scaled by a
// power of two first, so they find exactly what their ordinary-length twins find.
TEST(VectorParams, CosineOverTinyOrHugeVectorsGivesTheSameFiniteDistances) {
  const std::size_t dim = 16;
  const auto data = generateVectors({200, dim, 5, Distribution::clustered});
  const auto queries = generateVectors({10, dim, 6, Distribution::clustered});
  for (const char* kind : {"flat", "hnsw"}) {
    for (int exponent : {-120, -140, 100, 120}) {  // 2^-140: every component subnormal
      std::vector<float> scaled_data(data), scaled_queries(queries);
      for (float& v : scaled_data) v = std::ldexp(v, exponent);
      for (float& v : scaled_queries) v = std::ldexp(v, exponent);
      // Scaled back, exactly (subnormals lost low bits on the way down: compare
      // with what was kept).
      std::vector<float> plain_data(scaled_data), plain_queries(scaled_queries);
      for (float& v : plain_data) v = std::ldexp(v, -exponent);
      for (float& v : plain_queries) v = std::ldexp(v, -exponent);
      IndexConfig c = hnsw(8);
      c.kind = kind;
      c.dim = dim;
      c.metric = Metric::cosine;
      auto plain = makeIndex(c), scaled = makeIndex(c);
      plain->add(plain_data.data(), plain_data.size());
      scaled->add(scaled_data.data(), scaled_data.size());
      SearchResults a, b;
      plain->search(plain_queries.data(), plain_queries.size(), 5, a);
      scaled->search(scaled_queries.data(), scaled_queries.size(), 5, b);
      for (float d : b.distances) ASSERT_TRUE(std::isfinite(d)) << kind << " 2^" << exponent;
      EXPECT_EQ(a.ids, b.ids) << kind << " 2^" << exponent;
      EXPECT_EQ(a.distances, b.distances) << kind << " 2^" << exponent;
      // Stored normalized: the same unit vectors, so the same graph.
      EXPECT_EQ(plain->structureDigest(), scaled->structureDigest()) << kind << " 2^" << exponent;
    }
  }
}

TEST(VectorParams, L2OverHugeComponentsNeverGivesNaN) {
  const std::size_t dim = 4;
  std::vector<float> data = {3e38f, -3e38f, 1, 1, -3e38f, 3e38f, 1, 1, 1, 2, 3, 4};
  for (const char* kind : {"flat", "hnsw"}) {
    IndexConfig c = hnsw(8);
    c.kind = kind;
    c.dim = dim;
    auto index = makeIndex(c);
    index->add(data.data(), data.size());
    SearchResults r;
    index->search(data.data(), data.size(), 3, r);
    for (float d : r.distances) EXPECT_FALSE(std::isnan(d)) << kind;  // infinite when it overflows: still ordered
    EXPECT_EQ(r.ids[2 * 3], 2u) << kind;
  }
}

}  // namespace
}  // namespace tollgate::vector
