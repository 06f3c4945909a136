// The harness's half of the JS boundary: the driver reads probe and allocation
// totals through one snapshot buffer instead of one call per figure.

#include <emscripten/emscripten.h>

#include <array>

#include "tollgate/alloc_hook.h"
#include "tollgate/build_info.h"
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

EMSCRIPTEN_KEEPALIVE double tollgate_probe_overhead_ns(int iterations) {
  return tollgate::measureProbeOverheadNs(iterations);
}

EMSCRIPTEN_KEEPALIVE const char* tollgate_build_info() {
  return "{\"compiler\":\"" TOLLGATE_COMPILER "\",\"compiler_flags\":\"" TOLLGATE_COMPILER_FLAGS
         "\",\"build_type\":\"" TOLLGATE_BUILD_TYPE "\",\"tollgate_version\":\"" TOLLGATE_VERSION
         "\"}";
}

}  // extern "C"
