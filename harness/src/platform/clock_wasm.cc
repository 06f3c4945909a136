#include <emscripten/emscripten.h>

#include "tollgate/clock.h"

// performance.now(), the clock the JS driver uses too (~0.05 us in Node, 5 us in
// a cross-origin-isolated Chromium page), unless the driver hands the module
// another through Module.tollgateClockNs: its counting pass gives the counting
// build's instruction counter, so the probes count instructions per phase.
EM_JS(double, tollgate_js_clock_ns, (), {
  return Module['tollgateClockNs'] ? Module['tollgateClockNs']() : performance.now() * 1e6;
});

namespace tollgate {
namespace {
ClockSource g_source = nullptr;
}  // namespace

double nowNs() { return g_source != nullptr ? g_source() : tollgate_js_clock_ns(); }

void setClockSource(ClockSource source) { g_source = source; }

}  // namespace tollgate
