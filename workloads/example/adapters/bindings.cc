// The example workload's boundary, as JS sees it (embind). The only file of the
// workload that includes Emscripten. Two styles over the same kernel:
//   hashValue(value, rounds)     one call per item: the naive binding
//   Hasher: staging(count) / hashStaged(rounds) / results()
//                                JS writes the items into memory the module owns,
//                                one call hashes them all, JS reads the hashes in place

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <vector>

#include "../kernel.h"
#include "tollgate/js_errors.h"
#include "tollgate/probe.h"

namespace {

using emscripten::val;

class Hasher {
 public:
  // Where JS writes `count` values; valid until the next call that allocates.
  std::uintptr_t staging(std::size_t count) {
    return tollgate::jsErrors([&] {
      input_.resize(count);
      output_.resize(count);
      return reinterpret_cast<std::uintptr_t>(input_.data());
    });
  }
  void hashStaged(std::uint32_t rounds) { example::hashAll(input_.data(), output_.data(), input_.size(), rounds); }
  // Where the hashes are: read through a view of linear memory, not copied.
  std::uintptr_t results() const { return reinterpret_cast<std::uintptr_t>(output_.data()); }

 private:
  std::vector<std::uint32_t> input_, output_;
};

// The input as a JS array (a copy: prepared once, untimed).
val makeValues(std::size_t count, double seed) {
  const std::vector<std::uint32_t> values = example::makeValues(count, static_cast<std::uint64_t>(seed));
  return val::global("Uint32Array").new_(emscripten::typed_memory_view(values.size(), values.data()));
}

}  // namespace

EMSCRIPTEN_BINDINGS(example) {
  emscripten::function("hashValue", &example::hashValue);
  emscripten::function("makeValues", &makeValues);
  emscripten::class_<Hasher>("Hasher")
      .constructor<>()
      .function("staging", &Hasher::staging)
      .function("hashStaged", &Hasher::hashStaged)
      .function("results", &Hasher::results);
}
