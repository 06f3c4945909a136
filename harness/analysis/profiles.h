#pragma once
// CPU profiles into folded stacks ("frame;frame;frame value" per line), the format
// flamegraph tools share. Every frame is tagged with the layer it belongs to, so the
// boundary shows in the flamegraph:
//   [wasm]      compiled C++ (names from the module's name section)
//   [boundary]  V8's js-to-wasm and wasm-to-js wrappers: the crossings themselves
//   [glue]      Emscripten's generated JS (the module's .mjs)
//   [binding]   embind's generated invokers and method callers (no script URL)
//   [js]        the driver and the adapters' JS
//   [runtime]   V8 itself: (garbage collector), (program), (idle)
//   [native]    a native process's own code (perf)

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tollgate {

std::string frameCategory(const std::string& function_name, const std::string& url);

// "std::__2::vector<int, std::__2::allocator<int> >::push_back(int const&)" ->
// "std::vector<…>::push_back(…)": template arguments and parameters elided.
std::string shortFrameName(const std::string& name);

// A V8 .cpuprofile (Node's inspector or Chromium's DevTools protocol), weighted by
// the time each sample stood for, in microseconds. Throws std::runtime_error naming
// `source` for a malformed profile.
std::string foldCpuProfile(const nlohmann::json& profile, const std::string& source);

// `perf script` output (perf record -g): one count per sample.
std::string foldPerfScript(const std::string& text);

// Probe scopes from a Chrome trace (the profiling pass's trace.json) as folded
// stacks: scopes nest by time (a JS `call` holds the module's `compute` inside it),
// each scope's own time in ns, frames tagged by where the probe ran.
std::string foldTrace(const nlohmann::json& trace, const std::string& source);

// Renames whole frames ("single [js]" -> "(variant) [js]" with {"single", "(variant)"}),
// so that two variants' profiles line up frame for frame in a differential view.
std::string aliasFrames(const std::string& folded, const std::map<std::string, std::string>& aliases);

// Where a case's profiles go inside a profile folder: the benchmark name without its
// variant, with anything but [A-Za-z0-9_.-] as '_' ("vector.insert_index_flat_n_1000"):
// one folder holds every runtime and variant of a case (<runtime>-<variant>/ inside).
// runners/node/profile-writer.mjs names them the same way.
std::string profileCaseFolder(const std::string& benchmark_name);

// Self time per frame (the leaf of each stack), most first.
std::vector<std::pair<std::string, double>> selfTimes(const std::string& folded);

}  // namespace tollgate
