// The comparisons the main job samples until decided, and the agreement of two runs'
// decisions: which pairs are compared, how an interval decides, that rows of the
// same name in different runtimes stay apart, and which cases need more rounds.

#include <set>

#include <gtest/gtest.h>

#include "test_rows.h"
#include "analysis/comparisons.h"

namespace tollgate {
namespace {

// Three samples per round around `center` times the round's factor.
ResultRow row(const std::string& runtime, const std::string& variant, const std::vector<double>& round_centers,
              int n = 10) {
  ResultRow r = test::testRow(runtime, variant, n, 1);
  for (std::size_t i = 0; i < round_centers.size(); ++i) {
    for (double d : {-0.002, 0.0, 0.002}) {
      r.samples_ns.push_back(round_centers[i] * (1 + d));
      r.sample_rounds.push_back(static_cast<int>(i) + 1);
    }
  }
  return r;
}

LoadedResults file(const std::string& runtime, std::vector<ResultRow> rows) {
  LoadedResults f;
  f.path = runtime + ".json";
  f.file.context = {{"runtime", runtime}};
  f.file.rows = std::move(rows);
  return f;
}

TEST(Comparisons, AnIntervalDecidesOnlyWhenItLiesWhollyOnOneSideOrWithinTheBand) {
  const ComparisonSettings s;
  EXPECT_EQ(decide({0.5, 0.4, 0.6}, 3, s), Decision::faster);
  EXPECT_EQ(decide({2.0, 1.5, 2.5}, 3, s), Decision::slower);
  EXPECT_EQ(decide({1.0, 0.98, 1.02}, 3, s), Decision::same);
  EXPECT_EQ(decide({1.0, 0.9, 1.1}, 3, s), Decision::undecided);
  EXPECT_EQ(decide({0.5, 0.4, 0.6}, 1, s), Decision::undecided);  // one process round decides nothing
}

TEST(Comparisons, EachVariantAgainstNativeAndAgainstItsRuntimesNaiveVariant) {
  const std::vector<LoadedResults> files = {
      file("native", {row("native", "kernel", {100, 101, 99})}),
      file("node", {row("node", "single", {300, 310, 290}), row("node", "batch", {150, 151, 149})}),
      file("chromium", {row("chromium", "single", {100, 130, 80}), row("chromium", "batch", {100.5, 100.5, 99.5})}),
  };
  const std::vector<Comparison> c = compareRows(files);
  ASSERT_EQ(c.size(), 6u);  // node: 2 vs native + 1 vs single; the same in chromium
  EXPECT_EQ(c[0].subject_label, "node single");
  EXPECT_EQ(c[0].reference_label, "native kernel");
  EXPECT_EQ(c[0].decision, Decision::slower);
  EXPECT_EQ(c[2].subject_label, "node batch");
  EXPECT_EQ(c[2].reference_label, "node single");
  EXPECT_EQ(c[2].decision, Decision::faster);
  EXPECT_NEAR(c[2].ratio.estimate, 0.5, 0.01);
  EXPECT_EQ(c[3].runtime, "chromium");
  EXPECT_EQ(c[3].decision, Decision::undecided);  // chromium single swings from 0.8x to 1.3x native
  EXPECT_EQ(c[4].decision, Decision::same);       // chromium batch within a hair of native
}

TEST(Comparisons, AgreementKeepsRuntimesApartThoughRowNamesRepeat) {
  const auto run = [](double chromium_batch) {
    return std::vector<LoadedResults>{
        file("native", {row("native", "kernel", {100, 100, 100})}),
        file("node", {row("node", "single", {300, 300, 300}), row("node", "batch", {150, 150, 150})}),
        file("chromium", {row("chromium", "single", {300, 300, 300}), row("chromium", "batch", {chromium_batch,
                                                                                                  chromium_batch * 1.01,
                                                                                                  chromium_batch})}),
    };
  };
  const auto a = compareRows(run(150)), b = compareRows(run(600));
  const Agreement same = agreement(a, a);
  EXPECT_EQ(same.compared, same.agree);
  const Agreement flipped = agreement(a, b);
  // Only chromium's batch changed: slower than its single, and than native by more.
  EXPECT_EQ(flipped.flip, 1);
  EXPECT_EQ(flipped.agree, flipped.compared - 1);
}

TEST(Comparisons, ACaseNeedsMoreRoundsOnlyWhileUndecidedAndImprecise) {
  const std::vector<LoadedResults> noisy = {
      file("native", {row("native", "kernel", {100, 100, 100}, 1), row("native", "kernel", {100, 100, 100}, 2)}),
      file("node", {row("node", "single", {300, 300, 300}, 1), row("node", "single", {80, 120, 100}, 2)}),
  };
  const std::vector<Unsettled> u = unsettledCases(noisy, compareRows(noisy), 0.03);
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].case_key, "w.op/n:2");
  EXPECT_EQ(u[0].runtimes, (std::set<std::string>{"native", "node"}));
  // Known to ±1% on both sides but still undecided at ±3%: more rounds would not tell.
  const std::vector<LoadedResults> close = {
      file("native", {row("native", "kernel", {100, 100.5, 99.5, 100, 100.2, 99.8}, 2)}),
      file("node", {row("node", "single", {102, 103.2, 101, 102.5, 101.5, 103.5}, 2)}),
  };
  const auto c = compareRows(close);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].decision, Decision::slower);  // 2% slower, decided
  EXPECT_LT(relativeHalfWidth(close[0].file.rows[0]), 0.03);
}

TEST(Comparisons, ChangesAgainstTheBaselineNeedTheWholeIntervalBeyondTheBand) {
  const std::vector<LoadedResults> now = {file("node", {row("node", "single", {120, 121, 119}),
                                                        row("node", "batch", {101, 100, 102}, 20)})};
  const std::vector<LoadedResults> before = {file("node", {row("node", "single", {100, 100, 100}),
                                                           row("node", "batch", {100, 100, 100}, 20)})};
  const auto changes = compareWithBaseline(now, before);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].decision, Decision::slower);
  EXPECT_NEAR(changes[0].ratio.estimate, 1.2, 0.01);
  EXPECT_NE(changes[1].decision, Decision::slower);  // 1% off: not a change worth the name
}

TEST(Statistics, LocationIntervalsNarrowWithMoreRounds) {
  ClusteredSamples two{{100, 100, 110, 110}, {1, 1, 2, 2}};
  ClusteredSamples five{{100, 110, 105, 100, 110}, {1, 2, 3, 4, 5}};
  const Interval a = locationInterval(two, 0.95), b = locationInterval(five, 0.95);
  EXPECT_LT(a.lower, 100);
  EXPECT_GT(a.upper, 110);
  EXPECT_GT(b.lower, a.lower);
  EXPECT_LT(b.upper, a.upper);
  ClusteredSamples one{{100, 101, 99, 100, 100}, {}};
  const Interval c = locationInterval(one, 0.95);
  EXPECT_DOUBLE_EQ(c.estimate, 100);
  EXPECT_GE(c.lower, 99);
  EXPECT_LE(c.upper, 101);
}

}  // namespace
}  // namespace tollgate
