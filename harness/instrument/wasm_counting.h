#pragma once
// The counting build of a wasm module: the same code, byte for byte, with an
// executed-instruction counter added. Every basic block starts by adding its
// instruction count to one mutable i64 global, exported as
// kCounterExport; the driver reads it before and after an operation. Counts are
// exact and deterministic: the same module gives the same count in any engine
// (Node and Chromium alike), on any machine.
//
// What counts: every instruction executed, once, except the structure markers
// (block, loop, else, end, try, catch, catch_all, delegate), which execute
// nothing. A basic block ends after any branch, return, throw and call (an
// exception may leave through a call), so that a count read during a call out
// to JS includes exactly the instructions executed so far.
//
// The pass works on the final .wasm (after Emscripten's link and wasm-opt)
// rather than through Binaryen's IR, so that the code counted is the very code
// the timing pass runs: a read/write round trip through an IR may re-encode it.

#include <cstdint>
#include <string>

#include "instrument/wasm_binary.h"

namespace tollgate::wasm {

inline constexpr const char* kCounterExport = "tollgate_instructions";
// A custom section saying what the counts mean (JSON), read by the driver.
inline constexpr const char* kCountingSection = "tollgate.counting";
// Bumped whenever what a count means changes: counts of different versions are
// not comparable, so baselines are keyed by it.
inline constexpr int kCountingVersion = 1;

struct CountingStats {
  std::uint32_t functions = 0;
  std::uint64_t basic_blocks = 0;     // counter updates added
  std::uint64_t instructions = 0;     // counted instructions in the code (static)
  std::size_t bytes_added = 0;
  std::vector<std::string> dropped_sections;  // custom sections holding code offsets
};

// The counting build of `module`. Throws WasmError naming the byte offset on a
// malformed module, an unsupported instruction, or a module already counted.
// `counter_export`: the counter's export name; only ci/counting-cost.sh names it
// otherwise, to time the counting build's code in a timing pass (which refuses a
// module exporting kCounterExport) and so measure what counting costs.
Bytes instrumentForCounting(const Bytes& module, CountingStats* stats = nullptr,
                            const std::string& counter_export = kCounterExport);

// Whether `module` exports the counter (is a counting build).
bool hasCounter(const Bytes& module);

// The JSON text of the kCountingSection the pass adds.
std::string countingDescription();

}  // namespace tollgate::wasm
