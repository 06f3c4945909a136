// The suite loader: the shared fixtures (harness/test/fixtures/suites/, checked by
// the JS driver's test with the same expectations), every suite in the tree, and
// what a loaded case holds.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "test_files.h"
#include "tollgate/suite.h"

namespace tollgate {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::vector<fs::path> jsonFiles(const std::string& relative) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(test::sourcePath(relative))) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Suite, SharedFixturesLoadOrFailAsTheyExpect) {
  const auto files = jsonFiles("harness/test/fixtures/suites");
  ASSERT_GE(files.size(), 10u);
  for (const fs::path& file : files) {
    std::ifstream in(file);
    const Json fixture = Json::parse(in);
    const std::string where = file.filename().string();
    const Json& error = fixture["error"];
    try {
      parseSuite(fixture["suite"], where, fixture["profile"].get<std::string>());
      EXPECT_TRUE(error.is_null()) << where << " loaded, but should fail at " << error.dump();
    } catch (const std::runtime_error& e) {
      ASSERT_FALSE(error.is_null()) << where << " should load: " << e.what();
      EXPECT_EQ(std::string(e.what()), where + ": " + error["field"].get<std::string>() + ": " +
                                           error["message"].get<std::string>());
    }
  }
}

TEST(Suite, EverySuiteInTheTreeLoads) {
  std::vector<std::string> suites = {test::sourcePath("harness/test/profile_target/suite.json")};
  for (const auto& entry : fs::directory_iterator(test::sourcePath("workloads"))) {
    if (fs::exists(entry.path() / "suite.json")) suites.push_back((entry.path() / "suite.json").string());
  }
  ASSERT_GE(suites.size(), 5u);
  for (const std::string& path : suites) {
    EXPECT_NO_THROW(loadSuite(path, "quick")) << path;
  }
}

TEST(Suite, ACaseMayRunOnlySomeVariants) {
  const Json doc = Json::parse(R"({"workload": "w", "module": "w", "naive": "a",
    "variants": {"native": ["kernel", "other"], "wasm": ["a", "b"]},
    "profiles": {"quick": {"samples": 2}}, "defaults": {"n": 4},
    "operations": {"op": {"name_params": ["n"], "items": "n", "item": "thing"}},
    "cases": [{"operation": "op", "profiles": ["quick"], "params": {}},
              {"operation": "op", "profiles": ["quick"], "params": {"n": 8}, "variants": ["kernel", "b"]}]})");
  const Suite suite = parseSuite(doc, "inline", "quick");
  EXPECT_EQ(suite.naive, "a");
  ASSERT_EQ(suite.cases.size(), 2u);
  EXPECT_TRUE(suite.cases[0].runs("other"));
  EXPECT_EQ(suite.cases[0].items_per_op, 4u);
  EXPECT_EQ(suite.cases[0].samples, 2);
  EXPECT_TRUE(suite.cases[1].runs("kernel"));
  EXPECT_FALSE(suite.cases[1].runs("other"));
  EXPECT_EQ(suite.cases[1].items_per_op, 8u);
}

TEST(Suite, AFileThatIsNotJsonIsNamed) {
  const std::string path = "suite_test_bad.json";
  std::ofstream(path) << "{ \"workload\": ";
  try {
    loadSuite(path, "quick");
    FAIL() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ": not valid JSON", 0), 0u) << e.what();
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace tollgate
