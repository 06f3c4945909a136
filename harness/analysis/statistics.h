#pragma once
// Pure statistics over raw samples. Nothing here prints or reads files.

#include <vector>

namespace tollgate {

// Linear interpolation between order statistics (Hyndman-Fan type 7, as numpy and R
// default). q in [0, 1]. Empty input gives NaN.
double quantile(std::vector<double> values, double q);
double median(const std::vector<double>& values);
// Median absolute deviation from the median (unscaled).
double medianAbsoluteDeviation(const std::vector<double>& values);

}  // namespace tollgate
