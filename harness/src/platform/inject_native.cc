#include "tollgate/inject.h"

namespace tollgate::detail {

// The kernels' injection costs are calibrated on native code (tollgate/inject.h).
std::uint32_t injectScalePercent() { return 100; }

}  // namespace tollgate::detail
