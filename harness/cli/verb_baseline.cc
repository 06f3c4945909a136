// The baseline verb: refreshes the stored baseline for this kind of machine (the
// quick matrix in several process rounds, pooled), with a description of the machine.

#include <filesystem>
#include <fstream>
#include <ostream>

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
  return 0;
}

}  // namespace

Verb baselineVerb() {
  Verb v;
  v.name = "baseline";
  v.summary = "Refreshes the stored baseline for this kind of machine: the quick matrix of every workload in "
              "several process rounds, pooled, written with a description of the machine.";
  v.options = {
      option("rounds", "N", "process rounds per runtime").defaults("5"),
      option("baselines", "DIR", "where baselines are kept, one folder per machine kind").defaults("ci/baselines"),
      option("work", "DIR", "where the rounds are run").defaults("build/baseline-rounds"),
  };
  v.details = "Nothing is written when a runner or a case fails. Commit the new folder.";
  v.run = baseline;
  return v;
}

}  // namespace tollgate::cli
