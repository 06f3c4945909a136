#pragma once
// Numbers as the campaign tables print them.
#include <cstdio>
#include <string>

namespace tollgate::fuzz {

inline std::string fixed(double value, int decimals) {
  char out[64];
  std::snprintf(out, sizeof out, "%.*f", decimals, value);
  return out;
}

// 1234567 -> "1,234,567": executions are read at a glance.
inline std::string grouped(unsigned long long value) {
  std::string digits = std::to_string(value), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// 3725 s -> "1 h 02 min"; 75 s -> "75 s": CPU time at the scale it is read.
inline std::string duration(double seconds) {
  if (seconds < 600) return fixed(seconds, 0) + " s";
  const long long minutes = static_cast<long long>(seconds / 60);
  if (minutes < 60) return std::to_string(minutes) + " min";
  const long long m = minutes % 60;
  return std::to_string(minutes / 60) + " h " + (m < 10 ? "0" : "") + std::to_string(m) + " min";
}

}  // namespace tollgate::fuzz
