#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "analysis/statistics.h"
#include "tollgate/splitmix64.h"

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
  EXPECT_DOUBLE_EQ(interquartileRange({10, 1, 4, 2, 3}), 2.0);
}

TEST(Statistics, MedianAbsoluteDeviationIgnoresOneOutlier) {
  // deviations from 3: {2, 1, 0, 1, 997} -> median 1
  EXPECT_DOUBLE_EQ(medianAbsoluteDeviation({1, 2, 3, 4, 1000}), 1.0);
}

TEST(Statistics, OutliersByModifiedZScore) {
  EXPECT_EQ(outlierIndices({10, 11, 10.5, 9.8, 10.2, 30}), (std::vector<std::size_t>{5}));
  EXPECT_TRUE(outlierIndices({10, 11, 10.5, 9.8, 10.2}).empty());
  EXPECT_TRUE(outlierIndices({5, 5, 5, 5, 9}).empty());  // no spread to judge by: nothing flagged
}

TEST(Statistics, MannWhitneyMatchesAHandComputedCase) {
  // a = {1, 2, 3}, b = {4, 5, 6}: U_a = 0, every b beats every a: delta -1.
  const MannWhitney separated = mannWhitneyU({1, 2, 3}, {4, 5, 6});
  EXPECT_DOUBLE_EQ(separated.u, 0.0);
  EXPECT_DOUBLE_EQ(separated.cliffs_delta, -1.0);
  // z = (0 - 4.5) / sqrt(5.25) = -1.964 -> p = 0.0495 (normal approximation)
  EXPECT_NEAR(separated.p_two_sided, 0.0495, 0.0005);
  const MannWhitney same = mannWhitneyU({1, 2, 3}, {1, 2, 3});
  EXPECT_DOUBLE_EQ(same.cliffs_delta, 0.0);
  EXPECT_NEAR(same.p_two_sided, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(mannWhitneyU({2, 2}, {2, 2}).p_two_sided, 1.0);  // all tied
}

// A deterministic noise source for the simulations.
class Noise {
 public:
  explicit Noise(std::uint64_t seed) : state_(seed) {}
  double uniform() {
    return static_cast<double>(splitmix64(state_) >> 11) * 0x1.0p-53;
  }
  double normal() { return std::sqrt(-2 * std::log(uniform() + 1e-300)) * std::cos(6.283185307179586 * uniform()); }

 private:
  std::uint64_t state_;
};

// As tachometer checks its own: a 95% interval should cover the true ratio about
// 95% of the time.
TEST(Bootstrap, NinetyFivePercentIntervalsCoverTheTrueRatioAboutNinetyFivePercentOfTheTime) {
  Noise noise(1);
  int covered = 0;
  const int trials = 300;
  for (int t = 0; t < trials; ++t) {
    ClusteredSamples a, b;
    for (int i = 0; i < 15; ++i) {
      a.values.push_back(1.2 * (1 + 0.05 * noise.normal()));
      b.values.push_back(1.0 * (1 + 0.05 * noise.normal()));
    }
    const Interval ci = bootstrapRatioOfMedians(a, b, 0.95, 1000, 100 + t);
    if (ci.lower <= 1.2 && 1.2 <= ci.upper) ++covered;
  }
  const double coverage = double(covered) / trials;
  std::printf("bootstrap 95%% interval coverage over %d simulated comparisons: %.3f\n", trials, coverage);
  EXPECT_GE(coverage, 0.88);
  EXPECT_LE(coverage, 0.995);
}

// Processes that each sit in a fast or slow mode (as seen on this machine): treating
// every sample as independent makes intervals far too narrow; resampling rounds does not.
TEST(Bootstrap, ResamplingRoundsKeepsModeShiftsFromLookingLikeDifferences) {
  Noise noise(2);
  auto run = [&](int rounds, bool clustered) {
    ClusteredSamples s;
    for (int r = 0; r < rounds; ++r) {
      const double mode = noise.uniform() < 0.5 ? 1.0 : 1.4;
      for (int i = 0; i < 5; ++i) {
        s.values.push_back(mode * (1 + 0.02 * noise.normal()));
        if (clustered) s.rounds.push_back(r);
      }
    }
    return s;
  };
  int false_clustered = 0, false_naive = 0;
  const int trials = 200;
  for (int t = 0; t < trials; ++t) {
    // A/A: both sides from the same process distribution; "different" = CI excludes 1.
    const ClusteredSamples a = run(4, true), b = run(4, true);
    const Interval c = bootstrapRatioOfMedians(a, b, 0.95, 500, t);
    if (c.lower > 1 || c.upper < 1) ++false_clustered;
    ClusteredSamples na = a, nb = b;
    na.rounds.clear();
    nb.rounds.clear();
    const Interval n = bootstrapRatioOfMedians(na, nb, 0.95, 500, t);
    if (n.lower > 1 || n.upper < 1) ++false_naive;
  }
  std::printf("A/A with mode shifts: %d/%d intervals exclude 1 resampling rounds, %d/%d treating samples as independent\n",
              false_clustered, trials, false_naive, trials);
  EXPECT_LT(false_clustered, trials / 10);
  EXPECT_GT(false_naive, 3 * false_clustered);
}

TEST(StudentT, QuantilesMatchTheTables) {
  EXPECT_NEAR(studentTQuantile(0.975, 1), 12.706, 0.001);
  EXPECT_NEAR(studentTQuantile(0.975, 2), 4.303, 0.001);
  EXPECT_NEAR(studentTQuantile(0.975, 4), 2.776, 0.001);
  EXPECT_NEAR(studentTQuantile(0.975, 10), 2.228, 0.001);
  EXPECT_NEAR(studentTQuantile(0.95, 30), 1.697, 0.001);
  EXPECT_NEAR(studentTQuantile(0.975, 1e6), 1.960, 0.001);
  EXPECT_NEAR(studentTQuantile(0.025, 4), -2.776, 0.001);
  EXPECT_NEAR(studentTQuantile(0.5, 7), 0.0, 1e-6);
}

// With few processes per side, the round-level interval is the honest one: its 95%
// intervals must hold about 95% of A/A comparisons, mode shifts and all.
TEST(RoundInterval, HoldsItsConfidenceWhenWholeProcessesShiftMode) {
  Noise noise(3);
  auto run = [&](int rounds, int first_label) {
    ClusteredSamples s;
    for (int r = 0; r < rounds; ++r) {
      const double mode = noise.uniform() < 0.5 ? 1.0 : 1.4;
      for (int i = 0; i < 5; ++i) {
        s.values.push_back(mode * (1 + 0.02 * noise.normal()));
        s.rounds.push_back(first_label + r);
      }
    }
    return s;
  };
  for (int rounds : {3, 5}) {
    int excluded = 0;
    const int trials = 400;
    for (int t = 0; t < trials; ++t) {
      const Interval ci = roundRatioInterval(run(rounds, 1), run(rounds, 100), 0.95);
      if (ci.lower > 1 || ci.upper < 1) ++excluded;
    }
    std::printf("round-level 95%% interval, %d rounds a side: %d/%d A/A comparisons exclude 1\n", rounds, excluded, trials);
    EXPECT_LE(excluded, trials * 8 / 100) << rounds << " rounds";
  }
}

TEST(RoundInterval, PairsRoundsMeasuredInTheSameProcesses) {
  // Variants measured in the same rounds: a mode shift moves both, the ratio holds.
  ClusteredSamples a, b;
  int r = 1;
  for (double mode : {1.0, 1.4, 1.0, 1.4}) {
    for (int i = 0; i < 3; ++i) {
      a.values.push_back(2.0 * mode * (1 + 0.001 * i));
      b.values.push_back(1.0 * mode * (1 + 0.001 * i));
      a.rounds.push_back(r);
      b.rounds.push_back(r);
    }
    ++r;
  }
  const Interval paired = roundRatioInterval(a, b, 0.95);
  EXPECT_NEAR(paired.estimate, 2.0, 1e-9);
  EXPECT_LT(paired.upper - paired.lower, 0.01);  // unpaired, the mode shifts would swamp it
  ClusteredSamples single{{1, 2, 3}, {1, 1, 1}};
  EXPECT_TRUE(std::isnan(roundRatioInterval(single, b, 0.95).lower));
  EXPECT_EQ(roundCount(single), 1);
  EXPECT_EQ(roundCount(a), 4);
}

TEST(Bootstrap, IsDeterministicAndDegenerateInputIsNan) {
  ClusteredSamples a{{1, 2, 3, 4}, {}}, b{{2, 2, 2, 3}, {}};
  const Interval x = bootstrapRatioOfMedians(a, b, 0.95, 300, 9);
  const Interval y = bootstrapRatioOfMedians(a, b, 0.95, 300, 9);
  EXPECT_EQ(x.lower, y.lower);
  EXPECT_EQ(x.upper, y.upper);
  EXPECT_DOUBLE_EQ(x.estimate, 2.5 / 2.0);
  EXPECT_LE(x.lower, x.estimate);
  EXPECT_GE(x.upper, x.estimate);
  EXPECT_TRUE(std::isnan(bootstrapRatioOfMedians({}, b, 0.95).estimate));
}

}  // namespace
}  // namespace tollgate
