#pragma once

namespace tollgate {

// Monotonic time in nanoseconds, as a double because the wasm clock is
// performance.now() in fractional milliseconds. Inside wasm this is the same clock
// the JS driver reads, so phases timed on both sides of the boundary add up.
double nowNs();

// What nowNs reads instead of the clock, or nullptr for the clock. The counting
// pass makes the probes read an executed-instruction count through it, so that
// the phase ledger sums instructions instead of nanoseconds (natively
// runners/native/instruction_count.cc; in wasm the driver does the same through
// the JS clock, Module.tollgateClockNs).
using ClockSource = double (*)();
void setClockSource(ClockSource source);

}  // namespace tollgate
