#pragma once

namespace tollgate {

// Monotonic time in nanoseconds, as a double because the wasm clock is
// performance.now() in fractional milliseconds. Inside wasm this is the same clock
// the JS driver reads, so phases timed on both sides of the boundary add up.
double nowNs();

}  // namespace tollgate
