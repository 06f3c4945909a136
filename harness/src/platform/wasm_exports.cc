// The harness's half of the JS boundary: the driver reads probe and allocation
// totals through one snapshot buffer instead of one call per figure.

#include <emscripten/emscripten.h>

#include <array>
#include <vector>

#include "tollgate/alloc_hook.h"
#include "tollgate/build_info.h"
#include "tollgate/inject.h"
#include "tollgate/probe.h"

namespace {

// Order of the snapshot fields; the driver reads this string once, so the layout
// is defined here only.
constexpr const char* kSnapshotLayout =
    "copy_in,call,compute,serialize,copy_out,probes,bytes_in,bytes_out,"
    "allocations,bytes_allocated,frees,live_bytes,peak_live_bytes";
std::array<double, 13> g_snapshot{};

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* tollgate_snapshot_layout() { return kSnapshotLayout; }

EMSCRIPTEN_KEEPALIVE const double* tollgate_snapshot() {
  const tollgate::Ledger& l = tollgate::ledger();
  const tollgate::AllocStats& a = tollgate::allocStats();
  for (int i = 0; i < tollgate::kPhaseCount; ++i) g_snapshot[i] = l.phase_ns[i];
  g_snapshot[5] = static_cast<double>(l.probes);
  g_snapshot[6] = static_cast<double>(l.bytes_in);
  g_snapshot[7] = static_cast<double>(l.bytes_out);
  g_snapshot[8] = static_cast<double>(a.allocations);
  g_snapshot[9] = static_cast<double>(a.bytes_allocated);
  g_snapshot[10] = static_cast<double>(a.frees);
  g_snapshot[11] = static_cast<double>(a.live_bytes);
  g_snapshot[12] = static_cast<double>(a.peak_live_bytes);
  return g_snapshot.data();
}

EMSCRIPTEN_KEEPALIVE void tollgate_reset() {
  tollgate::resetLedger();
  tollgate::resetAllocCounters();
}

EMSCRIPTEN_KEEPALIVE void tollgate_set_probes(int enabled) {
  tollgate::setProbesEnabled(enabled != 0);
}

// Deliberate extra work in the kernels (tollgate/inject.h), for the gate proofs.
EMSCRIPTEN_KEEPALIVE void tollgate_set_injected_work(int percent) {
  tollgate::setInjectedWorkPercent(percent > 0 ? static_cast<std::uint32_t>(percent) : 0);
}

EMSCRIPTEN_KEEPALIVE double tollgate_probe_overhead_ns(int iterations) {
  return tollgate::measureProbeOverheadNs(iterations);
}

EMSCRIPTEN_KEEPALIVE double tollgate_alloc_hook_overhead_ns(int pairs, int profiling) {
  return tollgate::measureAllocHookOverheadNs(pairs, profiling != 0);
}

// Profiling pass: allocation sites (by phase: wasm has no stack walk here) and probe
// traces. Results are read through one flat array each.
EMSCRIPTEN_KEEPALIVE void tollgate_alloc_profile_start() { tollgate::startAllocProfile(); }
EMSCRIPTEN_KEEPALIVE void tollgate_alloc_profile_stop() { tollgate::stopAllocProfile(); }

// [peak_bytes, untracked, sites, heap_peak_bytes, then per site: phase, allocations,
//  bytes, peak_live_bytes, live_bytes, live_at_heap_peak]
EMSCRIPTEN_KEEPALIVE const double* tollgate_alloc_profile() {
  static std::vector<double> flat;
  const tollgate::AllocProfile p = tollgate::allocProfile();
  flat.assign({static_cast<double>(p.peak_bytes), static_cast<double>(p.untracked_allocations),
               static_cast<double>(p.sites.size()), static_cast<double>(p.heap_peak_bytes)});
  for (const tollgate::AllocSite& s : p.sites) {
    flat.insert(flat.end(), {static_cast<double>(s.phase), static_cast<double>(s.allocations),
                             static_cast<double>(s.bytes), static_cast<double>(s.peak_live_bytes),
                             static_cast<double>(s.live_bytes), static_cast<double>(s.live_at_heap_peak)});
  }
  return flat.data();
}

EMSCRIPTEN_KEEPALIVE void tollgate_trace_start(int capacity) { tollgate::startTrace(static_cast<std::size_t>(capacity)); }
EMSCRIPTEN_KEEPALIVE void tollgate_trace_stop() { tollgate::stopTrace(); }

// [count, dropped, then per event: start_ns, duration_ns, phase]
EMSCRIPTEN_KEEPALIVE const double* tollgate_trace() {
  static std::vector<double> flat;
  flat.assign({static_cast<double>(tollgate::traceEventCount()), static_cast<double>(tollgate::traceEventsDropped())});
  const tollgate::TraceEvent* events = tollgate::traceEvents();
  for (std::size_t i = 0; i < tollgate::traceEventCount(); ++i) {
    flat.insert(flat.end(), {events[i].start_ns, events[i].duration_ns, static_cast<double>(events[i].phase)});
  }
  return flat.data();
}

EMSCRIPTEN_KEEPALIVE const char* tollgate_build_info() {
  return "{\"compiler\":\"" TOLLGATE_COMPILER "\",\"compiler_flags\":\"" TOLLGATE_COMPILER_FLAGS
         "\",\"build_type\":\"" TOLLGATE_BUILD_TYPE "\",\"tollgate_version\":\"" TOLLGATE_VERSION
         "\",\"wasm_opt\":\"" TOLLGATE_WASM_OPT "\"}";
}

}  // extern "C"
