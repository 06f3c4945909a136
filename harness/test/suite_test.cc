#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include "tollgate/suite.h"

namespace tollgate {
namespace {

std::string writeSuite(const std::string& cases) {
  const std::string path = "suite_test_" + std::to_string(std::rand()) + ".json";
  std::ofstream(path) << R"({"workload": "w", "module": "w", "variants": {"native": ["kernel", "other"], "wasm": ["a", "b"]},
    "profiles": {"quick": {"samples": 2}}, "defaults": {"n": 4},
    "operations": {"op": {"name_params": ["n"], "items": "n", "item": "thing"}}, "cases": )" << cases << "}";
  return path;
}

TEST(Suite, ACaseMayRunOnlySomeVariants) {
  const std::string path = writeSuite(R"([{"operation": "op", "profiles": ["quick"], "params": {}},
    {"operation": "op", "profiles": ["quick"], "params": {"n": 8}, "variants": ["kernel", "b"]}])");
  const Suite suite = loadSuite(path, "quick");
  std::remove(path.c_str());
  ASSERT_EQ(suite.cases.size(), 2u);
  EXPECT_TRUE(suite.cases[0].runs("other"));
  EXPECT_TRUE(suite.cases[1].runs("kernel"));
  EXPECT_FALSE(suite.cases[1].runs("other"));
  EXPECT_EQ(suite.cases[1].items_per_op, 8u);
}

TEST(Suite, VariantsMustBeAListOfNames) {
  const std::string path = writeSuite(R"([{"operation": "op", "profiles": ["quick"], "params": {}, "variants": "kernel"}])");
  try {
    loadSuite(path, "quick");
    FAIL() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cases[0].variants: expected an array of variant names"), std::string::npos) << e.what();
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace tollgate
