#include <gtest/gtest.h>

#include "tollgate/results.h"
#include "tollgate/schema_validator.h"

namespace tollgate {
namespace {

ResultsFile sampleFile() {
  ResultsFile file;
  file.context = {{"date", "2026-11-21T20:00:00Z"}, {"host_name", "test"}, {"num_cpus", 2},
                  {"cpu_model", "Test CPU"}, {"os", "Linux"}, {"runtime", "native"},
                  {"runtime_version", "g++ 12"}, {"compiler", "GNU 12.2.0"}, {"compiler_flags", "-O2"},
                  {"build_type", "Release"}, {"tollgate_version", "0.1.0"}, {"profile", "quick"}};
  ResultRow row;
  row.workload = "vector";
  row.operation = "insert";
  row.variant = "kernel";
  row.runtime = "native";
  row.params = {{"index", "hnsw"}, {"n", 1000}, {"dim", 128}};
  row.name_params = {"index", "n", "dim"};
  row.items_per_op = 1000;
  row.warmup_ops = 1;
  row.samples_ns = {3e6, 1e6, 2e6};
  row.cpu_samples_ns = {2e6, 1e6, 1e6};
  row.phase_samples = {PhaseTimes{0, 0, 1.5e6, 0, 0}, PhaseTimes{0, 0, 1.7e6, 0, 0}};
  row.counters.allocations = 12;
  row.counters.bytes_allocated = 4096;
  row.memory = {{"heap_peak_bytes", 4096}};
  row.result_digest = "fnv1a32:0123abcd";
  file.rows.push_back(row);
  file.failures.push_back({"vector.search/kernel/index:flat", "timing", "boom"});
  return file;
}

TEST(Results, WritesGoogleBenchmarkFieldsPerItem) {
  const auto json = toJson(sampleFile());
  const auto& b = json["benchmarks"][0];
  EXPECT_EQ(b["name"], "vector.insert/kernel/index:hnsw/n:1000/dim:128");
  EXPECT_EQ(b["run_type"], "iteration");
  EXPECT_EQ(b["time_unit"], "ns");
  EXPECT_EQ(b["iterations"], 3000);
  EXPECT_DOUBLE_EQ(b["real_time"].get<double>(), 2000.0);  // median 2e6 ns over 1000 items
  EXPECT_DOUBLE_EQ(b["cpu_time"].get<double>(), 1000.0);
  EXPECT_EQ(b["repetitions"], 3);
  EXPECT_EQ(b["counters"]["crossings"], 0);
  EXPECT_EQ(json["schema_version"], kSchemaVersion);
}

TEST(Results, WhatIsWrittenValidatesAndReadsBack) {
  const ResultsFile original = sampleFile();
  const nlohmann::json json = nlohmann::json::parse(toJson(original).dump());
  const auto violations = validateResults(json);
  for (const auto& v : violations) ADD_FAILURE() << v.path << ": " << v.message;
  const ResultsFile back = resultsFromJson(json);
  ASSERT_EQ(back.rows.size(), 1u);
  EXPECT_EQ(back.rows[0].name(), original.rows[0].name());
  EXPECT_EQ(back.rows[0].caseKey(), original.rows[0].caseKey());
  EXPECT_EQ(back.rows[0].samples_ns, original.rows[0].samples_ns);
  EXPECT_EQ(back.rows[0].phase_samples, original.rows[0].phase_samples);
  EXPECT_EQ(back.rows[0].counters.bytes_allocated, 4096u);
  EXPECT_EQ(back.failures.size(), 1u);
  EXPECT_EQ(back.failures[0].message, "boom");
}

TEST(Results, WorkloadCountersAndMemoryRideAlongAndMustBeCounts) {
  ResultsFile file = sampleFile();
  file.rows[0].counters.extra["source_bytes_read"] = 4096;
  file.rows[0].memory["budget_peak_bytes"] = 1 << 20;
  nlohmann::json json = nlohmann::json::parse(toJson(file).dump());
  EXPECT_TRUE(validateResults(json).empty());
  EXPECT_EQ(json["benchmarks"][0]["counters"]["source_bytes_read"], 4096);
  EXPECT_EQ(resultsFromJson(json).rows[0].counters.extra.at("source_bytes_read"), 4096u);
  json["benchmarks"][0]["counters"]["source_requests"] = -2;
  json["benchmarks"][0]["memory"]["budget_peak_bytes"] = "1 MiB";
  const auto violations = validateResults(json);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].path, "/benchmarks/0/counters/source_requests");
  EXPECT_EQ(violations[1].path, "/benchmarks/0/memory/budget_peak_bytes");
}

TEST(Results, InstructionCountsRideAlongPerOperationPerItemAndPerPhase) {
  ResultsFile file = sampleFile();
  InstructionCounts n;
  n.per_op = 5000;
  n.phases = PhaseCounts{10, 20, 4900, 0, 70};
  n.uncounted = {"js"};
  file.rows[0].instructions = n;
  file.context["counting"] = {{"tool", "callgrind"}, {"tool_version", "valgrind-3.19.0"},
                              {"unit", "x86-64 instructions (callgrind Ir)"}, {"toolchain", "GNU 12.2.0 | -O3"}};
  nlohmann::json json = nlohmann::json::parse(toJson(file).dump());
  for (const auto& v : validateResults(json)) ADD_FAILURE() << v.path << ": " << v.message;
  const auto& written = json["benchmarks"][0]["instructions"];
  EXPECT_EQ(written["per_op"], 5000);
  EXPECT_DOUBLE_EQ(written["per_item"].get<double>(), 5.0);  // 1000 items per operation
  EXPECT_EQ(written["phases"]["compute"], 4900);
  EXPECT_EQ(written["uncounted"], nlohmann::json::array({"js"}));
  const ResultsFile back = resultsFromJson(json);
  ASSERT_TRUE(back.rows[0].instructions.has_value());
  EXPECT_EQ(back.rows[0].instructions->per_op, 5000u);
  EXPECT_EQ(back.rows[0].instructions->phases, n.phases);
  EXPECT_EQ(back.rows[0].instructions->uncounted, n.uncounted);
  // What the schema refuses: a fractional count, JS counted as "nothing uncounted" by another name.
  json["benchmarks"][0]["instructions"]["per_op"] = 12.5;
  json["benchmarks"][0]["instructions"]["uncounted"] = nlohmann::json::array({"glue"});
  EXPECT_EQ(validateResults(json).size(), 2u);
  json["benchmarks"][0]["instructions"].erase("uncounted");
  json["benchmarks"][0]["instructions"]["per_op"] = 12;
  ASSERT_EQ(validateResults(json).size(), 1u);
  EXPECT_EQ(validateResults(json)[0].path, "/benchmarks/0/instructions");
}

TEST(Results, CaseKeyIgnoresVariantAndParamOrder) {
  ResultRow a = sampleFile().rows[0];
  ResultRow b = a;
  b.variant = "zero_copy";
  b.params = {{"dim", 128}, {"n", 1000}, {"index", "hnsw"}};
  EXPECT_EQ(a.caseKey(), b.caseKey());
  EXPECT_NE(a.name(), b.name());
}

TEST(Results, WithoutCpuSamplesCpuTimeIsWallTimeAndSaysSo) {
  ResultsFile file = sampleFile();
  file.rows[0].cpu_samples_ns.clear();
  const auto b = toJson(file)["benchmarks"][0];
  EXPECT_EQ(b["cpu_time_measured"], false);
  EXPECT_EQ(b["cpu_time"], b["real_time"]);
  EXPECT_FALSE(b.contains("cpu_samples_ns"));
}

}  // namespace
}  // namespace tollgate
