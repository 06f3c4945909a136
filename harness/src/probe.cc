#include "tollgate/probe.h"

#include <vector>

namespace tollgate {
namespace {

std::vector<TraceEvent> g_events;
std::size_t g_event_count = 0;
std::size_t g_dropped = 0;

}  // namespace

namespace detail {

void recordTrace(int phase, double start_ns, double end_ns) {
  if (g_event_count == g_events.size()) {
    ++g_dropped;
    return;
  }
  g_events[g_event_count++] = {start_ns, end_ns - start_ns, phase};
}

}  // namespace detail

void startTrace(std::size_t capacity) {
  g_events.assign(capacity, TraceEvent{});
  g_event_count = 0;
  g_dropped = 0;
  detail::g_tracing = true;
}

void stopTrace() { detail::g_tracing = false; }
const TraceEvent* traceEvents() { return g_events.data(); }
std::size_t traceEventCount() { return g_event_count; }
std::size_t traceEventsDropped() { return g_dropped; }

double measureProbeOverheadNs(int iterations) {
  if (iterations <= 0) return 0.0;
  const Ledger saved = ledger();
  setProbesEnabled(true);
  const double start = nowNs();
  for (int i = 0; i < iterations; ++i) {
    TOLLGATE_PHASE(compute);
  }
  const double elapsed = nowNs() - start;
  detail::g_ledger = saved;
  return elapsed / iterations;
}

}  // namespace tollgate
