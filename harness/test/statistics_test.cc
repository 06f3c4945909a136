#include <gtest/gtest.h>

#include <cmath>

#include "analysis/statistics.h"

namespace tollgate {
namespace {

TEST(Statistics, MedianOfOddAndEvenCounts) {
  EXPECT_DOUBLE_EQ(median({5, 1, 3}), 3.0);
  EXPECT_DOUBLE_EQ(median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(median({7}), 7.0);
  EXPECT_TRUE(std::isnan(median({})));
}

TEST(Statistics, QuantileInterpolatesLikeNumpy) {
  // numpy.quantile([1, 2, 3, 4, 10], [0.25, 0.75, 0.9]) = [2, 4, 7.6]
  EXPECT_DOUBLE_EQ(quantile({10, 1, 4, 2, 3}, 0.25), 2.0);
  EXPECT_DOUBLE_EQ(quantile({10, 1, 4, 2, 3}, 0.75), 4.0);
  EXPECT_NEAR(quantile({10, 1, 4, 2, 3}, 0.9), 7.6, 1e-12);
  EXPECT_DOUBLE_EQ(quantile({10, 1, 4, 2, 3}, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile({10, 1, 4, 2, 3}, 1.0), 10.0);
}

TEST(Statistics, MedianAbsoluteDeviationIgnoresOneOutlier) {
  // deviations from 3: {2, 1, 0, 1, 997} -> median 1
  EXPECT_DOUBLE_EQ(medianAbsoluteDeviation({1, 2, 3, 4, 1000}), 1.0);
}

}  // namespace
}  // namespace tollgate
