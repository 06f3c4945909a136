// Count gates (analysis/count_gates.h): instructions per item against the
// toolchain's baseline, without statistics; identical counts for one build in
// two runtimes; baselines found by toolchain on disk.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_rows.h"
#include "analysis/count_gates.h"
#include "analysis/gates.h"

namespace tollgate {
namespace {

using Json = nlohmann::json;

const std::string kWasm = "Emscripten 3.1.6 (Clang 14.0.6) | -O3 | wasm-opt version 108 | tollgate-wasm-count 1";

ResultRow counted(const std::string& runtime, const std::string& variant, std::uint64_t per_op,
                  std::uint64_t compute = 0) {
  ResultRow r = test::testRow(runtime, variant);
  r.samples_ns = {100, 110, 120};
  if (per_op > 0) {
    InstructionCounts n;
    n.per_op = per_op;
    n.phases = PhaseCounts{0, per_op - (compute ? compute : per_op), compute ? compute : per_op, 0, 0};
    n.uncounted = {"js"};
    r.instructions = n;
  }
  return r;
}

LoadedResults file(const std::string& runtime, std::vector<ResultRow> rows, const std::string& toolchain = kWasm) {
  LoadedResults f;
  f.path = runtime + ".json";
  f.file.context = {{"date", "2026-11-28T00:00:00Z"}, {"host_name", ""}, {"num_cpus", 2}, {"cpu_model", "Test CPU"},
                    {"os", "Linux"}, {"runtime", runtime}, {"runtime_version", "1"}, {"compiler", "c"},
                    {"compiler_flags", ""}, {"build_type", "Release"}, {"tollgate_version", "0"}, {"profile", "quick"}};
  if (!toolchain.empty()) {
    f.file.context["counting"] = {{"tool", "t"}, {"tool_version", "1"}, {"unit", "u"}, {"toolchain", toolchain}};
  }
  f.file.rows = std::move(rows);
  return f;
}

GateConfig countConfig(double max_increase = 0.01, const std::string& metric = "instructions") {
  return parseGateConfig({{"version", 1},
                          {"count", {{{"id", "instructions"}, {"metric", metric}, {"max_increase", max_increase}}}}},
                         "gates.json");
}

CountBaseline baselineOf(LoadedResults f) {
  CountBaseline b;
  b.runtime = f.file.context["runtime"];
  b.path = "counts/" + f.path;
  b.toolchain = f.file.context["counting"]["toolchain"];
  b.file = std::move(f);
  return b;
}

const GateResult& only(const GateReport& report, const std::string& id) {
  const GateResult* found = nullptr;
  for (const GateResult& r : report.results) {
    if (r.gate_id != id) continue;
    EXPECT_EQ(found, nullptr) << "more than one " << id << " result";
    found = &r;
  }
  EXPECT_NE(found, nullptr) << "no " << id << " result";
  return *found;
}

TEST(CountGates, FailBeyondTheAllowanceNamingTheRowTheBaselineTheCountAndTheChange) {
  const std::vector<CountBaseline> base = {baselineOf(file("node", {counted("node", "v", 100000)}))};
  auto gate = [&](std::uint64_t now) {
    return evaluateGates(countConfig(), {file("node", {counted("node", "v", now)})}, std::nullopt, base);
  };
  EXPECT_EQ(only(gate(101000), "instructions").verdict, Verdict::pass);  // +1.00%: at the limit
  const GateReport failed = gate(101001);
  const GateResult& r = only(failed, "instructions");
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_EQ(r.kind, "count");
  EXPECT_EQ(r.subject, "w.op/v/n:10");
  EXPECT_EQ(r.runtime, "node");
  EXPECT_DOUBLE_EQ(*r.baseline_value, 10000.0);
  EXPECT_DOUBLE_EQ(r.measured, 10100.1);
  EXPECT_EQ(r.note, "baseline 10000.0, now 10100.1 instructions per item (+1.00%)");
  EXPECT_EQ(r.expected, "<= +1.00%");
  const GateResult& fewer = only(gate(90000), "instructions");
  EXPECT_EQ(fewer.verdict, Verdict::pass);
  EXPECT_NE(fewer.note.find("-10.00%): fewer than the baseline, refresh it to keep the gain"), std::string::npos) << fewer.note;
}

TEST(CountGates, GateAPhaseOnItsOwn) {
  // The compute phase grew 2%, the whole operation 1%: only the phase gate sees it past 1.5%.
  const std::vector<CountBaseline> base = {baselineOf(file("node", {counted("node", "v", 200000, 100000)}))};
  const auto current = std::vector<LoadedResults>{file("node", {counted("node", "v", 202000, 102000)})};
  EXPECT_EQ(only(evaluateGates(countConfig(0.015), current, std::nullopt, base), "instructions").verdict, Verdict::pass);
  EXPECT_EQ(only(evaluateGates(countConfig(0.015, "instructions.compute"), current, std::nullopt, base), "instructions").verdict,
            Verdict::fail);
}

TEST(CountGates, WhatCannotBeComparedSaysWhy) {
  const std::vector<CountBaseline> base = {baselineOf(file("node", {counted("node", "v", 1000)}))};
  // A row whose counting failed in a run that counts: a failure, not a silent pass.
  const GateResult& lost = only(evaluateGates(countConfig(), {file("node", {counted("node", "v", 0)})}, std::nullopt, base),
                                "instructions");
  EXPECT_EQ(lost.verdict, Verdict::fail);
  EXPECT_NE(lost.note.find("no instruction count for this row, and the baseline has one"), std::string::npos);
  // A row counted neither then nor now (a module from outside): nothing to gate.
  const GateReport neither = evaluateGates(countConfig(), {file("node", {counted("node", "outside", 0)})}, std::nullopt,
                                           {baselineOf(file("node", {counted("node", "outside", 0)}))});
  EXPECT_TRUE(neither.results.empty());
  // A new row.
  const GateResult& fresh = only(evaluateGates(countConfig(), {file("node", {counted("node", "new", 1000)})}, std::nullopt, base),
                                 "instructions");
  EXPECT_EQ(fresh.verdict, Verdict::pass);
  EXPECT_EQ(fresh.note, "new row: no baseline count");
  // No baseline for the runtime at all: one warning per gate and runtime, saying
  // how many counted rows are new (never a pass, never a failure), and the report
  // names the runtime.
  const GateReport none = evaluateGates(
      countConfig(), {file("chromium", {counted("chromium", "v", 1000), counted("chromium", "w", 2000)})}, std::nullopt, base);
  const GateResult& missing = only(none, "instructions");
  EXPECT_EQ(missing.verdict, Verdict::warn);
  EXPECT_EQ(missing.measured, 2);
  EXPECT_NE(missing.note.find("no count baseline for chromium"), std::string::npos) << missing.note;
  EXPECT_NE(missing.note.find("its 2 counted rows are new, not gated"), std::string::npos) << missing.note;
  EXPECT_EQ(none.count_missing, std::vector<std::string>{"chromium"});
  EXPECT_FALSE(none.failed());
  // A run that counted nothing (native without --instructions): one warning, not one failure per row.
  const GateReport uncounted = evaluateGates(countConfig(), {file("native", {counted("native", "a", 0), counted("native", "b", 0)}, "")},
                                             std::nullopt, base);
  ASSERT_EQ(uncounted.results.size(), 1u);
  EXPECT_EQ(uncounted.results[0].verdict, Verdict::warn);
  EXPECT_NE(uncounted.results[0].note.find("--instructions"), std::string::npos);
}

TEST(CountGates, AnotherToolchainsBaselineWarnsAndSaysWhatDiffers) {
  const std::string other = "Emscripten 3.1.7 (Clang 15.0.0) | -O3 | wasm-opt version 108 | tollgate-wasm-count 1";
  CountBaseline base = baselineOf(file("node", {counted("node", "v", 1000)}, other));
  base.same_toolchain = false;
  base.note = "the difference";
  const GateResult& r = only(evaluateGates(countConfig(), {file("node", {counted("node", "v", 2000)})}, std::nullopt, {base}),
                             "instructions");
  EXPECT_EQ(r.verdict, Verdict::warn);
  EXPECT_NE(r.note.find("another toolchain: the difference"), std::string::npos) << r.note;
}

TEST(CountGates, OneBuildCountsTheSameInEveryRuntime) {
  const GateReport same = evaluateGates(countConfig(), {file("node", {counted("node", "v", 1234)}),
                                                        file("chromium", {counted("chromium", "v", 1234)})},
                                        std::nullopt, {});
  EXPECT_EQ(only(same, "identical-counts").verdict, Verdict::pass);
  const GateReport differ = evaluateGates(countConfig(), {file("node", {counted("node", "v", 1234)}),
                                                          file("chromium", {counted("chromium", "v", 1235)})},
                                          std::nullopt, {});
  const GateResult& r = only(differ, "identical-counts");
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_EQ(r.note, "node counted 1234, chromium 1235 per operation: the same build must count the same everywhere");
  // Different toolchains (native against wasm) are not compared.
  const GateReport apart = evaluateGates(countConfig(), {file("native", {counted("native", "v", 1)}, "GNU 12 | x"),
                                                         file("node", {counted("node", "v", 2)})},
                                         std::nullopt, {});
  for (const GateResult& g : apart.results) EXPECT_NE(g.gate_id, "identical-counts");
}

TEST(CountGates, ConfigurationErrorsNameTheField) {
  auto error = [](const Json& gate) {
    try {
      parseGateConfig({{"version", 1}, {"count", {gate}}}, "ci/gates.json");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error({{"id", "c"}}), "ci/gates.json: count[0].max_increase: missing");
  EXPECT_EQ(error({{"id", "c"}, {"max_increase", 0.01}, {"metric", "counters.crossings"}}),
            "ci/gates.json: count[0].metric: count gates compare instructions, found 'counters.crossings'");
  EXPECT_EQ(error({{"id", "c"}, {"max_increase", 0.01}, {"metric", "instructions.computer"}}),
            "ci/gates.json: count[0].metric: 'instructions.computer': no phase named 'computer'");
  EXPECT_EQ(error({{"id", "c"}, {"max_increase", 0.01}, {"description", 5}}),
            "ci/gates.json: count[0].description: expected a string, found 5");
}

TEST(CountBaselines, AreKeyedByToolchainAndFoundOnDisk) {
  const std::string id = toolchainId(kWasm);
  EXPECT_EQ(id.rfind("emscripten-3-1-6-clang-14-0-6-", 0), 0u) << id;
  EXPECT_EQ(id.size(), std::string("emscripten-3-1-6-clang-14-0-6-").size() + 8);
  EXPECT_NE(toolchainId(kWasm + " "), id);

  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("tollgate-count-baselines-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  fs::remove_all(root);
  const std::string other = "Emscripten 3.1.7 (Clang 15.0.0) | -O3 | wasm-opt version 109 | tollgate-wasm-count 1";
  fs::create_directories(root / "counts" / toolchainId(other));
  std::ofstream(root / "counts" / toolchainId(other) / "node.json") << toJson(file("node", {counted("node", "v", 5)}, other).file).dump();
  const auto found = findCountBaselines(root.string(), {file("node", {counted("node", "v", 5)})});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].same_toolchain);
  EXPECT_EQ(found[0].note,
            "baseline 'Emscripten 3.1.7 (Clang 15.0.0)', this run 'Emscripten 3.1.6 (Clang 14.0.6)'; "
            "baseline 'wasm-opt version 109', this run 'wasm-opt version 108'");
  fs::create_directories(root / "counts" / id);
  std::ofstream(root / "counts" / id / "node.json") << toJson(file("node", {counted("node", "v", 5)}).file).dump();
  const auto same = findCountBaselines(root.string(), {file("node", {counted("node", "v", 5)})});
  ASSERT_EQ(same.size(), 1u);
  EXPECT_TRUE(same[0].same_toolchain);
  // The machine baselines beside them never take "counts" for a kind of machine.
  EXPECT_FALSE(findBaseline(root.string(), {file("node", {})}).has_value());
  fs::remove_all(root);
}

}  // namespace
}  // namespace tollgate
