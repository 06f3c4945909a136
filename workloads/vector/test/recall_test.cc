// Recall of HNSW against exact flat search on 10,000 x 128 random vectors, and the
// golden digests that prove native and wasm build the same graph and find the same
// neighbours. This suite runs natively and under Node.
//
// Uniform random 128-d vectors are the hard case for HNSW (no cluster structure to
// exploit): at ef_search=64 recall@10 is ~0.72 at this size, ~0.96 at 256 and ~0.99
// at 512. The test pins ef_search=512; the benchmark suite reports recall beside
// every search it times.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "dataset.h"
#include "recall.h"
#include "tollgate/digest.h"
#include "vector_index.h"

namespace tollgate::vector {
namespace {

struct Built {
  std::vector<float> data;
  std::unique_ptr<VectorIndex> hnsw;
  std::unique_ptr<VectorIndex> flat;
  std::vector<float> queries;
};

const Built& built() {
  static const Built b = [] {
    Built out;
    out.data = generateVectors({10000, 128, 1, Distribution::uniform});
    const auto& data = out.data;
    out.queries = generateVectors({100, 128, 2, Distribution::uniform});
    IndexConfig config;
    config.dim = 128;
    config.hnsw = {16, 200, 512, 42};
    config.kind = "hnsw";
    out.hnsw = makeIndex(config);
    config.kind = "flat";
    out.flat = makeIndex(config);
    out.hnsw->add(data.data(), data.size());
    out.flat->add(data.data(), data.size());
    return out;
  }();
  return b;
}

TEST(Recall, HnswFindsAtLeast95PercentOfTheTrueTop10) {
  const Built& b = built();
  const double recall = recallAtK(*b.hnsw, b.data.data(), b.data.size(), b.queries.data(), b.queries.size(), 10);
  std::printf("recall@10 (10000 x 128 uniform, M=16, ef_construction=200, ef_search=512): %.3f\n", recall);
  EXPECT_GE(recall, 0.95);
}

std::string resultsDigest(const VectorIndex& index, const std::vector<float>& queries) {
  SearchResults r;
  index.search(queries.data(), queries.size(), 10, r);
  Fnv1a32 digest;
  for (std::size_t i = 0; i < r.ids.size(); ++i) {
    digest.addU32(r.ids[i]);
    digest.addF32(r.distances[i]);
  }
  return digest.text();
}

TEST(Recall, ExactSearchHasFullRecallAndAPoorIndexDoesNot) {
  const Built& b = built();
  EXPECT_EQ(recallAtK(*b.flat, b.data.data(), b.data.size(), b.queries.data(), b.queries.size(), 10), 1.0);
  IndexConfig sparse;
  sparse.dim = 128;
  sparse.hnsw = {2, 4, 1, 42};  // barely a graph: recall must show it
  auto poor = makeIndex(sparse);
  poor->add(b.data.data(), b.data.size());
  EXPECT_LT(recallAtK(*poor, b.data.data(), b.data.size(), b.queries.data(), b.queries.size(), 10), 0.9);
}

TEST(Recall, GoldenDigestsAreIdenticalOnEveryPlatform) {
  const Built& b = built();
  char text[20];
  std::snprintf(text, sizeof text, "fnv1a32:%08x", b.hnsw->structureDigest());
  EXPECT_EQ(std::string(text), "fnv1a32:cce7bebf");
  EXPECT_EQ(resultsDigest(*b.hnsw, b.queries), "fnv1a32:d91041de");
  EXPECT_EQ(resultsDigest(*b.flat, b.queries), "fnv1a32:7f79ba83");
}

}  // namespace
}  // namespace tollgate::vector
