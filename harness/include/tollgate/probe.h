#pragma once
// Boundary-phase probes and exact byte counters.
//
// Every call across the boundary is split into five phases. Probes inside the
// module add to a process-wide ledger; the JS driver keeps its own for the phases
// it owns and derives `call` (the crossing itself) as the time it saw around a call
// minus what the probes inside accounted for.
//
// Probes are off unless a phase pass turns them on: the timing pass never pays for
// them (each probe reads the clock twice, which in wasm is a call out to JS).

#include <array>
#include <cstddef>
#include <cstdint>

#include "tollgate/clock.h"

namespace tollgate {

enum class Phase : int { copy_in = 0, call, compute, serialize, copy_out };
inline constexpr int kPhaseCount = 5;
inline constexpr std::array<const char*, kPhaseCount> kPhaseNames = {
    "copy_in", "call", "compute", "serialize", "copy_out"};

inline const char* phaseName(Phase phase) { return kPhaseNames[static_cast<int>(phase)]; }

struct Ledger {
  std::array<double, kPhaseCount> phase_ns{};  // accumulated while probes are enabled
  std::uint64_t probes = 0;                    // completed probe scopes
  std::uint64_t bytes_in = 0;                  // bytes moved into the module's memory
  std::uint64_t bytes_out = 0;                 // bytes handed back to the caller
  bool enabled = false;
};

namespace detail {
inline Ledger g_ledger;
}

inline Ledger& ledger() { return detail::g_ledger; }

// Clears times and counts; keeps the enabled flag.
inline void resetLedger() {
  const bool enabled = detail::g_ledger.enabled;
  detail::g_ledger = Ledger{};
  detail::g_ledger.enabled = enabled;
}

inline void setProbesEnabled(bool enabled) { detail::g_ledger.enabled = enabled; }

inline void countBytesIn(std::size_t bytes) { detail::g_ledger.bytes_in += bytes; }
inline void countBytesOut(std::size_t bytes) { detail::g_ledger.bytes_out += bytes; }

// Adds the time of its scope to one phase, when probes are enabled.
class PhaseScope {
 public:
  explicit PhaseScope(Phase phase)
      : phase_(phase), start_ns_(detail::g_ledger.enabled ? nowNs() : -1.0) {}
  ~PhaseScope() {
    if (start_ns_ < 0) return;
    Ledger& l = detail::g_ledger;
    l.phase_ns[static_cast<int>(phase_)] += nowNs() - start_ns_;
    ++l.probes;
  }
  PhaseScope(const PhaseScope&) = delete;
  PhaseScope& operator=(const PhaseScope&) = delete;

 private:
  Phase phase_;
  double start_ns_;
};

// Measured cost of one probe scope (two clock reads and the bookkeeping), in ns.
// Runs `iterations` empty scopes with probes enabled; restores the ledger after.
double measureProbeOverheadNs(int iterations);

}  // namespace tollgate

#define TOLLGATE_CONCAT_INNER(a, b) a##b
#define TOLLGATE_CONCAT(a, b) TOLLGATE_CONCAT_INNER(a, b)
// TOLLGATE_PHASE(compute) { ... } times the rest of the enclosing scope.
#define TOLLGATE_PHASE(phase) \
  ::tollgate::PhaseScope TOLLGATE_CONCAT(tollgate_phase_, __LINE__)(::tollgate::Phase::phase)
