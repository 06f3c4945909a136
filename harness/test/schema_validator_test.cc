#include <gtest/gtest.h>

#include "tollgate/results.h"
#include "tollgate/schema_validator.h"

namespace tollgate {
namespace {

nlohmann::json validDocument() {
  ResultsFile file;
  file.context = {{"date", "d"}, {"host_name", "h"}, {"num_cpus", 2}, {"cpu_model", "c"}, {"os", "Linux"},
                  {"runtime", "node"}, {"runtime_version", "v20"}, {"compiler", "emcc"},
                  {"compiler_flags", ""}, {"build_type", "Release"}, {"tollgate_version", "0.1.0"},
                  {"profile", "quick"}};
  ResultRow row;
  row.workload = "vector";
  row.operation = "search";
  row.variant = "zero_copy";
  row.runtime = "node";
  row.params = {{"index", "flat"}, {"k", 10}};
  row.name_params = {"index", "k"};
  row.samples_ns = {1.0};
  row.phase_samples = {PhaseTimes{}};
  row.result_digest = "fnv1a32:00000000";
  file.rows.push_back(row);
  return nlohmann::json::parse(toJson(file).dump());
}

std::string firstViolation(const nlohmann::json& doc) {
  const auto v = validateResults(doc);
  return v.empty() ? "" : v[0].path + ": " + v[0].message;
}

TEST(SchemaValidator, AcceptsAValidDocument) { EXPECT_EQ(firstViolation(validDocument()), ""); }

TEST(SchemaValidator, NamesTheFieldOfEachViolation) {
  auto doc = validDocument();
  doc["benchmarks"][0]["samples_ns"] = nlohmann::json::array();
  EXPECT_EQ(firstViolation(doc), "/benchmarks/0/samples_ns: expected at least 1 items, found 0");

  doc = validDocument();
  doc["benchmarks"][0]["samples_ns"][0] = "fast";
  EXPECT_EQ(firstViolation(doc), "/benchmarks/0/samples_ns/0: expected \"number\", found \"fast\"");

  doc = validDocument();
  doc["benchmarks"][0].erase("real_time");
  EXPECT_EQ(firstViolation(doc), "/benchmarks/0: missing required field 'real_time'");

  doc = validDocument();
  doc["benchmarks"][0]["runtime"] = "deno";
  EXPECT_EQ(firstViolation(doc), "/benchmarks/0/runtime: expected one of [\"native\",\"node\",\"chromium\"], found \"deno\"");

  doc = validDocument();
  doc["benchmarks"][0]["typo_field"] = 1;
  EXPECT_EQ(firstViolation(doc), "/benchmarks/0/typo_field: field 'typo_field' is not part of the schema");

  doc = validDocument();
  doc["schema_version"] = 2;
  EXPECT_EQ(firstViolation(doc), "/schema_version: expected 1, found 2");

  doc = validDocument();
  doc["benchmarks"][0]["result_digest"] = "md5:abc";
  EXPECT_NE(firstViolation(doc).find("/benchmarks/0/result_digest: expected to match"), std::string::npos);

  doc = validDocument();
  doc["benchmarks"][0]["counters"]["crossings"] = -1;
  EXPECT_EQ(firstViolation(doc), "/benchmarks/0/counters/crossings: expected at least 0, found -1");

  // A count past what the readers convert exactly (the json_readers campaign: a
  // 96-digit bytes_allocated, a double, reached get<std::uint64_t>(): undefined
  // behaviour). Counts stop at 2^53 - 1, the ints the readers keep at 2^31 - 1.
  doc = validDocument();
  const auto huge = nlohmann::json::parse(std::string(90, '5') + "000001280");
  doc["benchmarks"][0]["counters"]["bytes_allocated"] = huge;
  EXPECT_EQ(firstViolation(doc),
            "/benchmarks/0/counters/bytes_allocated: expected at most 9007199254740991, found " + huge.dump());
  doc = validDocument();
  doc["benchmarks"][0]["counters"]["bytes_allocated"] = 9007199254740991ull;
  EXPECT_EQ(firstViolation(doc), "");
  doc["benchmarks"][0]["counters"]["bytes_allocated"] = 9007199254740992ull;
  EXPECT_EQ(firstViolation(doc),
            "/benchmarks/0/counters/bytes_allocated: expected at most 9007199254740991, found 9007199254740992");
  doc = validDocument();
  doc["benchmarks"][0]["warmup_ops"] = 1e30;
  EXPECT_EQ(firstViolation(doc), "/benchmarks/0/warmup_ops: expected at most 2147483647, found 1e+30");
}

TEST(SchemaValidator, RejectsASchemaUsingKeywordsItCannotCheck) {
  EXPECT_THROW(SchemaValidator(nlohmann::json{{"type", "object"}, {"oneOf", nlohmann::json::array()}}),
               std::invalid_argument);
  EXPECT_THROW(SchemaValidator(nlohmann::json{{"$ref", "#/$defs/missing"}}), std::invalid_argument);
}

TEST(SchemaValidator, TheEmbeddedSchemaLoads) {
  EXPECT_NO_THROW(SchemaValidator{resultsSchema()});
  EXPECT_EQ(resultsSchema()["properties"]["schema_version"]["const"], kSchemaVersion);
}

TEST(SchemaValidator, PhaseNamesInTheSchemaAreTheProbeOnes) {
  const auto& required = resultsSchema()["$defs"]["phase_samples"]["required"];
  ASSERT_EQ(required.size(), static_cast<std::size_t>(kPhaseCount));
  for (int p = 0; p < kPhaseCount; ++p) EXPECT_EQ(required[p], kPhaseNames[p]);
}

}  // namespace
}  // namespace tollgate
