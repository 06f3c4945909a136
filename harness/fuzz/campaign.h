#pragma once
// Fuzzing campaigns over the project's libFuzzer targets (`tollgate fuzz`): for
// each target, replay its committed corpus and seeds (every crash ever found is
// there), fuzz for a fixed time, merge the corpora, and find the slowest input;
// then a table. Running processes goes through a Runner, so the flow is tested
// with a fake one; parsing libFuzzer's output is a pure function.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tollgate::fuzz {

// One entry of build/<preset>/fuzz/fuzzers.json (written by tollgate_add_fuzzer).
struct TargetSpec {
  std::string name;
  std::string binary;
  std::string corpus;              // committed: seeds and regression inputs
  std::vector<std::string> seeds;  // more seed files or folders (may be absent)
  std::optional<std::string> dict;
  long long max_len = 65536;
};

struct Manifest {
  std::string path;
  bool libfuzzer = false;
  std::vector<TargetSpec> targets;
};

// Throws std::runtime_error naming the file and the field.
Manifest loadManifest(const std::string& path);

// The checkout a build folder was configured from (CMakeCache.txt's
// CMAKE_HOME_DIRECTORY), "" when it names none: the fuzzers' sources, whose
// commit a campaign's ledger records, need not be those of the tollgate binary
// that runs them.
std::string sourceOfBuild(const std::string& build_dir);

// What one libFuzzer run printed.
struct RunStats {
  unsigned long long executions = 0;
  unsigned long long exec_per_second = 0;
  unsigned long long coverage = 0;  // edges ("cov:")
  unsigned long long features = 0;  // "ft:"
  unsigned long long corpus = 0;    // units in the corpus at the end
  unsigned long long peak_rss_mb = 0;
  std::string finding;   // "crash", "timeout", "oom", "leak" or "" (nothing found)
  std::string artifact;  // the input libFuzzer wrote for it
  std::string summary;   // the sanitizer's or libFuzzer's one-line account
  std::string input;     // replaying files: the last one started
};
RunStats parseLibFuzzerOutput(const std::string& log);

struct CampaignOptions {
  double seconds_per_target = 30;
  int input_timeout_s = 25;   // libFuzzer -timeout: one input slower than this is a finding
  int rss_limit_mb = 2560;    // -rss_limit_mb (and the malloc limit)
  std::string out_dir;        // logs, artifacts, summary
  std::string work_dir;       // working corpora, kept between campaigns
  std::vector<std::string> only;  // target names; empty: all
};

struct TargetResult {
  std::string name;
  RunStats fuzz;                   // the fuzzing run
  std::string replay_failure;      // a committed input or seed that failed, with why
  unsigned long long replayed = 0;  // inputs replayed before fuzzing
  unsigned long long corpus_after_run = 0;  // the working corpus: merged, or as left by a finding
  double slowest_ms = -1;          // the slowest input of the merged corpus, replayed
  unsigned long long slowest_bytes = 0;
  std::string slowest_input;       // a copy of it
  std::string error;               // the campaign itself failed (a missing binary...)
  double seconds = 0;
  double fuzz_cpu_seconds = 0;     // the fuzzing run's user + system time
  int campaigns = 0;               // the working corpus's campaigns so far, this one included
  double total_cpu_seconds = 0;    // their fuzzing CPU time (the ledger, ledger.h)
  bool found() const { return !fuzz.finding.empty() || !replay_failure.empty(); }
};

// How a process ended: its exit status (128 + signal when killed by one, -1 when
// it could not start) and the CPU time it used, user + system (fuzzers share
// machines: wall time says little about how much fuzzing was done).
struct ProcessExit {
  ProcessExit(int exit_status = 0, double cpu = 0) : status(exit_status), cpu_seconds(cpu) {}
  int status;
  double cpu_seconds;
};

// Runs argv with extra environment, output to log_path, killed after timeout_s.
using Runner = std::function<ProcessExit(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                                 const std::string& log_path, double timeout_s)>;
ProcessExit runProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
               const std::string& log_path, double timeout_s);

TargetResult runTarget(const TargetSpec& target, const CampaignOptions& options, const Runner& run);

std::string campaignMarkdown(const std::vector<TargetResult>& results, const std::string& machine, double seconds);
nlohmann::ordered_json campaignJson(const std::vector<TargetResult>& results, const std::string& machine,
                                    double seconds);

}  // namespace tollgate::fuzz
