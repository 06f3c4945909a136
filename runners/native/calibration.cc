#include "calibration.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "tollgate/clock.h"

namespace tollgate::native {
namespace {

// Integer and float work in one dependency chain, about 5 ms: neither memory nor
// the compiler's cleverness can shorten it.
double chain(std::uint64_t seed) {
  std::uint64_t x = seed;
  double acc = 1.0;
  for (int i = 0; i < 4'000'000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    acc = acc * 0.999999 + static_cast<double>(x & 0xff) * 1e-9;
  }
  return acc + static_cast<double>(x & 1);
}

volatile double g_sink;

}  // namespace

double calibrationNs() {
  std::vector<double> times;
  for (int i = 0; i < 7; ++i) {
    const double start = nowNs();
    g_sink = chain(0x9e3779b97f4a7c15ull + i);
    times.push_back(nowNs() - start);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace tollgate::native
