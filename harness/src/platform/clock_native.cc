#include <chrono>

#include "tollgate/clock.h"

namespace tollgate {

double nowNs() {
  using namespace std::chrono;
  return static_cast<double>(
      duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count());
}

}  // namespace tollgate
