#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "test_rows.h"
#include "analysis/gate_config.h"
#include "analysis/gates.h"
#include "analysis/statistics.h"
#include "test_files.h"

namespace tollgate {
namespace {

using Json = nlohmann::json;

ResultRow row(const std::string& runtime, const std::string& variant, std::vector<double> samples_ns,
              std::vector<int> rounds = {}) {
  ResultRow r = test::testRow(runtime, variant);
  r.samples_ns = std::move(samples_ns);
  r.sample_rounds = std::move(rounds);
  r.counters.crossings_js_to_wasm = 10;
  r.counters.bytes_in = 400;
  r.memory["heap_peak_bytes"] = 1000;
  return r;
}

LoadedResults file(const std::string& runtime, std::vector<ResultRow> rows, int rounds = 3) {
  LoadedResults f;
  f.path = runtime + ".json";
  f.file.context = {{"runtime", runtime}, {"cpu_model", "Test CPU"}, {"num_cpus", 2}, {"rounds", rounds}};
  f.file.rows = std::move(rows);
  return f;
}

// Samples around `center`, spread over three rounds.
std::vector<double> around(double center) {
  std::vector<double> out;
  for (int r = 0; r < 3; ++r) {
    for (double d : {-0.01, 0.0, 0.01, 0.02, -0.02}) out.push_back(center * (1 + d + 0.005 * r));
  }
  return out;
}
const std::vector<int> kThreeRounds = {1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};

GateConfig config(const Json& doc) { return parseGateConfig(doc, "gates.json"); }

Json relativeGate(double max_ratio) {
  return {{"version", 1},
          {"relative",
           {{{"id", "fast-vs-native"}, {"subject", {{"variant", "fast"}}}, {"reference", {{"runtime", "native"}, {"variant", "kernel"}}},
             {"max_ratio", max_ratio}}}}};
}

std::vector<LoadedResults> nodeAgainstNative(double node_ns, double native_ns) {
  return {file("native", {row("native", "kernel", around(native_ns), kThreeRounds)}),
          file("node", {row("node", "fast", around(node_ns), kThreeRounds)})};
}

TEST(GateConfig, ErrorsNameTheFileAndTheField) {
  auto error = [](const Json& doc) {
    try {
      parseGateConfig(doc, "ci/gates.json");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error({{"version", 2}}), "ci/gates.json: version: expected 1");
  EXPECT_EQ(error({{"version", 1}, {"relativ", Json::array()}}), "ci/gates.json: relativ: unknown field (a typo?)");
  Json missing = relativeGate(1.2);
  missing["relative"][0].erase("max_ratio");
  EXPECT_EQ(error(missing), "ci/gates.json: relative[0].max_ratio: missing");
  Json bad_metric = relativeGate(1.2);
  bad_metric["relative"][0]["metric"] = "latency";
  EXPECT_EQ(error(bad_metric), "ci/gates.json: relative[0].metric: expected time, counters.<name>, memory.<name>, instructions or instructions.<phase>, found 'latency'");
  Json bad_ratio = relativeGate(1.2);
  bad_ratio["relative"][0]["max_ratio"] = "fast";
  EXPECT_EQ(error(bad_ratio), "ci/gates.json: relative[0].max_ratio: expected a number, found \"fast\"");
  EXPECT_EQ(error({{"version", 1}, {"exact", {{{"id", "a"}, {"metric", "time"}}}}}),
            "ci/gates.json: exact[0].metric: exact gates compare counts and sizes, not time");
  EXPECT_EQ(error({{"version", 1}, {"baseline", {{{"id", "x"}, {"max_slowdown", 0.1}}, {{"id", "x"}, {"max_slowdown", 0.1}}}}}),
            "ci/gates.json: baseline[1].id: duplicate gate id 'x'");
  EXPECT_EQ(error({{"version", 1}, {"confidence", 1.5}}).rfind("ci/gates.json: confidence: expected a number in", 0), 0u);
}

TEST(GateConfig, TheProjectsOwnConfigurationLoadsWithEveryWorkloadsGates) {
  GateConfig c = loadGateConfig(test::sourcePath("ci/gates.json"));
  EXPECT_TRUE(c.workload_gates);
  EXPECT_FALSE(c.baseline.empty());
  EXPECT_FALSE(c.exact.empty());
  std::set<std::string> workloads;
  for (const auto& entry : std::filesystem::directory_iterator(test::sourcePath("workloads"))) {
    const auto gates = entry.path() / "gates.json";
    if (!std::filesystem::exists(gates)) continue;
    std::ifstream in(gates);
    addWorkloadGates(c, Json::parse(in), gates.string(), entry.path().filename().string());
    workloads.insert(entry.path().filename().string());
  }
  EXPECT_TRUE(workloads.count("vector") && workloads.count("parquet") && workloads.count("extraction") &&
              workloads.count("example"));
  EXPECT_GE(c.relative.size(), 10u);
  for (const RelativeGate& g : c.relative) {
    EXPECT_TRUE(workloads.count(g.workload)) << g.id;
    EXPECT_EQ(g.id.rfind(g.workload + "/", 0), 0u) << g.id;
    EXPECT_EQ(g.subject.fields.at("workload"), g.workload) << g.id;
  }
}

// A workload's gates.json: ids of its own, selectors limited to its rows, and no
// verdict at all when the run did not include it.
TEST(GateConfig, AWorkloadsGatesAreItsOwn) {
  GateConfig c = config({{"version", 1}});
  addWorkloadGates(c, relativeGate(1.25), "workloads/w/gates.json", "w");
  addWorkloadGates(c, relativeGate(1.25), "workloads/v/gates.json", "v");  // the same local id: no clash
  ASSERT_EQ(c.relative.size(), 2u);
  EXPECT_EQ(c.relative[0].id, "w/fast-vs-native");
  EXPECT_EQ(c.relative[1].subject.describe(), "variant=fast workload=v");

  Json foreign = relativeGate(1.25);
  foreign["relative"][0]["subject"]["workload"] = "vector";
  GateConfig fresh = config({{"version", 1}});
  try {
    addWorkloadGates(fresh, foreign, "workloads/w/gates.json", "w");
    FAIL() << "a gate on another workload's rows was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "workloads/w/gates.json: relative[0].subject.workload: a workload's gates select only its own rows ('w')");
  }
  try {
    addWorkloadGates(fresh, {{"version", 1}, {"min_rounds", 2}}, "workloads/w/gates.json", "w");
    FAIL() << "a project setting in a workload's gates was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "workloads/w/gates.json: min_rounds: unknown field (a typo?)");
  }

  // The run measured workload "w" only: v's gate is not this run's business.
  const GateReport report = evaluateGates(c, nodeAgainstNative(110, 100), std::nullopt);
  ASSERT_EQ(report.results.size(), 1u);
  EXPECT_EQ(report.results[0].gate_id, "w/fast-vs-native");
  EXPECT_EQ(report.results[0].verdict, Verdict::pass);
  // ...but a workload that was run and failed everywhere is gated, and fails.
  std::vector<LoadedResults> failed = {file("node", {})};
  failed[0].file.failures.push_back({"v.op/fast/n:10", "setup", "it broke"});
  const GateReport broken = evaluateGates(c, failed, std::nullopt);
  ASSERT_EQ(broken.results.size(), 1u);
  EXPECT_EQ(broken.results[0].gate_id, "v/fast-vs-native");
  EXPECT_EQ(broken.results[0].verdict, Verdict::fail);
}

TEST(Gates, RelativeTimingGatePassesFailsOrWaitsOnTheInterval) {
  const auto pass = evaluateGates(config(relativeGate(1.25)), nodeAgainstNative(110, 100), std::nullopt);
  ASSERT_EQ(pass.results.size(), 1u);
  EXPECT_EQ(pass.results[0].verdict, Verdict::pass);
  EXPECT_NEAR(pass.results[0].measured, 1.10, 0.01);
  EXPECT_EQ(pass.results[0].reference, "native kernel");

  const auto fail = evaluateGates(config(relativeGate(1.25)), nodeAgainstNative(150, 100), std::nullopt);
  EXPECT_EQ(fail.results[0].verdict, Verdict::fail);
  EXPECT_GT(fail.results[0].interval->lower, 1.25);
  EXPECT_TRUE(fail.failed());

  // The limit inside the interval: more rounds would tell.
  const auto close = evaluateGates(config(relativeGate(1.25)), nodeAgainstNative(125, 100), std::nullopt);
  EXPECT_EQ(close.results[0].verdict, Verdict::undecided);
  EXPECT_FALSE(close.decided());
}

TEST(Gates, FewerRoundsThanRequiredNeverDecideATimingGate) {
  auto files = nodeAgainstNative(300, 100);  // far beyond the limit...
  for (auto& f : files) f.file.rows[0].sample_rounds.clear();  // ...but from one process each
  const auto report = evaluateGates(config(relativeGate(1.25)), files, std::nullopt);
  EXPECT_EQ(report.results[0].verdict, Verdict::undecided);
  EXPECT_NE(report.results[0].note.find("only 1 process round(s); 3 needed"), std::string::npos);
}

TEST(Gates, AGateWithoutItsReferenceOrMatchingNothingFails) {
  auto files = nodeAgainstNative(100, 100);
  files[0].file.rows.clear();  // native failed
  const auto missing = evaluateGates(config(relativeGate(1.25)), files, std::nullopt);
  EXPECT_EQ(missing.results[0].verdict, Verdict::fail);
  EXPECT_NE(missing.results[0].note.find("no native kernel row"), std::string::npos);
  Json nothing = relativeGate(1.25);
  nothing["relative"][0]["subject"] = {{"variant", "nonexistent"}};
  const auto empty = evaluateGates(config(nothing), nodeAgainstNative(100, 100), std::nullopt);
  ASSERT_EQ(empty.results.size(), 1u);
  EXPECT_EQ(empty.results[0].verdict, Verdict::fail);
  EXPECT_NE(empty.results[0].note.find("matched no row"), std::string::npos);
}

TEST(Gates, ExactGatesCompareWithTheBaselineAndItsAllowance) {
  const Json doc = {{"version", 1},
                    {"exact",
                     {{{"id", "bytes-in"}, {"metric", "counters.bytes_in"}},
                      {{"id", "heap"}, {"metric", "memory.heap_peak_bytes"}, {"allowance_fraction", 0.1}}}}};
  BaselineSet baseline;
  baseline.dir = "base";
  baseline.files = {file("node", {row("node", "fast", around(100), kThreeRounds)})};
  auto current = std::vector<LoadedResults>{file("node", {row("node", "fast", around(100), kThreeRounds)})};
  current[0].file.rows[0].counters.bytes_in = 800;     // an extra copy
  current[0].file.rows[0].memory["heap_peak_bytes"] = 1050;  // within 10%
  const auto report = evaluateGates(config(doc), current, baseline);
  ASSERT_EQ(report.results.size(), 2u);
  EXPECT_EQ(report.results[0].gate_id, "bytes-in");
  EXPECT_EQ(report.results[0].verdict, Verdict::fail);
  EXPECT_EQ(report.results[0].expected, "<= 400 (baseline 400)");
  EXPECT_EQ(report.results[1].verdict, Verdict::pass);
  current[0].file.rows[0].counters.bytes_in = 200;
  const auto better = evaluateGates(config(doc), current, baseline);
  EXPECT_EQ(better.results[0].verdict, Verdict::pass);
  EXPECT_NE(better.results[0].note.find("refresh the baseline"), std::string::npos);
}

TEST(Gates, AGateThatMeasuresNothingIsAConfigurationErrorNeverAPass) {
  // A misspelt metric, a selector that matches no row, a context figure no file has:
  // each once read "0 passed, 0 failed: pass".
  const Json doc = {
      {"version", 1},
      {"baseline", {{{"id", "slow"}, {"rows", {{"variant", "nonexistent"}}}, {"max_slowdown", 0.1}}}},
      {"exact",
       {{{"id", "typo"}, {"metric", "counters.crosings"}},
        {{"id", "nobody"}, {"rows", {{"runtime", "chromium"}}}, {"metric", "counters.bytes_in"}},
        {{"id", "size"}, {"context", "wasm.vectr.size_bytes"}},
        {{"id", "real"}, {"metric", "counters.bytes_in"}}}}};
  BaselineSet baseline;
  baseline.files = {file("node", {row("node", "fast", around(100), kThreeRounds)})};
  const auto current = std::vector<LoadedResults>{file("node", {row("node", "fast", around(100), kThreeRounds)})};
  const auto report = evaluateGates(config(doc), current, baseline);
  std::map<std::string, const GateResult*> by_id;
  for (const GateResult& r : report.results) by_id[r.gate_id] = &r;
  ASSERT_EQ(by_id.size(), 5u);
  for (const char* id : {"slow", "typo", "nobody", "size"}) {
    EXPECT_EQ(by_id[id]->verdict, Verdict::fail) << id;
    EXPECT_EQ(by_id[id]->note.rfind("configuration error: ", 0), 0u) << id << ": " << by_id[id]->note;
  }
  EXPECT_NE(by_id["typo"]->note.find("no row has counters.crosings (a misspelt metric?)"), std::string::npos);
  EXPECT_NE(by_id["nobody"]->note.find("matched no row (runtime=chromium)"), std::string::npos);
  EXPECT_NE(by_id["size"]->note.find("no results file has context.wasm.vectr.size_bytes"), std::string::npos);
  EXPECT_NE(by_id["slow"]->note.find("matched no row (variant=nonexistent)"), std::string::npos);
  EXPECT_EQ(by_id["real"]->verdict, Verdict::pass);
  EXPECT_TRUE(report.failed());
  EXPECT_TRUE(report.decided());  // nothing more rounds could change
}

TEST(Gates, AGateForAWorkloadTheRunDidNotIncludeIsNotThisRunsBusiness) {
  // The rows are workload "w": a gate naming another workload applies to runs of it only.
  const Json doc = {{"version", 1},
                    {"baseline", {{{"id", "other"}, {"rows", {{"workload", "parquet"}}}, {"max_slowdown", 0.1}}}},
                    {"exact",
                     {{{"id", "other-bytes"}, {"rows", {{"workload", "parquet"}}}, {"metric", "counters.bytes_in"}},
                      {{"id", "own-typo"}, {"rows", {{"workload", "w"}}}, {"metric", "counters.crosings"}}}}};
  BaselineSet baseline;
  baseline.files = {file("node", {row("node", "fast", around(100), kThreeRounds)})};
  const auto current = std::vector<LoadedResults>{file("node", {row("node", "fast", around(100), kThreeRounds)})};
  const auto report = evaluateGates(config(doc), current, baseline);
  ASSERT_EQ(report.results.size(), 1u);
  EXPECT_EQ(report.results[0].gate_id, "own-typo");
  EXPECT_EQ(report.results[0].verdict, Verdict::fail);
  EXPECT_NE(report.results[0].note.find("no row has counters.crosings"), std::string::npos);
}

TEST(GateConfig, ADescriptionOfTheWrongTypeNamesTheFileAndField) {
  auto error = [](const Json& doc) {
    try {
      parseGateConfig(doc, "ci/gates.json");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  Json relative = relativeGate(1.2);
  relative["relative"][0]["description"] = 5;
  EXPECT_EQ(error(relative), "ci/gates.json: relative[0].description: expected a string, found 5");
  EXPECT_EQ(error({{"version", 1}, {"description", {1, 2}}}),
            "ci/gates.json: description: expected a string, found an array of 2 items");
  EXPECT_EQ(error({{"version", 1}, {"exact", {{{"id", "a"}, {"metric", "counters.x"}, {"description", nullptr}}}}}),
            "ci/gates.json: exact[0].description: expected a string, found null");
}

TEST(GateConfig, AFileNestedTooDeepIsRefusedByNameNotByACrash) {
  const std::string path = (std::filesystem::temp_directory_path() / "tollgate-deep-gates.json").string();
  {
    std::ofstream out(path);
    out << "{\"version\": 1, \"description\": " << std::string(1000000, '[') << "}";
  }
  try {
    loadGateConfig(path);
    ADD_FAILURE() << "a 10^6-deep file loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), path + ": nested more than 64 levels deep at byte 93");
  }
  std::remove(path.c_str());
}

TEST(Gates, ABaselineFromAnotherMachineWarnsInsteadOfFailingOnTime) {
  const Json doc = {{"version", 1}, {"baseline", {{{"id", "time"}, {"max_slowdown", 0.1}}}}};
  BaselineSet baseline;
  baseline.files = {file("node", {row("node", "fast", around(100), kThreeRounds)})};
  const auto current = std::vector<LoadedResults>{file("node", {row("node", "fast", around(200), kThreeRounds)})};
  EXPECT_EQ(evaluateGates(config(doc), current, baseline).results[0].verdict, Verdict::fail);
  baseline.same_machine = false;
  baseline.note = "taken on other-cpu-4cpu, this run is on test-cpu-2cpu";
  const auto elsewhere = evaluateGates(config(doc), current, baseline);
  EXPECT_EQ(elsewhere.results[0].verdict, Verdict::warn);
  EXPECT_NE(elsewhere.results[0].note.find("different machine"), std::string::npos);
}

TEST(Gates, RowsABaselineGateExceptsAreLeftToAnotherGate) {
  // First calls (compiling the module) gated loosely, every other row tightly.
  const Json doc = {{"version", 1},
                    {"baseline",
                     {{{"id", "time"}, {"except", {{"variant", "slow"}}}, {"max_slowdown", 0.1}},
                      {{"id", "first-call"}, {"rows", {{"variant", "slow"}}}, {"max_slowdown", 2.0}}}}};
  BaselineSet baseline;
  baseline.files = {file("node", {row("node", "fast", around(100), kThreeRounds), row("node", "slow", around(100), kThreeRounds)})};
  const auto current = std::vector<LoadedResults>{
      file("node", {row("node", "fast", around(100), kThreeRounds), row("node", "slow", around(200), kThreeRounds)})};
  const auto report = evaluateGates(config(doc), current, baseline);
  ASSERT_EQ(report.results.size(), 2u);
  EXPECT_EQ(report.results[0].gate_id, "time");
  EXPECT_EQ(report.results[0].subject, current[0].file.rows[0].name());
  EXPECT_EQ(report.results[0].verdict, Verdict::pass);
  EXPECT_EQ(report.results[1].gate_id, "first-call");
  EXPECT_EQ(report.results[1].verdict, Verdict::pass);  // +100% is within +200%
  const Json typo = {{"version", 1}, {"baseline", {{{"id", "x"}, {"except", {{"varient", "a"}}}, {"max_slowdown", 0.1}}}}};
  EXPECT_THROW(
      {
        try {
          config(typo);
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "gates.json: baseline[0].except.varient: unknown field (a typo?)");
          throw;
        }
      },
      std::runtime_error);
}

TEST(Gates, ABaselineWhoseCalibrationDiffersCountsAsAnotherMachine) {
  namespace fs = std::filesystem;
  const std::string root = "/tmp/tollgate-baselines-test";
  fs::remove_all(root);
  fs::create_directories(root + "/test-cpu-2cpu");
  LoadedResults base = file("native", {row("native", "kernel", around(100), kThreeRounds)});
  base.file.context["calibration_ns"] = 10e6;
  base.file.context = {{"date", "d"}, {"host_name", "h"}, {"num_cpus", 2}, {"cpu_model", "Test CPU"}, {"os", "o"},
                       {"runtime", "native"}, {"runtime_version", "v"}, {"compiler", "c"}, {"compiler_flags", ""},
                       {"build_type", "Release"}, {"tollgate_version", "0"}, {"profile", "quick"}, {"calibration_ns", 10e6}};
  std::ofstream(root + "/test-cpu-2cpu/native.json") << toJson(base.file).dump();

  auto current = std::vector<LoadedResults>{base};
  current[0].file.context["calibration_ns"] = 10.8e6;
  auto same = findBaseline(root, current);
  ASSERT_TRUE(same.has_value());
  EXPECT_TRUE(same->same_machine);
  ASSERT_EQ(same->files.size(), 1u);

  current[0].file.context["calibration_ns"] = 14e6;
  auto slower = findBaseline(root, current);
  EXPECT_FALSE(slower->same_machine);
  EXPECT_NE(slower->note.find("calibration loop ran 1.40x"), std::string::npos) << slower->note;

  current[0].file.context["cpu_model"] = "Other CPU";
  auto other = findBaseline(root, current);
  EXPECT_FALSE(other->same_machine);
  EXPECT_EQ(other->note, "taken on test-cpu-2cpu, this run is on other-cpu-2cpu");
  EXPECT_FALSE(findBaseline("/tmp/tollgate-no-such-dir", current).has_value());
}

TEST(Gates, OnABusyMachineASlowerTimeWarnsAndSaysWhy) {
  const Json doc = {{"version", 1}, {"baseline", {{{"id", "time"}, {"max_slowdown", 0.1}}}}};
  BaselineSet baseline;
  baseline.files = {file("node", {row("node", "fast", around(100), kThreeRounds)})};
  auto current = std::vector<LoadedResults>{file("node", {row("node", "fast", around(200), kThreeRounds)})};
  current[0].file.context["load_average"] = 1.5;  // our own process: not busy on 2 CPUs
  EXPECT_EQ(evaluateGates(config(doc), current, baseline).results[0].verdict, Verdict::fail);
  current[0].file.context["load_average"] = 6.3;
  const auto busy = evaluateGates(config(doc), current, baseline);
  EXPECT_EQ(busy.results[0].verdict, Verdict::warn);
  EXPECT_EQ(busy.results[0].note, "slower, but the machine was busy during the node run (load 6.3 on 2 CPUs)");
  current[0].file.context["load_average"] = 1.0;
  baseline.files[0].file.context["load_average"] = 4.0;
  EXPECT_NE(evaluateGates(config(doc), current, baseline).results[0].note.find("baseline's node run was taken on a busy machine"),
            std::string::npos);
}

TEST(Gates, MachineKindIsASlugOfCpuModelAndCount) {
  EXPECT_EQ(machineKind({{"cpu_model", "Intel(R) Xeon(R) Processor"}, {"num_cpus", 2}}), "intel-r-xeon-r-processor-2cpu");
}

// A/A, simulated from recorded rounds: draw "current" and "baseline" runs of five
// rounds each (with replacement) from the same five recorded processes, and gate one
// against the other.
// The same build must pass; this measures how often it would not.
TEST(Gates, AaFalseFailureRateFromRecordedRoundsIsLow) {
  const Json doc = {{"version", 1}, {"min_rounds", 5}, {"resamples", 400},
                    {"baseline", {{{"id", "time"}, {"max_slowdown", 0.25}}}}};
  const GateConfig gates = config(doc);
  std::size_t trials = 0, failures = 0, undecided = 0;
  std::uint64_t state = 42;
  auto draw = [&](std::size_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>((state >> 33) % n);
  };
  for (const char* name : {"rounds-node.json", "rounds-chromium.json"}) {
    const LoadedResults recorded = loadResultsFile(test::sourcePath(std::string("harness/test/fixtures/") + name));
    for (int t = 0; t < 25; ++t) {
      auto pick = [&](int label_base) {
        LoadedResults f = recorded;
        for (ResultRow& r : f.file.rows) {
          std::map<int, std::vector<double>> by_round;
          for (std::size_t i = 0; i < r.samples_ns.size(); ++i) by_round[r.sample_rounds[i]].push_back(r.samples_ns[i]);
          std::vector<int> rounds;
          for (auto& [k, v] : by_round) rounds.push_back(k);
          r.samples_ns.clear();
          r.sample_rounds.clear();
          for (int k = 0; k < 5; ++k) {
            const int chosen = rounds[draw(rounds.size())];
            for (double v : by_round[chosen]) {
              r.samples_ns.push_back(v);
              r.sample_rounds.push_back(label_base + k);
            }
          }
        }
        return f;
      };
      BaselineSet base;
      base.files = {pick(1)};
      const GateReport report = evaluateGates(gates, {pick(11)}, base);
      for (const GateResult& g : report.results) {
        ++trials;
        failures += g.verdict == Verdict::fail;
        undecided += g.verdict == Verdict::undecided;
      }
    }
  }
  std::printf("A/A from recorded rounds: %zu comparisons, %zu false failures (%.2f%%), %zu undecided\n", trials,
              failures, 100.0 * failures / trials, undecided);
  ASSERT_GT(trials, 400u);
  EXPECT_LE(static_cast<double>(failures) / trials, 0.01);
}

}  // namespace
}  // namespace tollgate
