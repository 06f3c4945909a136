#pragma once
// Deliberate extra work inside a kernel's compute, to prove that the count gates
// catch a small slowdown of the shared C++ (ci/README.md, "What the count gates
// catch"): a slowdown that moves native and wasm alike, which the in-run relative
// gates cannot see. Off unless a run asks for it (tollgate_native
// --inject=kernel_work_5, run-node/run-browser --inject kernel_work_5); then each
// injectedWork(cost) call adds rounds of a fixed arithmetic chain in proportion
// to `cost` and the percentage. A kernel calls it once per unit of its own work
// (a distance, a page of values, a piece of a document) with `cost` what that
// unit is worth, in hundredths of a round of native code, so that the extra work
// follows the kernel's own: about `percent` more instructions in its compute.
// The chain costs fewer instructions per round in wasm than natively, relative
// to a kernel's code; the platform layer scales the rounds per runtime
// (injectScalePercent). What each row actually gains is measured, not assumed
// (ci/README.md's table).
//
// Plain C++: kernels include it like probe.h. Off, it costs one load and a branch.

#include <cstdint>

namespace tollgate {

namespace detail {
inline std::uint32_t g_injected_percent = 0;
void injectRounds(std::uint64_t cost);
// Rounds per native round, in percent (platform layer: 100 natively).
std::uint32_t injectScalePercent();
}  // namespace detail

// 0 turns the injection off.
void setInjectedWorkPercent(std::uint32_t percent);
inline std::uint32_t injectedWorkPercent() { return detail::g_injected_percent; }

inline void injectedWork(std::uint64_t cost) {
  if (detail::g_injected_percent != 0) detail::injectRounds(cost);
}

}  // namespace tollgate
