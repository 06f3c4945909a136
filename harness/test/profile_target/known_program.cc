#include "known_program.h"

#include "tollgate/probe.h"

namespace tollgate::profile_target {
namespace {

// Every result is published: a function without side effects may be moved across
// the probe's clock reads (clang did, in wasm), and then its phase would read zero.
volatile std::uint64_t g_published;

// A dependent chain the compiler cannot shorten or vectorize.
__attribute__((noinline)) std::uint64_t chain(std::uint64_t x, std::uint32_t rounds) {
  for (std::uint32_t i = 0; i < rounds; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  return x;
}

}  // namespace

__attribute__((noinline)) std::uint64_t knownHotFunction(std::uint32_t iterations) {
  std::uint64_t x = 0x9e3779b97f4a7c15ull;
  for (std::uint32_t i = 0; i < iterations; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  g_published = x;
  return x;
}

__attribute__((noinline)) std::uint64_t knownColdFunction(std::uint32_t iterations) {
  const std::uint64_t x = chain(0x2545f4914f6cdd1dull, iterations / 10);
  g_published = x;
  return x;
}

__attribute__((noinline)) std::unique_ptr<char[]> knownAllocationSite() {
  std::unique_ptr<char[]> block(new char[kKnownAllocationBytes]);
  block[0] = 1;  // touched, so the allocation cannot be elided
  return block;
}

// Called through pointers no optimizer can see through: binaryen's inliner ignores
// clang's noinline, and an inlined function has no frame of its own to find.
std::uint64_t (*volatile g_hot)(std::uint32_t) = knownHotFunction;
std::uint64_t (*volatile g_cold)(std::uint32_t) = knownColdFunction;
std::unique_ptr<char[]> (*volatile g_allocate)() = knownAllocationSite;

std::uint64_t KnownProgram::run(std::uint32_t iterations) {
  std::uint64_t result;
  {
    TOLLGATE_PHASE(compute);
    result = g_hot(iterations) ^ g_cold(iterations);
  }
  TOLLGATE_PHASE(serialize);
  held_ = g_allocate();
  return result;
}

}  // namespace tollgate::profile_target
