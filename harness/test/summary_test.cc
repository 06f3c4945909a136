#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "analysis/merge.h"
#include "analysis/results_io.h"
#include "analysis/statistics.h"
#include "analysis/summary.h"
#include "test_files.h"

namespace tollgate {
namespace {

std::vector<LoadedResults> fixtures() {
  std::vector<LoadedResults> files;
  for (const char* name : {"native-flat.json", "node-flat.json", "chromium-flat.json"}) {
    files.push_back(loadResultsFile(test::sourcePath(std::string("harness/test/fixtures/") + name)));
  }
  return files;
}

const SummaryEntry& entry(const SummaryCase& c, const std::string& runtime, const std::string& variant) {
  for (const SummaryEntry& e : c.entries) {
    if (e.runtime == runtime && e.variant == variant) return e;
  }
  throw std::runtime_error("no entry " + runtime + "/" + variant);
}

TEST(Summary, GroupsRecordedRunsByCaseWithNativeFirst) {
  const auto files = fixtures();
  const Summary s = summarize(files);
  ASSERT_EQ(s.cases.size(), 2u);
  EXPECT_TRUE(s.allDigestsAgree());
  EXPECT_TRUE(s.failures.empty());
  for (const SummaryCase& c : s.cases) {
    ASSERT_EQ(c.entries.size(), 7u) << c.operation;
    EXPECT_EQ(c.entries[0].runtime, "native");
    EXPECT_EQ(c.entries[1].runtime, "node");
    EXPECT_EQ(c.entries[6].runtime, "chromium");
  }
  EXPECT_EQ(s.cases[0].item, "vector");
  EXPECT_EQ(s.cases[1].item, "query");
}

TEST(Summary, RatiosAndSharesAreComputedFromTheRawSamples) {
  const auto files = fixtures();
  const Summary s = summarize(files);
  const SummaryCase& search = s.cases[1];
  const ResultRow* native_row = nullptr;
  const ResultRow* single_row = nullptr;
  for (const auto& f : files) {
    for (const ResultRow& r : f.file.rows) {
      if (r.operation != "search") continue;
      if (r.runtime == "native") native_row = &r;
      if (r.runtime == "node" && r.variant == "single") single_row = &r;
    }
  }
  ASSERT_TRUE(native_row && single_row);
  const double native_ns = median(native_row->samples_ns) / 100.0;
  const double single_ns = median(single_row->samples_ns) / 100.0;
  EXPECT_DOUBLE_EQ(entry(search, "native", "kernel").per_item_ns, native_ns);
  EXPECT_DOUBLE_EQ(*entry(search, "node", "single").ratio_to_native, single_ns / native_ns);
  EXPECT_DOUBLE_EQ(*entry(search, "native", "kernel").ratio_to_native, 1.0);
  EXPECT_DOUBLE_EQ(entry(search, "node", "single").crossings_per_item,
                   single_row->counters.crossings() / 100.0);
  // Building a JS object per hit spends a large share outside compute; views do not.
  EXPECT_GT(*entry(search, "node", "single").outside_compute_share, 0.10);
  EXPECT_LT(*entry(search, "node", "zero_copy").outside_compute_share, 0.10);
  EXPECT_LT(entry(search, "node", "zero_copy").crossings_per_item, entry(search, "node", "single").crossings_per_item);
  EXPECT_EQ(*entry(search, "chromium", "zero_copy").recall, 1.0);
}

TEST(Summary, ADifferentDigestIsReported) {
  auto files = fixtures();
  files[2].file.rows[0].result_digest = "fnv1a32:deadbeef";
  const Summary s = summarize(files);
  EXPECT_FALSE(s.cases[0].digests_agree);
  EXPECT_TRUE(s.cases[1].digests_agree);
  EXPECT_FALSE(s.allDigestsAgree());
}

TEST(Summary, AModuleFromOutsideIsNotCountedAndSaysWhyNeverZero) {
  auto files = fixtures();
  ResultRow& row = files[1].file.rows[0];  // node
  ASSERT_TRUE(row.instructions.has_value());
  row.measured_outside = true;
  row.instructions.reset();
  const Summary s = summarize(files);
  const SummaryEntry& e = entry(s.cases[0], "node", row.variant);
  EXPECT_FALSE(e.instructions_per_item.has_value());
  EXPECT_FALSE(e.ns_per_instruction.has_value());
  EXPECT_NE(e.not_counted.find("no counting build"), std::string::npos) << e.not_counted;
  EXPECT_TRUE(entry(s.cases[0], "chromium", row.variant).not_counted.empty());
}

TEST(Merge, PoolsRoundsOfOneRuntime) {
  const auto files = fixtures();
  const ResultsFile merged = mergeRounds({files[1], files[1]});
  ASSERT_EQ(merged.rows.size(), files[1].file.rows.size());
  EXPECT_EQ(merged.rows[0].samples_ns.size(), 2 * files[1].file.rows[0].samples_ns.size());
  EXPECT_EQ(merged.rows[0].phase_samples.size(), 2 * files[1].file.rows[0].phase_samples.size());
  EXPECT_EQ(merged.context["rounds"], 2);
  EXPECT_TRUE(merged.failures.empty());
  const std::size_t n = files[1].file.rows[0].samples_ns.size();
  ASSERT_EQ(merged.rows[0].sample_rounds.size(), 2 * n);
  EXPECT_EQ(merged.rows[0].sample_rounds.front(), 1);
  EXPECT_EQ(merged.rows[0].sample_rounds.back(), 2);
  // Merging merged files keeps counting rounds.
  LoadedResults pooled{"pooled.json", merged};
  const ResultsFile again = mergeRounds({pooled, files[1]});
  EXPECT_EQ(again.context["rounds"], 3);
  EXPECT_EQ(again.rows[0].sample_rounds.back(), 3);
  EXPECT_EQ(again.rows[0].samples_ns.size(), 3 * n);
}

TEST(Merge, CountersOrDigestsThatDifferBetweenRoundsAreFailures) {
  auto files = fixtures();
  LoadedResults other = files[1];
  other.path = "round-2.json";
  other.file.rows[0].counters.allocations += 1;
  other.file.rows[1].result_digest = "fnv1a32:00000001";
  const ResultsFile merged = mergeRounds({files[1], other});
  ASSERT_EQ(merged.failures.size(), 2u);
  EXPECT_NE(merged.failures[0].message.find("exact counters differ between rounds"), std::string::npos);
  EXPECT_NE(merged.failures[0].message.find("round-2.json"), std::string::npos);
  EXPECT_NE(merged.failures[1].message.find("results differ between rounds"), std::string::npos);
}

TEST(Merge, RefusesRoundsOfDifferentRuntimes) {
  const auto files = fixtures();
  EXPECT_THROW(mergeRounds({files[0], files[1]}), std::invalid_argument);
  EXPECT_THROW(mergeRounds({}), std::invalid_argument);
}

std::string writeTemp(const std::string& name, const std::string& text) {
  const std::string path = "/tmp/tollgate-" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(ResultsIo, ErrorsNameTheFileAndTheField) {
  try {
    loadResultsFile("/nonexistent/results.json");
    FAIL();
  } catch (const ResultsFileError& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/results.json: cannot open the file");
  }
  const std::string broken = writeTemp("broken.json", "{\"schema_version\": 1,");
  try {
    loadResultsFile(broken);
    FAIL();
  } catch (const ResultsFileError& e) {
    EXPECT_NE(std::string(e.what()).find(broken + ": not valid JSON"), std::string::npos);
  }
  std::ifstream in(test::sourcePath("harness/test/fixtures/node-flat.json"));
  nlohmann::json doc = nlohmann::json::parse(in);
  doc["benchmarks"][2]["counters"].erase("bytes_in");
  const std::string missing = writeTemp("missing-field.json", doc.dump());
  try {
    loadResultsFile(missing);
    FAIL();
  } catch (const ResultsFileError& e) {
    EXPECT_EQ(std::string(e.what()), missing + ": /benchmarks/2/counters: missing required field 'bytes_in'");
  }
  EXPECT_EQ(checkResultsFile(missing).size(), 1u);
}

}  // namespace
}  // namespace tollgate
