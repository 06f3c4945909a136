#pragma once
// Writing a fuzz target (see harness/fuzz/README.md):
//
//   #include "tollgate/fuzz.h"
//   TOLLGATE_FUZZ_TARGET(data, size) {
//     tollgate::fuzz::Input in(data, size);
//     ...feed the code under test; a refusal (InputError) is a fine outcome...
//   }
//
// The macro defines libFuzzer's entry point. In the `fuzz` preset (clang,
// -fsanitize=fuzzer,address,undefined) libFuzzer drives it; in every other native
// build the same target links a small main that replays files (harness/fuzz/
// replay_main.cc), so ctest replays each target's corpus, crashes found included.
// Each call is timed, so a replay can name the corpus's slowest input.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace tollgate::fuzz {

using Body = void (*)(const std::uint8_t* data, std::size_t size);

// Runs `body` on one input; with TOLLGATE_FUZZ_SLOWEST=PATH set, keeps the
// slowest input seen by this process at PATH and its time in PATH.txt.
void timed(Body body, const std::uint8_t* data, std::size_t size);

// Takes typed values off the front of the input, and the rest as bytes: how a
// target turns one byte string into options plus a document. Never reads past the
// end (what is missing reads as zeros), so any input is a valid one.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  std::uint8_t byte() { return size_ == 0 ? 0 : (--size_, *data_++); }
  bool flag() { return (byte() & 1) != 0; }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | byte();
    return v;
  }
  // In [low, high], spread evenly enough for a fuzzer to reach both ends.
  std::uint32_t inRange(std::uint32_t low, std::uint32_t high) {
    const std::uint64_t span = std::uint64_t{high} - low + 1;
    return static_cast<std::uint32_t>(low + u32() % span);
  }
  template <typename T, std::size_t N>
  const T& pick(const T (&options)[N]) {
    return options[byte() % N];
  }
  std::size_t remaining() const { return size_; }
  // Up to `n` bytes, as a view into the input.
  std::string_view bytes(std::size_t n) {
    n = n < size_ ? n : size_;
    std::string_view out(reinterpret_cast<const char*>(data_), n);
    data_ += n;
    size_ -= n;
    return out;
  }
  std::string_view rest() { return bytes(size_); }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
};

}  // namespace tollgate::fuzz

#define TOLLGATE_FUZZ_TARGET(data, size)                                                                 \
  static void tollgateFuzzBody(const std::uint8_t* data, std::size_t size);                             \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* fuzz_data, std::size_t fuzz_size) {          \
    ::tollgate::fuzz::timed(tollgateFuzzBody, fuzz_data, fuzz_size);                                     \
    return 0;                                                                                            \
  }                                                                                                      \
  static void tollgateFuzzBody(const std::uint8_t* data, std::size_t size)
