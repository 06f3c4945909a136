#include "analysis/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tollgate {

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

}  // namespace tollgate
