#include "tollgate/probe.h"

namespace tollgate {

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
