// `tollgate fuzz`: libFuzzer's output read right (logs recorded from clang-14's
// libFuzzer), and a target's campaign driven through a fake process runner.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "fuzz/campaign.h"
#include "fuzz/ledger.h"

namespace tollgate::fuzz {
namespace {

namespace fs = std::filesystem;

const char* kFuzzDone = R"(INFO: Running with entropic power schedule (0xFF, 100).
INFO: Seed: 646804376
INFO:      431 files found in /tmp/tf
#432	INITED cov: 1008 ft: 2929 corp: 347/107Kb exec/s: 0 rss: 46Mb
#1303	NEW    cov: 1010 ft: 2936 corp: 353/110Kb lim: 1237 exec/s: 0 rss: 54Mb L: 246/1237 MS: 1 ChangeBit-
#31031	DONE   cov: 1012 ft: 2990 corp: 361/112Kb lim: 1237 exec/s: 2821 rss: 332Mb
Done 31031 runs in 11 second(s)
stat::number_of_executed_units: 31031
stat::average_exec_per_sec:     2821
stat::new_units_added:          1210
stat::slowest_unit_time_sec:    0
stat::peak_rss_mb:              332
)";

const char* kFuzzTimeout = R"(#18469	REDUCE cov: 38 ft: 38 corp: 11/31b lim: 156 exec/s: 9234 rss: 32Mb L: 3/3 MS: 1 ChangeBit-
ALARM: working on the last Unit for 2 seconds
       and the timeout value is 2 (use -timeout=N to change)
MS: 1 CopyPart-; base unit: d66ea66b50c0fe23e4b96d1717eca85ecbe3eb21
artifact_prefix='/tmp/fz/art/'; Test unit written to /tmp/fz/art/timeout-beb8219366e5261e8917b251737f5896f8cff1f6
Base64: U0xQU0xQ
==11012== ERROR: libFuzzer: timeout after 2 seconds
SUMMARY: libFuzzer: timeout
)";

const char* kReplayAbort = R"(./t: Running 2 inputs 1 time(s) each.
Running: corpus/seed-1
Executed corpus/seed-1 in 0 ms
Running: corpus/regress-index
a refused call changed the index
==10548== ERROR: libFuzzer: deadly signal
    #0 0x55d1 in __sanitizer_print_stack_trace
SUMMARY: libFuzzer: deadly signal
)";

const char* kAsanCrash = R"(==9== ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000018
SUMMARY: AddressSanitizer: heap-buffer-overflow workloads/vector/hnsw_index.cc:144:29 in tollgate::vector::HnswIndex::connect
MS: 1 ChangeBit-; base unit: 0000
artifact_prefix='out/artifacts/vector_params/'; Test unit written to out/artifacts/vector_params/crash-5ba93c9db0cff93f52b521d7420e43f6eda2784f
)";

TEST(LibFuzzerOutput, FinalStatsAndCoverage) {
  const RunStats s = parseLibFuzzerOutput(kFuzzDone);
  EXPECT_EQ(s.executions, 31031u);
  EXPECT_EQ(s.exec_per_second, 2821u);
  EXPECT_EQ(s.coverage, 1012u);
  EXPECT_EQ(s.features, 2990u);
  EXPECT_EQ(s.corpus, 361u);
  EXPECT_EQ(s.peak_rss_mb, 332u);
  EXPECT_EQ(s.finding, "");
}

TEST(LibFuzzerOutput, FindingsAreNamedWithTheirInput) {
  const RunStats timeout = parseLibFuzzerOutput(kFuzzTimeout);
  EXPECT_EQ(timeout.finding, "timeout");
  EXPECT_EQ(timeout.artifact, "/tmp/fz/art/timeout-beb8219366e5261e8917b251737f5896f8cff1f6");
  EXPECT_EQ(timeout.summary, "libFuzzer: timeout");
  EXPECT_EQ(timeout.executions, 18469u);  // no final stats after a finding: the last status line

  const RunStats crash = parseLibFuzzerOutput(kAsanCrash);
  EXPECT_EQ(crash.finding, "crash");
  EXPECT_EQ(crash.artifact, "out/artifacts/vector_params/crash-5ba93c9db0cff93f52b521d7420e43f6eda2784f");
  EXPECT_EQ(crash.summary.rfind("AddressSanitizer: heap-buffer-overflow workloads/vector/hnsw_index.cc:144:29", 0), 0u);

  // Replaying files writes no artifact: the input is the one last started.
  const RunStats replay = parseLibFuzzerOutput(kReplayAbort);
  EXPECT_EQ(replay.finding, "crash");
  EXPECT_EQ(replay.input, "corpus/regress-index");
  EXPECT_EQ(replay.summary, "libFuzzer: deadly signal (after: a refused call changed the index)");
}

// A fake process runner: canned logs per stage, recording what was run.
struct FakeFuzzer {
  std::string fuzz_log = kFuzzDone;
  int fuzz_status = 0;
  std::string replay_log = "Running: a\nExecuted a in 0 ms\n";
  int replay_status = 0;
  std::vector<std::vector<std::string>> calls;

  ProcessExit operator()(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                 const std::string& log, double) {
    calls.push_back(argv);
    auto has = [&](const std::string& prefix) {
      for (const auto& a : argv) {
        if (a.rfind(prefix, 0) == 0) return true;
      }
      return false;
    };
    std::ofstream out(log);
    if (has("-max_total_time=")) {
      out << fuzz_log;
      return {fuzz_status, 11.0};
    }
    if (has("-merge=1")) {
      const fs::path merged = argv[argv.size() - 3];
      std::ofstream(merged / "kept-1") << "x";
      std::ofstream(merged / "kept-2") << "yy";
      return 0;
    }
    if (has("-runs=0")) {
      const std::string slowest = env.at("TOLLGATE_FUZZ_SLOWEST");
      std::ofstream(slowest) << "yy";
      std::ofstream(slowest + ".txt") << "1500000 2\n";
      return 0;
    }
    out << replay_log;
    return replay_status;
  }
};

struct Sandbox {
  fs::path root = fs::temp_directory_path() / ("tollgate-fuzz-test-" + std::to_string(::getpid()));
  TargetSpec target;
  CampaignOptions options;
  Sandbox() {
    fs::remove_all(root);
    fs::create_directories(root / "corpus");
    std::ofstream(root / "corpus" / "seed-1") << "seed";
    std::ofstream(root / "fuzzer") << "";
    fs::create_directories(root / "golden");
    std::ofstream(root / "golden" / "doc.html") << "<p>x</p>";
    target = {"demo", (root / "fuzzer").string(), (root / "corpus").string(),
              {(root / "golden").string(), (root / "absent").string()}, std::nullopt, 4096};
    options.seconds_per_target = 10;
    options.out_dir = (root / "out").string();
    options.work_dir = (root / "work").string();
  }
  ~Sandbox() { fs::remove_all(root); }
};

TEST(FuzzCampaign, ReplaysFuzzesMergesAndFindsTheSlowestInput) {
  Sandbox box;
  FakeFuzzer fake;
  const TargetResult r = runTarget(box.target, box.options, std::ref(fake));
  EXPECT_EQ(r.error, "");
  EXPECT_FALSE(r.found());
  EXPECT_EQ(r.replayed, 2u);  // the committed seed and the golden document; the absent folder is skipped
  EXPECT_EQ(r.fuzz.executions, 31031u);
  EXPECT_EQ(r.corpus_after_run, 2u);
  EXPECT_DOUBLE_EQ(r.slowest_ms, 1.5);
  EXPECT_EQ(r.slowest_bytes, 2u);
  EXPECT_DOUBLE_EQ(r.fuzz_cpu_seconds, 11.0);  // what the fuzzing process used, not the wall time
  ASSERT_EQ(fake.calls.size(), 4u);  // replay, fuzz, merge, slowest
  // The fuzzing run: the working corpus first (new inputs land there), the committed one read only.
  const auto& fuzz = fake.calls[1];
  EXPECT_EQ(fuzz[fuzz.size() - 2], box.options.work_dir + "/demo");
  EXPECT_EQ(fuzz.back(), box.target.corpus);
  EXPECT_TRUE(fs::exists(fs::path(box.options.work_dir) / "demo" / "kept-1"));  // the merged set replaced it

  TargetResult with_history = r;
  with_history.campaigns = 3;
  with_history.total_cpu_seconds = 3725;
  const std::string table = campaignMarkdown({with_history}, "Test CPU, 2 CPUs", 10);
  EXPECT_NE(table.find("| demo | 11 s | 31,031 | 2,821 | 1,012 / 2,990 | 2 | 0 | 0 | 0 | 1.50 ms (2 B) | "
                       "1 h 02 min (3) | ok |"),
            std::string::npos)
      << table;
}

TEST(FuzzCampaign, AFindingStopsTheTargetAndIsNamed) {
  Sandbox box;
  FakeFuzzer fake;
  fake.fuzz_log = kFuzzTimeout;
  fake.fuzz_status = 70;
  const TargetResult r = runTarget(box.target, box.options, std::ref(fake));
  EXPECT_TRUE(r.found());
  EXPECT_EQ(r.fuzz.finding, "timeout");
  EXPECT_EQ(fake.calls.size(), 2u);  // no merge after a finding
  // The working corpus is kept as it was (the seed copied in), and the ledger says how many inputs it holds.
  EXPECT_EQ(r.corpus_after_run, 1u);
  EXPECT_TRUE(fs::exists(fs::path(box.options.work_dir) / "demo" / "seed-doc.html"));
  const std::string table = campaignMarkdown({r}, "m", 10);
  EXPECT_NE(table.find("| 0 | 1 | 0 | - | - | FOUND timeout |"), std::string::npos) << table;
  EXPECT_NE(table.find("input /tmp/fz/art/timeout-beb8219366e5261e8917b251737f5896f8cff1f6"), std::string::npos);
}

TEST(FuzzCampaign, ACommittedInputThatFailsOnReplayIsARegressionAndNothingIsFuzzed) {
  Sandbox box;
  FakeFuzzer fake;
  fake.replay_log = kReplayAbort;
  fake.replay_status = 77;
  const TargetResult r = runTarget(box.target, box.options, std::ref(fake));
  EXPECT_TRUE(r.found());
  EXPECT_EQ(fake.calls.size(), 1u);
  EXPECT_EQ(r.replay_failure.rfind("corpus/regress-index: libFuzzer: deadly signal (after: a refused call changed the index)", 0), 0u)
      << r.replay_failure;
  EXPECT_NE(campaignMarkdown({r}, "m", 10).find("REGRESSION"), std::string::npos);
}

TEST(FuzzCampaign, AMissingFuzzerOrEmptyCorpusIsAnErrorNamingIt) {
  Sandbox box;
  FakeFuzzer fake;
  TargetSpec missing = box.target;
  missing.binary = (box.root / "nope").string();
  EXPECT_NE(runTarget(missing, box.options, std::ref(fake)).error.find("no fuzzer at"), std::string::npos);
  fs::remove(box.root / "corpus" / "seed-1");
  EXPECT_NE(runTarget(box.target, box.options, std::ref(fake)).error.find("is empty"), std::string::npos);
  EXPECT_TRUE(fake.calls.empty());
}

TEST(FuzzCampaign, TheFuzzersCheckoutIsReadFromTheBuildFoldersCMakeCache) {
  Sandbox box;
  {
    std::ofstream cache(box.root / "CMakeCache.txt");
    cache << "# This is the CMakeCache file.\nCMAKE_BUILD_TYPE:STRING=Debug\n"
             "CMAKE_HOME_DIRECTORY:INTERNAL=/work/some-checkout\nCMAKE_ROOT:INTERNAL=/usr/share/cmake\n";
  }
  EXPECT_EQ(sourceOfBuild(box.root.string()), "/work/some-checkout");
  EXPECT_EQ(sourceOfBuild((box.root / "no-build-here").string()), "");
}

TEST(FuzzLedger, CampaignsAddUpAcrossRunsAndABadLineIsNamed) {
  Sandbox box;
  const std::string path = ledgerPath(box.options, "demo");
  EXPECT_EQ(readTotals(path).campaigns, 0);  // never fuzzed: nothing, no error
  fs::create_directories(box.options.work_dir);
  TargetResult r;
  r.fuzz.executions = 1000;
  r.fuzz_cpu_seconds = 1800;
  appendRecord(path, recordOf(r, "2026-11-28T16:00:00Z", "abc123", "Test CPU"));
  EXPECT_DOUBLE_EQ(readTotals(path).cpu_seconds_since_finding, 1800);  // nothing found yet: all of it
  r.fuzz.executions = 500;
  r.fuzz_cpu_seconds = 1900.5;
  r.fuzz.finding = "timeout";
  appendRecord(path, recordOf(r, "2026-11-29T09:00:00Z", "def456", "Other CPU"));
  EXPECT_DOUBLE_EQ(readTotals(path).cpu_seconds_since_finding, 0);  // the run that found it does not count
  r.fuzz.executions = 100;
  r.fuzz_cpu_seconds = 700;
  r.fuzz.finding = "";
  appendRecord(path, recordOf(r, "2026-11-29T10:00:00Z", "def456", "Other CPU"));
  const CampaignTotals t = readTotals(path);
  EXPECT_EQ(t.campaigns, 3);
  EXPECT_DOUBLE_EQ(t.cpu_seconds, 4400.5);
  EXPECT_EQ(t.executions, 1600u);
  EXPECT_EQ(t.findings, 1);
  EXPECT_DOUBLE_EQ(t.cpu_seconds_since_finding, 700);
  EXPECT_EQ(t.since, "2026-11-28T16:00:00Z");

  EXPECT_EQ(t.last.commit, "def456");
  EXPECT_EQ(t.machines, (std::vector<std::string>{"Test CPU", "Other CPU"}));
  const std::string table = ledgerMarkdown({{"demo", t}, {"never", CampaignTotals{}}});
  EXPECT_NE(table.find("| demo | 3 | 1 h 13 min | 1,600 | 1 | 11 min | 0 / 0 | 0 | 2026-11-28 | 2026-11-29 | def456 |"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("| never | 0 | - |"), std::string::npos) << table;
  EXPECT_NE(table.find("Machines: Other CPU; Test CPU."), std::string::npos) << table;

  std::ofstream(path, std::ios::app) << R"({"date": "x", "cpu_seconds": "lots"})" << "\n";
  try {
    readTotals(path);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), path + ":4: \"cpu_seconds\" has the wrong type: \"lots\"");
  }
}

TEST(FuzzManifest, ErrorsNameTheFileAndField) {
  Sandbox box;
  const std::string path = (box.root / "fuzzers.json").string();
  std::ofstream(path) << R"({"format": "tollgate-fuzzers/1", "libfuzzer": true, "targets": [{"name": "a", "binary": 3}]})";
  try {
    loadManifest(path);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), path + ": targets[0].binary: expected a string");
  }
  std::ofstream(path) << R"({"format": "tollgate-fuzzers/1", "libfuzzer": true, "targets": [
    {"name": "a", "binary": "/b", "corpus": "/c", "seeds": ["/s"], "dict": null, "max_len": 99}]})";
  const Manifest m = loadManifest(path);
  ASSERT_EQ(m.targets.size(), 1u);
  EXPECT_TRUE(m.libfuzzer);
  EXPECT_EQ(m.targets[0].max_len, 99);
  EXPECT_FALSE(m.targets[0].dict.has_value());
}

}  // namespace
}  // namespace tollgate::fuzz
