// The main job's rounds with a mock Executor (no real process): what each runner is
// asked to run, that every case runs twice and then only undecided ones, that the
// budget stops it, and that the run verb's outputs are written.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "test_rows.h"
#include "analysis/comparisons.h"
#include "analysis/count_gates.h"
#include "cli/run_rounds.h"
#include "cli/verbs.h"
#include "tollgate/results.h"

namespace tollgate::cli {
namespace {

namespace fs = std::filesystem;

std::string argAfter(const Command& c, const std::string& flag) {
  for (std::size_t i = 0; i + 1 < c.argv.size(); ++i) {
    if (c.argv[i] == flag) return c.argv[i + 1];
  }
  return "";
}

ResultRow row(const std::string& runtime, const std::string& variant, int n, double center_ns) {
  ResultRow r = test::testRow(runtime, variant, n, 1);
  r.item = "item";
  for (double d : {-0.01, 0.0, 0.01}) r.samples_ns.push_back(center_ns * (1 + d));
  return r;
}

// A runner that writes rows for two cases: n=1, where node is twice native in every
// round (decided at once), and n=2, where node's process lands 10% above native in
// one round and 10% below in the next (never decided). Each process "takes" `seconds`.
class MockRunners : public Executor {
 public:
  Outcome run(const Command& c) override {
    if (c.argv[0] == "git") return {1, 0, ""};  // no commit to name
    commands.push_back(c);
    const std::string runtime = c.argv[0].find("tollgate_native") != std::string::npos ? "native"
                                : c.argv[1].find("run-node") != std::string::npos   ? "node"
                                                                                    : "chromium";
    const std::string filter = argAfter(c, "--filter");
    ResultsFile file;
    file.context = {{"date", "2026-01-01T00:00:00Z"}, {"host_name", "t"}, {"num_cpus", 2}, {"cpu_model", "Test CPU"},
                    {"os", "Linux"}, {"runtime", runtime}, {"runtime_version", "1"}, {"compiler", "c"},
                    {"compiler_flags", ""}, {"build_type", "Release"}, {"tollgate_version", "0"},
                    {"profile", argAfter(c, "--profile")}};
    // The JS runners always count (the modules' counting builds); natively only with --instructions.
    const bool counts = runtime != "native" || std::find(c.argv.begin(), c.argv.end(), "--instructions") != c.argv.end();
    if (counts) {
      file.context["counting"] = {{"tool", "t"}, {"tool_version", "1"}, {"unit", "instructions"},
                                  {"toolchain", runtime == "native" ? "GNU 12 | -O3" : "Emscripten 3.1.6 | -O3"}};
    }
    std::vector<ResultRow> rows;
    if (runtime == "native") {
      rows = {row("native", "kernel", 1, 1000), row("native", "kernel", 2, 1000)};
    } else if (runtime == noisy) {
      const double mode = ++js_processes % 2 == 0 ? 1.1 : 0.9;
      rows = {row(runtime, "plain", 1, 2000), row(runtime, "plain", 2, 1000 * mode)};
    } else {
      rows = {row(runtime, "plain", 1, 2000), row(runtime, "plain", 2, 2000)};
    }
    for (const ResultRow& r : rows) {
      if (filter.empty() || std::regex_search(r.name(), std::regex(filter))) file.rows.push_back(r);
    }
    std::ofstream(argAfter(c, "--out")) << toJson(file).dump(2);
    return {0, seconds, ""};
  }
  std::vector<Command> commands;
  double seconds = 10;
  int js_processes = 0;
  std::string noisy = "node";  // the runtime whose n:2 row never settles
};

struct Fixture : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("tollgate-rounds-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::ostringstream out, err;
  MockRunners runners;
  Env env{out, err};
  RoundsSettings settings;
  void SetUp() override {
    fs::remove_all(dir);
    env.executor = &runners;
    env.root = "/repo";
    env.bin_dir = "/repo/build/native/bin";
    settings.suites = {{"w", "/repo/workloads/w/suite.json"}};
    settings.runtimes = {"native", "node"};
    settings.out_dir = dir.string();
    settings.env = {{"TOLLGATE_GIT_COMMIT", "abc1234"}};
  }
  void TearDown() override { fs::remove_all(dir); }
};

TEST_F(Fixture, RunnerCommandsNameSuitesProfileOutputAndFilter) {
  settings.variants = {"single", "batch"};
  const Command native = runnerCommand(settings, env, "native", "/o/n.json", "");
  EXPECT_EQ(native.argv, (std::vector<std::string>{"/repo/build/native/bin/tollgate_native", "--suite",
                                                   "/repo/workloads/w/suite.json", "--profile", "quick", "--out",
                                                   "/o/n.json"}));
  const Command chromium = runnerCommand(settings, env, "chromium", "/o/c.json", "^(a)$");
  EXPECT_EQ(chromium.argv, (std::vector<std::string>{"node", "/repo/runners/browser/run-browser.mjs", "--suite", "w",
                                                     "--variants", "single,batch", "--profile", "quick", "--out",
                                                     "/o/c.json", "--filter", "^(a)$"}));
  EXPECT_EQ(chromium.env.at("TOLLGATE_GIT_COMMIT"), "abc1234");
}

TEST_F(Fixture, EveryCaseRunsTwiceThenOnlyTheUndecidedOnes) {
  settings.max_rounds = 4;
  const RoundsOutcome o = runRounds(settings, env);
  ASSERT_EQ(runners.commands.size(), 8u);  // 4 rounds x 2 runtimes
  for (int i = 0; i < 4; ++i) EXPECT_EQ(argAfter(runners.commands[i], "--filter"), "") << i;
  for (int i = 4; i < 8; ++i) {
    const std::string filter = argAfter(runners.commands[i], "--filter");
    EXPECT_EQ(filter.find("n:1"), std::string::npos) << filter;  // decided: never again
    EXPECT_NE(filter.find("n:2"), std::string::npos) << filter;
  }
  EXPECT_EQ(argAfter(runners.commands[4], "--filter"), "^(w\\.op/kernel/n:2)$");
  EXPECT_EQ(o.rounds, 4);
  EXPECT_EQ(o.stopped, "max_rounds");
  EXPECT_EQ(o.unsettled, std::vector<std::string>{"w.op/n:2"});
  EXPECT_DOUBLE_EQ(o.seconds, 80);
  // The pooled files hold every round, numbered.
  const LoadedResults node = loadResultsFile((dir / "node.json").string());
  EXPECT_EQ(node.file.rows[0].sample_rounds, (std::vector<int>{1, 1, 1, 2, 2, 2}));
  EXPECT_EQ(node.file.rows[1].sample_rounds, (std::vector<int>{1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}));
  EXPECT_NE(out.str().find("==> round 2 of at most 4: native, every case (0:20 elapsed, ~0:20 left of the first 2 rounds)"),
            std::string::npos) << out.str();
  EXPECT_NE(out.str().find("==> round 3 of at most 4: native, 1 benchmark(s) (0:40 elapsed, ~0:09 planned for this round)"),
            std::string::npos) << out.str();
}

TEST_F(Fixture, OnlyTheRuntimesOfUndecidedComparisonsRunAgain) {
  settings.runtimes = {"native", "node", "chromium"};
  settings.max_rounds = 3;
  runners.noisy = "chromium";  // node's n:2 is twice native every time: decided after 2 rounds
  runRounds(settings, env);
  ASSERT_EQ(runners.commands.size(), 8u);  // 2 rounds x 3 runtimes, then native and chromium only
  EXPECT_NE(runners.commands[6].argv[0].find("tollgate_native"), std::string::npos);
  EXPECT_NE(runners.commands[7].argv[1].find("run-browser"), std::string::npos);
  EXPECT_EQ(argAfter(runners.commands[7], "--filter"), "^(w\\.op/plain/n:2)$");
}

TEST_F(Fixture, TheBudgetStopsRoundsThatWouldNotFit) {
  settings.budget_s = 45;  // two rounds take 40 s; a third would need about 10 more
  const RoundsOutcome o = runRounds(settings, env);
  EXPECT_EQ(o.rounds, 2);
  EXPECT_EQ(o.stopped, "budget");
  EXPECT_EQ(runners.commands.size(), 4u);
}

TEST_F(Fixture, FixedRoundsRunEverythingEveryTime) {
  settings.min_rounds = settings.max_rounds = 3;
  const RoundsOutcome o = runRounds(settings, env);
  EXPECT_EQ(runners.commands.size(), 6u);
  for (const Command& c : runners.commands) EXPECT_EQ(argAfter(c, "--filter"), "");
  EXPECT_EQ(o.stopped, "fixed");
}

TEST_F(Fixture, ComparisonsAreDecidedOnProcessRounds) {
  settings.max_rounds = 3;
  const RoundsOutcome o = runRounds(settings, env);
  EXPECT_EQ(o.rounds, 3);
  const std::vector<Comparison> c = compareRows({loadResultsFile((dir / "native.json").string()),
                                                 loadResultsFile((dir / "node.json").string())});
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].decision, Decision::slower);  // node twice native on n:1
  EXPECT_EQ(c[0].reference_label, "native kernel");
}

TEST_F(Fixture, TheRunVerbWritesPooledResultsSummaryAndReport) {
  std::vector<Verb> verbs = {runVerb()};
  env.root = fs::absolute(TOLLGATE_SOURCE_DIR).string();
  env.manifest = TOLLGATE_WORKLOAD_MANIFEST;
  const int status =
      runCli(verbs, {"run", "--runtime", "native,node", "--suite", "vector", "--rounds", "2", "--out", dir.string()}, env);
  EXPECT_EQ(status, 0) << err.str();
  EXPECT_TRUE(fs::exists(dir / "native.json"));
  EXPECT_TRUE(fs::exists(dir / "node.json"));
  EXPECT_TRUE(fs::exists(dir / "report.html"));
  EXPECT_NE(out.str().find("Comparisons (95% intervals"), std::string::npos) << out.str();
  EXPECT_EQ(argAfter(runners.commands[1], "--suite"), "vector");
  EXPECT_TRUE(fs::exists(dir / "gates" / "gate-verdict.json"));
}

TEST_F(Fixture, TheBaselineVerbStoresThePooledRoundsUnderTheMachineKind) {
  std::vector<Verb> verbs = {baselineVerb()};
  env.manifest = TOLLGATE_WORKLOAD_MANIFEST;
  const int status = runCli(verbs, {"baseline", "--rounds", "2", "--baselines", (dir / "baselines").string(), "--work",
                                    (dir / "work").string()},
                            env);
  ASSERT_EQ(status, 0) << err.str();
  const fs::path kind = dir / "baselines" / "test-cpu-2cpu";
  for (const char* file : {"native.json", "node.json", "chromium.json", "machine.json"}) {
    EXPECT_TRUE(fs::exists(kind / file)) << file << "\n" << out.str();
  }
  EXPECT_EQ(runners.commands.size(), 7u);  // 2 rounds x 3 runtimes, and native once more under callgrind
  EXPECT_EQ(runners.commands.back().argv.back(), "--instructions");
  EXPECT_EQ(loadResultsFile((kind / "node.json").string()).file.context.value("rounds", 0), 2);
  // The count baselines, keyed by toolchain, not by machine.
  const fs::path counts = dir / "baselines" / "counts";
  EXPECT_TRUE(fs::exists(counts / toolchainId("GNU 12 | -O3") / "native.json")) << out.str();
  for (const char* runtime : {"node.json", "chromium.json"}) {
    EXPECT_TRUE(fs::exists(counts / toolchainId("Emscripten 3.1.6 | -O3") / runtime)) << runtime << "\n" << out.str();
  }
  EXPECT_NE(out.str().find("count baseline written to"), std::string::npos);
}

}  // namespace
}  // namespace tollgate::cli
