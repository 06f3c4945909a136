// The baseline verb: refreshes the stored baseline for this kind of machine (the
// quick matrix in several process rounds, pooled), with a description of the
// machine, and the instruction-count baselines of the toolchains that built it.

#include <filesystem>
#include <fstream>
#include <ostream>

#include "analysis/count_gates.h"
#include "analysis/gates.h"
#include "cli/run_rounds.h"
#include "cli/verbs.h"

namespace tollgate::cli {
namespace {

namespace fs = std::filesystem;

nlohmann::ordered_json machineDescription(const std::string& kind, const std::vector<LoadedResults>& files) {
  const nlohmann::ordered_json& first = files.front().file.context;
  nlohmann::ordered_json runtimes = nlohmann::ordered_json::object();
  for (const LoadedResults& f : files) runtimes[f.file.context.value("runtime", "")] = f.file.context.value("runtime_version", "");
  return {{"kind", kind},
          {"cpu_model", first.value("cpu_model", "")},
          {"num_cpus", first.value("num_cpus", 0)},
          {"os", first.value("os", "")},
          {"runtimes", runtimes},
          {"taken", first.value("date", "")},
          {"git_commit", first.contains("git_commit") ? first["git_commit"] : nlohmann::ordered_json(nullptr)},
          {"rounds", first.value("rounds", 1)}};
}

// Counts depend on the toolchain, not on the machine: they go to
// counts/<toolchain id>/<runtime>.json. The JS runners count in every round (the
// modules' counting builds): their first round is taken. Natively, callgrind
// counts in a round of its own (tollgate_native --instructions).
void writeCountBaselines(const RoundsSettings& s, const fs::path& root, Env& env) {
  for (const std::string& runtime : s.runtimes) {
    std::string counted = s.out_dir + "/rounds/" + runtime + "-1.json";
    if (runtime == "native") {
      counted = s.out_dir + "/native-counted.json";
      Command c = runnerCommand(s, env, runtime, counted, s.filter);
      c.argv.push_back("--instructions");
      const Outcome ran = env.executor->run(c);
      if (!ran.error.empty() || ran.status != 0) {
        throw std::runtime_error(commandLine(c.argv) + (ran.error.empty() ? " exited with status " + std::to_string(ran.status)
                                                                         : ": " + ran.error) +
                                 ": the count baselines were not written");
      }
    }
    const LoadedResults f = loadResultsFile(counted);
    const auto& context = f.file.context;
    if (!context.contains("counting") || !context["counting"].contains("toolchain")) {
      throw std::runtime_error(counted + " counted no instructions (no context.counting): the count baselines were not written");
    }
    if (!f.file.failures.empty()) {
      throw std::runtime_error(counted + ": " + f.file.failures.front().name + " failed (" + f.file.failures.front().message +
                               "): the count baselines were not written");
    }
    const fs::path dest = root / "counts" / toolchainId(context["counting"]["toolchain"].get<std::string>());
    fs::create_directories(dest);
    fs::copy_file(counted, dest / (runtime + ".json"), fs::copy_options::overwrite_existing);
    env.out << "count baseline written to " << (dest / (runtime + ".json")).string() << ": commit it\n";
  }
}

int baseline(const Args& args, Env& env) {
  RoundsSettings s;
  s.suites = discoverSuites(env.manifest);
  s.min_rounds = s.max_rounds = args.integer("rounds", 2, 100);
  s.out_dir = args.value("work");
  if (const std::string commit = gitCommit(env); !commit.empty()) s.env["TOLLGATE_GIT_COMMIT"] = commit;
  const RoundsOutcome rounds = runRounds(s, env);
  if (!rounds.problems.empty() || rounds.pooled.size() != s.runtimes.size()) {
    for (const std::string& problem : rounds.problems) env.err << "tollgate baseline: " << problem << "\n";
    throw std::runtime_error("a runner failed: the baseline was not written");
  }
  std::vector<LoadedResults> files;
  for (const std::string& path : rounds.pooled) files.push_back(loadResultsFile(path));
  for (const LoadedResults& f : files) {
    if (!f.file.failures.empty()) {
      throw std::runtime_error(f.path + ": " + f.file.failures.front().name + " failed (" +
                               f.file.failures.front().message + "): the baseline was not written");
    }
  }
  const std::string kind = machineKind(files.front().file.context);
  const fs::path dest = fs::path(inRoot(args, "baselines", env)) / kind;
  fs::remove_all(dest);
  fs::create_directories(dest);
  for (const std::string& path : rounds.pooled) fs::copy_file(path, dest / fs::path(path).filename());
  std::ofstream(dest / "machine.json") << machineDescription(kind, files).dump(2) << "\n";
  env.out << "baseline written to " << dest.string() << " (" << rounds.rounds << " rounds): commit it\n";
  writeCountBaselines(s, inRoot(args, "baselines", env), env);
  return 0;
}

}  // namespace

Verb baselineVerb() {
  Verb v;
  v.name = "baseline";
  v.summary = "Refreshes the stored baseline for this kind of machine: the quick matrix of every workload in "
              "several process rounds, pooled, written with a description of the machine; and the instruction-count "
              "baselines, keyed by toolchain (counts/<toolchain>/<runtime>.json: the JS runners' first round, and "
              "one native round under callgrind).";
  v.options = {
      option("rounds", "N", "process rounds per runtime").defaults("5"),
      option("baselines", "DIR", "where baselines are kept, one folder per machine kind, and counts/")
          .defaults("ci/baselines"),
      option("work", "DIR", "where the rounds are run").defaults("build/baseline-rounds"),
  };
  v.details = "Nothing is written when a runner or a case fails. Commit the new folder.";
  v.run = baseline;
  return v;
}

}  // namespace tollgate::cli
