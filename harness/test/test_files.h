#pragma once
// Locating test inputs in the source tree. The path is compiled in (see
// tollgate_add_test): the wasm build reads real files through NODERAWFS but
// cannot see the process environment.
#include <string>

namespace tollgate::test {

inline std::string sourcePath(const std::string& relative) {
  return std::string(TOLLGATE_SOURCE_DIR) + "/" + relative;
}

}  // namespace tollgate::test
