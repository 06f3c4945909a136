// The known program, bound for JS (test target for the profiling tests).
#include <emscripten/bind.h>

#include <string>

#include "../known_program.h"

namespace {

class Handle {
 public:
  // The 64-bit result as text: a digest every runtime must agree on.
  std::string run(unsigned iterations) { return std::to_string(program_.run(iterations)); }

 private:
  tollgate::profile_target::KnownProgram program_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(tollgate_profile_target) {
  emscripten::class_<Handle>("KnownProgram").constructor<>().function("run", &Handle::run);
}
