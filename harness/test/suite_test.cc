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

std::string parseError(const std::string& text) {
  try {
    parseSuite(Json::parse(text), "inline", "quick");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

// What the schema allows but a C++ int or an integer cast does not: refused by
// name, never converted (1e300 to an integer is undefined behaviour).
TEST(Suite, NumbersTooLargeForTheirTypeAreRefusedByName) {
  const std::string head = R"({"workload": "w", "module": "w", "naive": "a", "variants": {"native": [], "wasm": ["a"]},
    "operations": {"op": {"name_params": ["n"], "items": "n", "item": "thing"}}, )";
  EXPECT_EQ(parseError(head + R"("profiles": {"quick": {"samples": 1e30}},
    "cases": [{"operation": "op", "profiles": ["quick"], "params": {"n": 1}}]})"),
            "inline: samples: expected an integer from 0 to 2147483647, found 1e+30");
  EXPECT_EQ(parseError(head + R"("profiles": {"quick": {"warmup_ms": 99999999999}},
    "cases": [{"operation": "op", "profiles": ["quick"], "params": {"n": 1}}]})"),
            "inline: profiles.quick.warmup_ms: expected an integer from 0 to 2147483647, found 99999999999");
  EXPECT_EQ(parseError(head + R"("profiles": {"quick": {"counting_warmup_ops": 1e30}},
    "cases": [{"operation": "op", "profiles": ["quick"], "params": {"n": 1}}]})"),
            "inline: profiles.quick.counting_warmup_ops: expected an integer from 0 to 2147483647, found 1e+30");
  EXPECT_EQ(parseError(head + R"("profiles": {"quick": {}},
    "cases": [{"operation": "op", "profiles": ["quick"], "params": {"n": 1e300}}]})"),
            "inline: cases[0].params.n: expected a positive integer (the items one operation handles)");
  EXPECT_EQ(parseError(head + R"("profiles": {"quick": {}},
    "cases": [{"operation": 7, "profiles": ["quick"], "params": {"n": 1}}]})"),
            "inline: cases[0].operation: expected \"string\", found 7");
}

TEST(Suite, ASuiteNestedTooDeepIsRefusedByName) {
  const std::string path = "suite_test_deep.json";
  std::ofstream(path) << std::string(100000, '[');
  try {
    loadSuite(path, "quick");
    ADD_FAILURE() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), path + ": nested more than 64 levels deep at byte 64");
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace tollgate
