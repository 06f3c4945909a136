#pragma once
// A fixed piece of work timed in every native round: a speed fingerprint of the
// machine (and of the mode its process landed in). Gates compare it with the
// baseline's, because the CPU model string alone ("Intel(R) Xeon(R) Processor" on
// this VM) cannot tell one host from another.

namespace tollgate::native {

// Median of several timings of the same dependent arithmetic chain, in ns.
double calibrationNs();

}  // namespace tollgate::native
