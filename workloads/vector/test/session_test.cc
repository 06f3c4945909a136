#include <gtest/gtest.h>

#include <cstring>

#include "adapters/vector_session.h"
#include "dataset.h"
#include "tollgate/errors.h"
#include "tollgate/probe.h"

namespace tollgate::vector {
namespace {

IndexConfig smallConfig(const std::string& kind) {
  IndexConfig c;
  c.kind = kind;
  c.dim = 16;
  c.hnsw = {8, 64, 32, 7};
  return c;
}

TEST(VectorSession, StagedPathsGiveTheSameIndexAndResultsAsCopiedOnes) {
  const auto data = generateVectors({400, 16, 1, Distribution::uniform});
  const auto queries = generateVectors({10, 16, 2, Distribution::uniform});
  for (const char* kind : {"flat", "hnsw"}) {
    VectorSession copied(smallConfig(kind));
    VectorSession staged(smallConfig(kind));
    copied.insert(data.data(), data.size());
    for (std::size_t off = 0; off < data.size(); off += 100 * 16) {  // staging reused per chunk
      float* dst = staged.staging(100 * 16);
      std::memcpy(dst, data.data() + off, 100 * 16 * sizeof(float));
      staged.insertStaged(100 * 16);
    }
    EXPECT_EQ(copied.index().structureDigest(), staged.index().structureDigest()) << kind;

    copied.search(queries.data(), queries.size(), 5);
    std::memcpy(staged.staging(queries.size()), queries.data(), queries.size() * sizeof(float));
    staged.searchStaged(queries.size(), 5);
    EXPECT_EQ(copied.results().ids, staged.results().ids) << kind;
    EXPECT_EQ(copied.results().distances, staged.results().distances) << kind;
  }
}

TEST(VectorSession, RefusesMoreStagedFloatsThanTheBufferHolds) {
  VectorSession session(smallConfig("flat"));
  session.staging(32);
  try {
    session.insertStaged(48);
    FAIL() << "staged past the buffer";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("staged 48 floats, but the staging buffer holds 32"), std::string::npos);
  }
  EXPECT_EQ(session.index().size(), 0u);
}

TEST(VectorSession, ComputeProbeRecordsOnlyWhenEnabled) {
  const auto data = generateVectors({200, 16, 1, Distribution::uniform});
  VectorSession session(smallConfig("hnsw"));
  setProbesEnabled(false);
  resetLedger();
  session.insert(data.data(), 100 * 16);
  EXPECT_EQ(ledger().probes, 0u);
  EXPECT_EQ(ledger().phase_ns[static_cast<int>(Phase::compute)], 0.0);

  setProbesEnabled(true);
  resetLedger();
  session.insert(data.data() + 100 * 16, 100 * 16);
  setProbesEnabled(false);
  EXPECT_EQ(ledger().probes, 1u);
  EXPECT_GT(ledger().phase_ns[static_cast<int>(Phase::compute)], 0.0);
  EXPECT_EQ(ledger().phase_ns[static_cast<int>(Phase::copy_in)], 0.0);
}

}  // namespace
}  // namespace tollgate::vector
