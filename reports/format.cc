#include "format.h"

#include <cstdio>

namespace tollgate {

std::string formatFixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string formatDuration(double ns, const char* micro) {
  if (ns < 1e3) return formatFixed(ns, ns < 10 ? 2 : 1) + " ns";
  if (ns < 1e6) return formatFixed(ns / 1e3, ns < 1e4 ? 2 : 1) + " " + micro;
  if (ns < 1e9) return formatFixed(ns / 1e6, ns < 1e7 ? 2 : 1) + " ms";
  return formatFixed(ns / 1e9, 2) + " s";
}

std::string formatCount(double value) {
  if (value == 0 || value >= 100) return formatFixed(value, 0);
  return formatFixed(value, value >= 1 ? 1 : 2);
}

std::string formatBytes(double bytes) {
  if (bytes < 1024) return formatFixed(bytes, 0) + " B";
  if (bytes < 1024 * 1024) return formatFixed(bytes / 1024, 1) + " KiB";
  return formatFixed(bytes / (1024 * 1024), 1) + " MiB";
}

std::string formatMagnitude(double value) {
  if (value < 1e3) return formatCount(value);
  const char* suffix = "k";
  double scaled = value / 1e3;
  if (value >= 1e9) {
    suffix = "G";
    scaled = value / 1e9;
  } else if (value >= 1e6) {
    suffix = "M";
    scaled = value / 1e6;
  }
  return formatFixed(scaled, scaled < 10 ? 2 : scaled < 100 ? 1 : 0) + suffix;
}

}  // namespace tollgate
