#include <gtest/gtest.h>

#include "dataset.h"
#include "tollgate/digest.h"
#include "tollgate/errors.h"

namespace tollgate::vector {
namespace {

std::string digestOf(const std::vector<float>& values) {
  Fnv1a32 digest;
  for (float v : values) digest.addF32(v);
  return digest.text();
}

TEST(Dataset, SameSeedSameVectorsDifferentSeedDifferent) {
  const DatasetSpec spec{100, 16, 3, Distribution::uniform};
  EXPECT_EQ(generateVectors(spec), generateVectors(spec));
  DatasetSpec other = spec;
  other.seed = 4;
  EXPECT_NE(generateVectors(spec), generateVectors(other));
}

TEST(Dataset, UniformStaysInRange) {
  const auto data = generateVectors({1000, 8, 1, Distribution::uniform});
  ASSERT_EQ(data.size(), 8000u);
  for (float v : data) {
    EXPECT_GE(v, -1.0f);
    EXPECT_LT(v, 1.0f);
  }
}

// Golden digests: this test runs natively and as wasm, so it proves the generator
// gives the same bits on both (the premise of comparing results across runtimes).
TEST(Dataset, GoldenDigestsAreIdenticalOnEveryPlatform) {
  EXPECT_EQ(digestOf(generateVectors({1000, 128, 1, Distribution::uniform})), "fnv1a32:bd33e9b4");
  EXPECT_EQ(digestOf(generateVectors({1000, 128, 1, Distribution::clustered})), "fnv1a32:f3eb3d38");
}

TEST(Dataset, RefusesUnknownDistributionAndZeroDimension) {
  EXPECT_THROW(parseDistribution("gaussian"), InputError);
  EXPECT_THROW(generateVectors({10, 0, 1, Distribution::uniform}), InputError);
}

}  // namespace
}  // namespace tollgate::vector
