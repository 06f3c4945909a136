#include <gtest/gtest.h>

#include "tollgate/clock.h"
#include "tollgate/probe.h"

namespace tollgate {
namespace {

void spinFor(double ns) {
  const double start = nowNs();
  while (nowNs() - start < ns) {
  }
}

TEST(Clock, IsMonotonic) {
  double last = nowNs();
  for (int i = 0; i < 10000; ++i) {
    const double now = nowNs();
    ASSERT_GE(now, last);
    last = now;
  }
}

TEST(Probe, AttributesTimeToTheRightPhase) {
  setProbesEnabled(true);
  resetLedger();
  {
    TOLLGATE_PHASE(copy_in);
    spinFor(200000);  // 0.2 ms
  }
  {
    TOLLGATE_PHASE(serialize);
    spinFor(100000);
  }
  setProbesEnabled(false);
  const Ledger& l = ledger();
  EXPECT_EQ(l.probes, 2u);
  EXPECT_GE(l.phase_ns[static_cast<int>(Phase::copy_in)], 200000.0);
  EXPECT_GE(l.phase_ns[static_cast<int>(Phase::serialize)], 100000.0);
  EXPECT_EQ(l.phase_ns[static_cast<int>(Phase::compute)], 0.0);
  EXPECT_EQ(l.phase_ns[static_cast<int>(Phase::call)], 0.0);
}

TEST(Probe, DisabledProbesRecordNothing) {
  setProbesEnabled(false);
  resetLedger();
  {
    TOLLGATE_PHASE(compute);
    spinFor(10000);
  }
  EXPECT_EQ(ledger().probes, 0u);
  EXPECT_EQ(ledger().phase_ns[static_cast<int>(Phase::compute)], 0.0);
}

TEST(Probe, ByteCountersAccumulateAndReset) {
  resetLedger();
  countBytesIn(512);
  countBytesIn(512);
  countBytesOut(80);
  EXPECT_EQ(ledger().bytes_in, 1024u);
  EXPECT_EQ(ledger().bytes_out, 80u);
  resetLedger();
  EXPECT_EQ(ledger().bytes_in, 0u);
}

TEST(Probe, OverheadIsMeasuredAndLeavesTheLedgerAlone) {
  resetLedger();
  countBytesIn(7);
  const double overhead = measureProbeOverheadNs(10000);
  EXPECT_GT(overhead, 0.0);
  EXPECT_LT(overhead, 100000.0);  // sanity only: a probe costs nanoseconds, not 0.1 ms
  EXPECT_EQ(ledger().bytes_in, 7u);
  EXPECT_EQ(ledger().probes, 0u);
  EXPECT_FALSE(ledger().enabled);
}

TEST(Probe, PhaseNamesAreTheSchemaOnes) {
  EXPECT_STREQ(phaseName(Phase::copy_in), "copy_in");
  EXPECT_STREQ(phaseName(Phase::call), "call");
  EXPECT_STREQ(phaseName(Phase::compute), "compute");
  EXPECT_STREQ(phaseName(Phase::serialize), "serialize");
  EXPECT_STREQ(phaseName(Phase::copy_out), "copy_out");
}

}  // namespace
}  // namespace tollgate
