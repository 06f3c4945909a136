// The console summary against a golden file, rendered from recorded runs.
// TOLLGATE_UPDATE_GOLDEN=1 rewrites the golden file (then review the diff).

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "analysis/results_io.h"
#include "console/summary_table.h"
#include "test_files.h"

namespace tollgate {
namespace {

using test::sourcePath;

TEST(SummaryTable, MatchesTheGoldenRendering) {
  std::vector<LoadedResults> files;
  for (const char* name : {"native-flat.json", "node-flat.json", "chromium-flat.json"}) {
    LoadedResults loaded = loadResultsFile(sourcePath(std::string("harness/test/fixtures/") + name));
    loaded.path = name;  // machine-independent output
    files.push_back(std::move(loaded));
  }
  std::ostringstream rendered;
  printSummary(summarize(files), rendered);

  const std::string golden_path = sourcePath("reports/test/golden/summary-flat.txt");
  if (std::getenv("TOLLGATE_UPDATE_GOLDEN") != nullptr) std::ofstream(golden_path) << rendered.str();
  std::ifstream golden(golden_path);
  ASSERT_TRUE(golden) << "missing " << golden_path << " (run with TOLLGATE_UPDATE_GOLDEN=1)";
  std::stringstream expected;
  expected << golden.rdbuf();
  EXPECT_EQ(rendered.str(), expected.str());
}

TEST(SummaryTable, DurationsPickTheirUnit) {
  EXPECT_EQ(formatDuration(5.25), "5.25 ns");
  EXPECT_EQ(formatDuration(512), "512.0 ns");
  EXPECT_EQ(formatDuration(1500), "1.50 us");
  EXPECT_EQ(formatDuration(73200), "73.2 us");
  EXPECT_EQ(formatDuration(2.5e6), "2.50 ms");
  EXPECT_EQ(formatDuration(3.2e9), "3.20 s");
}

}  // namespace
}  // namespace tollgate
