#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "dataset.h"
#include "distance.h"

namespace tollgate::vector {
namespace {

double referenceL2(const float* a, const float* b, std::size_t dim) {
  double sum = 0;
  for (std::size_t i = 0; i < dim; ++i) sum += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
  return sum;
}

double referenceDot(const float* a, const float* b, std::size_t dim) {
  double sum = 0;
  for (std::size_t i = 0; i < dim; ++i) sum += double(a[i]) * b[i];
  return sum;
}

TEST(Distance, MatchesDoublePrecisionReferenceForEveryTailLength) {
  for (std::size_t dim : {1u, 3u, 15u, 16u, 17u, 31u, 128u, 129u, 768u}) {
    const auto data = generateVectors({2, dim, 7, Distribution::uniform});
    const float* a = data.data();
    const float* b = data.data() + dim;
    EXPECT_NEAR(l2Squared(a, b, dim), referenceL2(a, b, dim), 1e-4 * (1 + referenceL2(a, b, dim)))
        << "dim " << dim;
    EXPECT_NEAR(dot(a, b, dim), referenceDot(a, b, dim), 1e-4 * (1 + std::fabs(referenceDot(a, b, dim))))
        << "dim " << dim;
  }
}

TEST(Distance, ExactOnSmallIntegers) {
  const std::vector<float> a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
  std::vector<float> b(a.size(), 0.0f);
  EXPECT_EQ(l2Squared(a.data(), b.data(), a.size()), 1785.0f);  // sum of squares 1..17
  EXPECT_EQ(dot(a.data(), a.data(), a.size()), 1785.0f);
  EXPECT_EQ(l2Squared(a.data(), a.data(), a.size()), 0.0f);
}

}  // namespace
}  // namespace tollgate::vector
