#pragma once
// Pure statistics over raw samples. Nothing here prints or reads files.

#include <cstdint>
#include <vector>

namespace tollgate {

// Linear interpolation between order statistics (Hyndman-Fan type 7, as numpy and R
// default). q in [0, 1]. Empty input gives NaN.
double quantile(std::vector<double> values, double q);
double median(const std::vector<double>& values);
// Median absolute deviation from the median (unscaled).
double medianAbsoluteDeviation(const std::vector<double>& values);
double interquartileRange(const std::vector<double>& values);

// Indices of outliers by the modified z-score (Iglewicz & Hoaglin): more than 3.5
// scaled MADs from the median. The statistics below are medians, which outliers
// barely move; they are counted and reported, never dropped silently.
std::vector<std::size_t> outlierIndices(const std::vector<double>& values);

// Samples with the process (round) each came from. Samples of one process share
// its machine mode, so they are not independent: resampling treats the round as
// the unit first. An empty `rounds` means one round.
struct ClusteredSamples {
  std::vector<double> values;
  std::vector<int> rounds;
};

struct Interval {
  double estimate = 0;  // the statistic on the data itself
  double lower = 0;
  double upper = 0;
};

// Percentile bootstrap interval of median(a) / median(b): each resample draws
// rounds with replacement, then samples with replacement within each drawn round.
// Deterministic for a given seed.
Interval bootstrapRatioOfMedians(const ClusteredSamples& a, const ClusteredSamples& b, double confidence,
                                 int resamples = 2000, std::uint64_t seed = 0x7011ea7e);

// Quantile of Student's t distribution with `df` degrees of freedom (df > 0).
double studentTQuantile(double p, double df);

// Interval of the ratio a/b from per-round medians, each round one observation (the
// process is the unit of evidence, not the sample): Student's t on the logs of the
// rounds' medians, paired when every round has both sides (variants measured in the
// same processes), Welch's otherwise. The estimate is the ratio of the rounds'
// geometric means. NaN when either side has fewer than 2 rounds.
Interval roundRatioInterval(const ClusteredSamples& a, const ClusteredSamples& b, double confidence);

// The interval gates and reports use: round-level (above) when both sides have at
// least 2 rounds, else the bootstrap (which with one round per side sees only the
// noise within a process, and is never trusted to decide a gate).
Interval ratioInterval(const ClusteredSamples& a, const ClusteredSamples& b, double confidence, int resamples = 2000);
int roundCount(const ClusteredSamples& s);

// Interval of a location (a typical time) alone: with 2 rounds or more, Student's t
// on the logs of the rounds' medians (estimate: their geometric mean); with one,
// the percentile bootstrap of the median within that process. NaN when empty.
Interval locationInterval(const ClusteredSamples& s, double confidence, int resamples = 1000,
                          std::uint64_t seed = 0x7011ea7e);

struct MannWhitney {
  double u = 0;             // U of `a`
  double p_two_sided = 1;   // normal approximation with tie correction
  double cliffs_delta = 0;  // P(a > b) - P(a < b), in [-1, 1]
};

MannWhitney mannWhitneyU(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace tollgate
