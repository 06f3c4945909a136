// The fuzz verb: runs the libFuzzer targets of a `fuzz` preset build (cmake --preset
// fuzz && cmake --build --preset fuzz). For each target: replays its committed
// corpus and seeds, fuzzes for the given time, merges the corpora, replays the
// merged corpus to find its slowest input; then the table (also OUT/summary.md
// and .json). harness/fuzz/README.md says how to add a target.

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "cli/run_rounds.h"
#include "cli/verbs.h"
#include "fuzz/campaign.h"
#include "fuzz/ledger.h"

namespace tollgate::cli {
namespace {

std::string machineDescription() {
  std::string model = "unknown CPU";
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  double load[1] = {0};
  getloadavg(load, 1);
  char text[64];
  std::snprintf(text, sizeof text, ", load average %.1f at the start", load[0]);
  return model + ", " + std::to_string(std::thread::hardware_concurrency()) + " CPUs" + text;
}

std::string utcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

int fuzzTargets(const Args& args, Env& env) {
  fuzz::CampaignOptions options;
  options.seconds_per_target = args.has("minutes") ? 60 * args.number("minutes", 0.1) : args.number("seconds", 1);
  options.input_timeout_s = args.integer("timeout", 1);
  options.rss_limit_mb = args.integer("rss-limit-mb", 64);
  const std::string build = inRoot(args, "build", env);
  const std::string manifest_path = build + "/fuzz/fuzzers.json";
  if (!std::filesystem::exists(manifest_path)) {
    throw std::runtime_error("no fuzz targets at " + manifest_path +
                             ": build them first (cmake --preset fuzz && cmake --build --preset fuzz)");
  }
  const fuzz::Manifest manifest = fuzz::loadManifest(manifest_path);
  if (!manifest.libfuzzer) {
    throw std::runtime_error(manifest.path + ": these targets were built without libFuzzer (they only replay); "
                             "build the fuzz preset: cmake --preset fuzz && cmake --build --preset fuzz");
  }
  const auto wanted = args.values("target");
  const std::set<std::string> only(wanted.begin(), wanted.end());
  for (const std::string& name : only) {
    bool known = false;
    for (const auto& t : manifest.targets) known = known || t.name == name;
    if (!known) throw UsageError("no fuzz target named '" + name + "' in " + manifest.path);
  }
  options.out_dir = args.has("out") ? args.value("out") : build + "/campaign";
  options.work_dir = build + "/corpus";
  std::filesystem::create_directories(options.out_dir);
  const std::string machine = machineDescription();

  std::vector<const fuzz::TargetSpec*> chosen;
  for (const fuzz::TargetSpec& target : manifest.targets) {
    if (only.empty() || only.count(target.name)) chosen.push_back(&target);
  }
  if (args.has("ledger")) {
    // What the working corpora have been through so far; nothing is fuzzed.
    std::vector<std::pair<std::string, fuzz::CampaignTotals>> totals;
    for (const fuzz::TargetSpec* target : chosen) {
      totals.emplace_back(target->name, fuzz::readTotals(fuzz::ledgerPath(options, target->name)));
    }
    env.out << fuzz::ledgerMarkdown(totals);
    return 0;
  }
  const int jobs = std::max(1, std::min(args.integer("jobs", 1), static_cast<int>(chosen.size())));

  // Targets are independent processes: --jobs of them run at once, each on its
  // own corpus; the table keeps the manifest's order.
  std::vector<fuzz::TargetResult> results(chosen.size());
  const std::string fuzzers_checkout = fuzz::sourceOfBuild(build);
  std::atomic<std::size_t> next{0};
  std::mutex lock;
  auto worker = [&] {
    for (std::size_t i = next++; i < chosen.size(); i = next++) {
      const fuzz::TargetSpec& target = *chosen[i];
      // Each run's own date, commit and load: a long campaign outlives its
      // start, and its targets can be rebuilt from a newer commit meanwhile.
      // The commit is that of the checkout the fuzzers were built from.
      std::string run_date, run_commit, run_machine;
      {
        std::lock_guard<std::mutex> hold(lock);
        run_date = utcNow();
        run_commit = gitCommit(env, fuzzers_checkout);
        run_machine = machineDescription();
        env.err << "tollgate fuzz: " << target.name << " (" << options.seconds_per_target << " s)" << std::endl;
      }
      fuzz::TargetResult r = fuzz::runTarget(target, options, fuzz::runProcess);
      if (r.error.empty()) {
        const std::string ledger = fuzz::ledgerPath(options, target.name);
        fuzz::appendRecord(ledger, fuzz::recordOf(r, run_date, run_commit, run_machine));
        const fuzz::CampaignTotals totals = fuzz::readTotals(ledger);
        r.campaigns = totals.campaigns;
        r.total_cpu_seconds = totals.cpu_seconds;
      }
      std::lock_guard<std::mutex> hold(lock);
      if (r.found()) {
        env.err << "tollgate fuzz: " << target.name << ": " << r.fuzz.finding << " on input " << r.fuzz.artifact
                << ": " << r.fuzz.summary << "\n  reproduce: " << target.binary << " " << r.fuzz.artifact
                << std::endl;
      }
      results[i] = std::move(r);
    }
  };
  std::vector<std::thread> threads;
  for (int j = 0; j < jobs; ++j) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  bool found = false, failed = false;
  for (const fuzz::TargetResult& r : results) {
    found = found || r.found();
    failed = failed || !r.error.empty();
  }
  const std::string table = fuzz::campaignMarkdown(results, machine, options.seconds_per_target);
  env.out << table;
  std::ofstream(options.out_dir + "/summary.md") << table;
  std::ofstream(options.out_dir + "/summary.json")
      << fuzz::campaignJson(results, machine, options.seconds_per_target).dump(2) << "\n";
  return found ? 1 : failed ? 2 : 0;
}

}  // namespace

Verb fuzzVerb() {
  Verb v;
  v.name = "fuzz";
  v.summary = "Runs the libFuzzer targets (harness/fuzz/README.md): replays each corpus, fuzzes, merges, "
              "and prints executions, coverage, findings and the slowest input per target.";
  v.options = {
      option("seconds", "S", "fuzzing time per target").defaults("30"),
      option("minutes", "M", "fuzzing time per target, in minutes (instead of --seconds)"),
      option("target", "NAME", "only this target; every one when absent").repeated(),
      option("jobs", "N", "targets fuzzed at once, one process each").defaults("1"),
      flag("ledger", "print what each working corpus has been through (every campaign added up) and stop"),
      option("build", "DIR", "the fuzz preset's build folder").defaults("build/fuzz"),
      option("out", "DIR", "logs, findings and the summary; default <build>/campaign"),
      option("timeout", "S", "one input slower than this is a finding").defaults("25"),
      option("rss-limit-mb", "MB", "a process or one allocation past this is an OOM").defaults("2560"),
  };
  v.details = "Working corpora are kept in <build>/corpus between campaigns, each with a ledger of the "
              "campaigns it went through (<target>.campaigns.jsonl: date, commit, machine, CPU time, executions, "
              "finding); the table adds their CPU time up. Exit status: 0 nothing found, "
              "1 a crash, timeout, OOM or leak (the input and the command that reproduces it are printed), "
              "2 the campaign could not run.";
  v.run = fuzzTargets;
  return v;
}

}  // namespace tollgate::cli
