#pragma once
// For the embind binding files (workloads/*/adapters/*_bindings.cc) only: it is
// Emscripten's API, and workload kernels never include it.

#include <emscripten/val.h>

#include <exception>
#include <string>

namespace tollgate {

// Runs `body`; a C++ exception becomes a JS Error carrying its message. The message
// is copied out of the catch block first: throwing a JS exception from inside a C++
// handler would leave that exception unreleased.
template <typename Body>
auto jsErrors(Body&& body) -> decltype(body()) {
  std::string message;
  try {
    return body();
  } catch (const std::exception& e) {
    message = e.what();
  }
  emscripten::val::global("Error").new_(message).throw_();
}

}  // namespace tollgate
