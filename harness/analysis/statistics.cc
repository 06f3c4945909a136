#include "analysis/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "tollgate/splitmix64.h"

namespace tollgate {
namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return splitmix64(state_); }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

std::vector<std::vector<double>> byRound(const ClusteredSamples& s) {
  std::map<int, std::vector<double>> groups;
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    groups[i < s.rounds.size() ? s.rounds[i] : 0].push_back(s.values[i]);
  }
  std::vector<std::vector<double>> out;
  for (auto& [round, values] : groups) out.push_back(std::move(values));
  return out;
}

double resampledMedian(const std::vector<std::vector<double>>& rounds, Rng& rng, std::vector<double>& scratch) {
  scratch.clear();
  for (std::size_t r = 0; r < rounds.size(); ++r) {
    const std::vector<double>& round = rounds[rng.below(rounds.size())];
    for (std::size_t i = 0; i < round.size(); ++i) scratch.push_back(round[rng.below(round.size())]);
  }
  return median(scratch);
}

double normalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

}  // namespace

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double pos = q * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(pos));
  const std::size_t upper = std::min(lower + 1, values.size() - 1);
  const double frac = pos - static_cast<double>(lower);
  return values[lower] + (values[upper] - values[lower]) * frac;
}

double median(const std::vector<double>& values) { return quantile(values, 0.5); }

double medianAbsoluteDeviation(const std::vector<double>& values) {
  const double m = median(values);
  std::vector<double> deviations;
  deviations.reserve(values.size());
  for (double v : values) deviations.push_back(std::fabs(v - m));
  return median(deviations);
}

double interquartileRange(const std::vector<double>& values) {
  return quantile(values, 0.75) - quantile(values, 0.25);
}

std::vector<std::size_t> outlierIndices(const std::vector<double>& values) {
  std::vector<std::size_t> out;
  const double m = median(values);
  const double mad = medianAbsoluteDeviation(values);
  if (!(mad > 0)) return out;  // half the samples or more are equal: no scale to judge by
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (0.6745 * std::fabs(values[i] - m) / mad > 3.5) out.push_back(i);
  }
  return out;
}

Interval bootstrapRatioOfMedians(const ClusteredSamples& a, const ClusteredSamples& b, double confidence,
                                 int resamples, std::uint64_t seed) {
  Interval out;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (a.values.empty() || b.values.empty()) return {nan, nan, nan};
  out.estimate = median(a.values) / median(b.values);
  const auto rounds_a = byRound(a);
  const auto rounds_b = byRound(b);
  Rng rng(seed);
  std::vector<double> ratios, scratch;
  ratios.reserve(static_cast<std::size_t>(resamples));
  for (int i = 0; i < resamples; ++i) {
    const double ma = resampledMedian(rounds_a, rng, scratch);
    const double mb = resampledMedian(rounds_b, rng, scratch);
    ratios.push_back(ma / mb);
  }
  const double alpha = 1.0 - confidence;
  out.lower = quantile(ratios, alpha / 2);
  out.upper = quantile(ratios, 1.0 - alpha / 2);
  return out;
}

namespace {

// Continued fraction for the regularized incomplete beta function (Lentz's method).
double betaContinuedFraction(double a, double b, double x) {
  const double tiny = 1e-300;
  double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < 1e-14) break;
  }
  return h;
}

double regularizedBeta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return front * betaContinuedFraction(a, b, x) / a;
  return 1.0 - front * betaContinuedFraction(b, a, 1 - x) / b;
}

double studentTCdf(double t, double df) {
  const double tail = 0.5 * regularizedBeta(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1.0 - tail : tail;
}

std::vector<double> logRoundMedians(const ClusteredSamples& s, std::vector<int>* labels) {
  std::map<int, std::vector<double>> groups;
  for (std::size_t i = 0; i < s.values.size(); ++i) groups[i < s.rounds.size() ? s.rounds[i] : 0].push_back(s.values[i]);
  std::vector<double> out;
  for (auto& [round, values] : groups) {
    out.push_back(std::log(median(values)));
    if (labels) labels->push_back(round);
  }
  return out;
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

double variance(const std::vector<double>& v) {
  const double m = mean(v);
  double sum = 0;
  for (double x : v) sum += (x - m) * (x - m);
  return sum / static_cast<double>(v.size() - 1);
}

}  // namespace

double studentTQuantile(double p, double df) {
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  double lo = -1e4, hi = 1e4;  // bisection: the CDF is monotonic
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (studentTCdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

int roundCount(const ClusteredSamples& s) {
  if (s.values.empty()) return 0;
  if (s.rounds.empty()) return 1;
  return static_cast<int>(std::set<int>(s.rounds.begin(), s.rounds.end()).size());
}

Interval roundRatioInterval(const ClusteredSamples& a, const ClusteredSamples& b, double confidence) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<int> labels_a, labels_b;
  const std::vector<double> la = logRoundMedians(a, &labels_a), lb = logRoundMedians(b, &labels_b);
  if (la.size() < 2 || lb.size() < 2) return {nan, nan, nan};
  const double alpha = 1.0 - confidence;
  double center, se, df;
  if (labels_a == labels_b) {
    // The same rounds on both sides: each round's ratio is one paired observation.
    std::vector<double> diffs;
    for (std::size_t i = 0; i < la.size(); ++i) diffs.push_back(la[i] - lb[i]);
    center = mean(diffs);
    se = std::sqrt(variance(diffs) / static_cast<double>(diffs.size()));
    df = static_cast<double>(diffs.size() - 1);
  } else {
    const double va = variance(la) / static_cast<double>(la.size());
    const double vb = variance(lb) / static_cast<double>(lb.size());
    center = mean(la) - mean(lb);
    se = std::sqrt(va + vb);
    const double denom = va * va / static_cast<double>(la.size() - 1) + vb * vb / static_cast<double>(lb.size() - 1);
    df = denom > 0 ? (va + vb) * (va + vb) / denom : static_cast<double>(la.size() + lb.size() - 2);
  }
  const double t = studentTQuantile(1.0 - alpha / 2, df);
  return {std::exp(center), std::exp(center - t * se), std::exp(center + t * se)};
}

Interval locationInterval(const ClusteredSamples& s, double confidence, int resamples, std::uint64_t seed) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (s.values.empty()) return {nan, nan, nan};
  const double alpha = 1.0 - confidence;
  const std::vector<double> logs = logRoundMedians(s, nullptr);
  if (logs.size() >= 2) {
    const double m = mean(logs);
    const double se = std::sqrt(variance(logs) / static_cast<double>(logs.size()));
    const double t = studentTQuantile(1.0 - alpha / 2, static_cast<double>(logs.size() - 1));
    return {std::exp(m), std::exp(m - t * se), std::exp(m + t * se)};
  }
  const auto rounds = byRound(s);
  Rng rng(seed);
  std::vector<double> medians, scratch;
  medians.reserve(static_cast<std::size_t>(resamples));
  for (int i = 0; i < resamples; ++i) medians.push_back(resampledMedian(rounds, rng, scratch));
  return {median(s.values), quantile(medians, alpha / 2), quantile(medians, 1.0 - alpha / 2)};
}

Interval ratioInterval(const ClusteredSamples& a, const ClusteredSamples& b, double confidence, int resamples) {
  if (roundCount(a) >= 2 && roundCount(b) >= 2) return roundRatioInterval(a, b, confidence);
  return bootstrapRatioOfMedians(a, b, confidence, resamples);
}

MannWhitney mannWhitneyU(const std::vector<double>& a, const std::vector<double>& b) {
  MannWhitney out;
  const double n1 = static_cast<double>(a.size());
  const double n2 = static_cast<double>(b.size());
  if (a.empty() || b.empty()) return out;
  std::vector<std::pair<double, int>> all;  // value, 0 for a / 1 for b
  for (double v : a) all.push_back({v, 0});
  for (double v : b) all.push_back({v, 1});
  std::sort(all.begin(), all.end());
  double rank_sum_a = 0;
  double tie_term = 0;  // sum of t^3 - t over tie groups
  for (std::size_t i = 0; i < all.size();) {
    std::size_t j = i;
    while (j < all.size() && all[j].first == all[i].first) ++j;
    const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    const double t = static_cast<double>(j - i);
    tie_term += t * t * t - t;
    for (std::size_t k = i; k < j; ++k) {
      if (all[k].second == 0) rank_sum_a += average_rank;
    }
    i = j;
  }
  out.u = rank_sum_a - n1 * (n1 + 1) / 2.0;
  out.cliffs_delta = 2.0 * out.u / (n1 * n2) - 1.0;
  const double n = n1 + n2;
  const double variance = n1 * n2 / 12.0 * ((n + 1) - tie_term / (n * (n - 1)));
  if (variance <= 0) return out;  // every value tied: no evidence either way
  const double z = (out.u - n1 * n2 / 2.0) / std::sqrt(variance);
  out.p_two_sided = std::min(1.0, 2.0 * (1.0 - normalCdf(std::fabs(z))));
  return out;
}

}  // namespace tollgate
