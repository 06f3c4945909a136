#include "tollgate/inject.h"

namespace tollgate {
namespace {
std::uint64_t g_remainder = 0;  // cost * percent not yet worth a whole round
std::uint64_t g_state = 1;      // the chain's value, kept so it cannot be optimized away
}  // namespace

void setInjectedWorkPercent(std::uint32_t percent) {
  detail::g_injected_percent = percent;
  g_remainder = 0;
}

namespace detail {

void injectRounds(std::uint64_t cost) {
  // cost is in hundredths of a native round; percent and the scale in percent.
  constexpr std::uint64_t kOne = 100ull * 100 * 100;
  const std::uint64_t scaled = g_remainder + cost * g_injected_percent * injectScalePercent();
  std::uint64_t rounds = scaled / kOne;
  g_remainder = scaled % kOne;
  std::uint64_t x = g_state;
  // A multiplicative chain: no compiler folds it into a closed form.
  while (rounds-- > 0) x = x * 6364136223846793005ull + 1442695040888963407ull;
  g_state = x;
}

}  // namespace detail
}  // namespace tollgate
