#include "kernel.h"

#include "tollgate/probe.h"
#include "tollgate/splitmix64.h"

namespace example {

std::uint32_t hashValue(std::uint32_t value, std::uint32_t rounds) {
  std::uint32_t x = value ^ 0x9e3779b9u;
  for (std::uint32_t i = 0; i < rounds; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
  }
  return x;
}

void hashAll(const std::uint32_t* in, std::uint32_t* out, std::size_t count, std::uint32_t rounds) {
  // A probe marks the kernel's own time, so the phase pass can tell it from the
  // boundary around it. It costs nothing unless the phase pass turns probes on.
  TOLLGATE_PHASE(compute);
  for (std::size_t i = 0; i < count; ++i) out[i] = hashValue(in[i], rounds);
}

std::vector<std::uint32_t> makeValues(std::size_t count, std::uint64_t seed) {
  std::vector<std::uint32_t> values(count);
  std::uint64_t state = seed;
  for (std::uint32_t& v : values) v = static_cast<std::uint32_t>(tollgate::splitmix64(state) >> 32);
  return values;
}

}  // namespace example
