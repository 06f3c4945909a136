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
// The innermost enabled probe scope (a Phase), or -1: allocations are attributed to it.
inline int g_active_phase = -1;
inline bool g_tracing = false;
void recordTrace(int phase, double start_ns, double end_ns);
}  // namespace detail

// The phase allocations are attributed to now (-1 outside every enabled scope).
inline int activePhase() { return detail::g_active_phase; }

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

// Adds the time of its scope to one phase, when probes are enabled. It times what
// runs between its two clock reads: work without side effects (a pure function whose
// result is used later) may be moved across them by the optimizer.
class PhaseScope {
 public:
  explicit PhaseScope(Phase phase)
      : phase_(phase), start_ns_(detail::g_ledger.enabled ? nowNs() : -1.0), outer_(detail::g_active_phase) {
    if (start_ns_ >= 0) detail::g_active_phase = static_cast<int>(phase);
  }
  ~PhaseScope() {
    if (start_ns_ < 0) return;
    const double end_ns = nowNs();
    Ledger& l = detail::g_ledger;
    l.phase_ns[static_cast<int>(phase_)] += end_ns - start_ns_;
    ++l.probes;
    detail::g_active_phase = outer_;
    if (detail::g_tracing) detail::recordTrace(static_cast<int>(phase_), start_ns_, end_ns);
  }
  PhaseScope(const PhaseScope&) = delete;
  PhaseScope& operator=(const PhaseScope&) = delete;

 private:
  Phase phase_;
  double start_ns_;
  int outer_;
};

// Probe scopes as trace events (Chrome's trace-event format, read by Perfetto):
// recorded only between startTrace and stopTrace, in a buffer sized up front so the
// recording allocates nothing while it runs.
struct TraceEvent {
  double start_ns;
  double duration_ns;
  int phase;
};
void startTrace(std::size_t capacity);
void stopTrace();
const TraceEvent* traceEvents();
std::size_t traceEventCount();
std::size_t traceEventsDropped();

// Measured cost of one probe scope (two clock reads and the bookkeeping), in ns.
// Runs `iterations` empty scopes with probes enabled; restores the ledger after.
double measureProbeOverheadNs(int iterations);

}  // namespace tollgate

#define TOLLGATE_CONCAT_INNER(a, b) a##b
#define TOLLGATE_CONCAT(a, b) TOLLGATE_CONCAT_INNER(a, b)
// TOLLGATE_PHASE(compute) { ... } times the rest of the enclosing scope.
#define TOLLGATE_PHASE(phase) \
  ::tollgate::PhaseScope TOLLGATE_CONCAT(tollgate_phase_, __LINE__)(::tollgate::Phase::phase)
