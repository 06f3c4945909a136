#include <chrono>

#include "tollgate/clock.h"

namespace tollgate {
namespace {
ClockSource g_source = nullptr;
}  // namespace

double nowNs() {
  if (g_source != nullptr) return g_source();
  using namespace std::chrono;
  return static_cast<double>(
      duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count());
}

void setClockSource(ClockSource source) { g_source = source; }

}  // namespace tollgate
