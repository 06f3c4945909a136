// The run verb, the main job: every workload in every runtime, in process rounds
// that stop when the comparisons are decided (or the budget is spent), then the
// summary, the gates (for information) and the HTML report.

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <map>
#include <optional>
#include <sstream>

#include "analysis/gate_config.h"
#include "analysis/gates.h"
#include "analysis/summary.h"
#include "cli/run_rounds.h"
#include "cli/verbs.h"
#include "console/summary_table.h"
#include "gates/gate_report.h"
#include "html/html_writer.h"
#include "html/report_model.h"
#include "tollgate/workloads.h"

namespace tollgate::cli {
namespace {

RoundsSettings settingsFrom(const Args& args, Env& env) {
  RoundsSettings s;
  if (args.has("suite")) {
    for (const std::string& name : args.values("suite")) s.suites.push_back(namedSuite(env.manifest, env.root, name));
  } else {
    s.suites = discoverSuites(env.manifest);
  }
  s.runtimes.clear();
  const std::vector<std::string> asked = args.values("runtime");
  for (const std::string& runtime : kRuntimes) {  // always in this order, each once
    if (std::find(asked.begin(), asked.end(), runtime) != asked.end()) s.runtimes.push_back(runtime);
  }
  const int modes = args.has("full") + args.has("quick") + args.has("rounds");
  if (modes > 1) throw UsageError("give one of --full, --quick, --rounds");
  s.profile = args.has("full") ? "full" : args.value("profile");
  if (args.has("full")) s.min_rounds = s.max_rounds = 3;
  else if (args.has("quick")) s.min_rounds = s.max_rounds = 1;
  else if (args.has("rounds")) s.min_rounds = s.max_rounds = args.integer("rounds", 1, 100);
  else {
    s.max_rounds = args.integer("max-rounds", 2, 100);
    s.budget_s = args.number("budget", 0);
    s.target_half_width = args.number("precision", 0.1, 50) / 100;
  }
  s.filter = args.value("filter");
  s.variants = args.values("variants");
  s.inject = args.values("inject");
  s.out_dir = args.value("out");
  const std::string commit = gitCommit(env);
  if (!commit.empty()) s.env["TOLLGATE_GIT_COMMIT"] = commit;
  return s;
}

// The decided comparisons in a few lines: how many, which way, what is left.
void printDecisions(const std::vector<Comparison>& comparisons, const RoundsOutcome& rounds, std::ostream& out) {
  std::map<Decision, int> counts;
  for (const Comparison& c : comparisons) ++counts[c.decision];
  out << "\nComparisons (95% intervals over process rounds; same = within ±3%): " << comparisons.size() << ", "
      << counts[Decision::faster] << " faster, " << counts[Decision::slower] << " slower, " << counts[Decision::same]
      << " the same, " << counts[Decision::undecided] << " undecided after " << rounds.rounds << " round(s)";
  if (rounds.stopped == "decided") out << " (every case settled)";
  else if (rounds.stopped == "budget") out << " (stopped: the budget)";
  else if (rounds.stopped == "max_rounds") out << " (stopped: the round limit)";
  out << "; runners " << clockText(rounds.seconds) << ".\n";
}

int run(const Args& args, Env& env) {
  const RoundsSettings settings = settingsFrom(args, env);
  std::filesystem::create_directories(settings.out_dir);
  const RoundsOutcome rounds = runRounds(settings, env);
  for (const std::string& problem : rounds.problems) env.err << "tollgate run: " << problem << "\n";
  if (rounds.pooled.empty()) throw std::runtime_error("no runner wrote results (see the messages above)");

  std::vector<LoadedResults> results;
  for (const std::string& path : rounds.pooled) results.push_back(loadResultsFile(path));
  env.out << "\n";
  const Summary summary = summarize(results);
  printSummary(summary, env.out);
  const std::vector<Comparison> comparisons = compareRows(results);
  printDecisions(comparisons, rounds, env.out);

  // The gates, for information: CI gates the quick matrix (ci/regression.sh).
  const std::string gates_dir = settings.out_dir + "/gates";
  std::optional<nlohmann::json> verdict;
  const std::string config = inRoot(args, "gates", env);
  if (args.has("gates") || std::filesystem::exists(config)) {  // a checkout's own gates when it has them
    GateConfig gate_config = loadGateConfig(config);
    if (gate_config.workload_gates) addWorkloadGates(gate_config, loadWorkloadManifest(env.manifest));
    const GateReport report = evaluateGates(gate_config, results, findBaseline(inRoot(args, "baselines", env), results));
    SamplingNote sampling{true, rounds.stopped == "decided" ? "decided" : rounds.stopped == "budget" ? "time_cap" : "max_rounds"};
    std::filesystem::create_directories(gates_dir);
    std::ostringstream table;
    printGateTable(report, sampling, table);
    std::ofstream(gates_dir + "/gate-table.txt") << table.str();
    std::ofstream(gates_dir + "/gate-summary.md") << gateMarkdown(report, sampling);
    verdict = gateVerdictJson(report, sampling);
    std::ofstream(gates_dir + "/gate-verdict.json") << verdict->dump(2) << "\n";
    const std::string text = table.str();
    const auto last = text.find_last_of('\n', text.size() >= 2 ? text.size() - 2 : 0);
    env.out << "Gates (informational): " << text.substr(last == std::string::npos ? 0 : last + 1);
  }

  ReportInputs in;
  in.title = "Tollgate: main job";
  in.results = results;
  in.gate_verdict = verdict;
  in.baseline = findBaseline(inRoot(args, "baselines", env), results);
  const std::string report_path = settings.out_dir + "/report.html";
  std::ofstream(report_path) << renderReportHtml(buildReportModel(in));
  env.out << "Report: " << report_path << "\n";
  const bool clean = summary.allDigestsAgree() && summary.failures.empty() && rounds.problems.empty();
  return clean ? 0 : 1;
}

}  // namespace

Verb runVerb() {
  Verb v;
  v.name = "run";
  v.summary = "The main job: runs every workload in every runtime (native, Node, headless Chromium) in process "
              "rounds until its comparisons are decided, then prints the summary and writes the results, the "
              "gates' verdict and the HTML report.";
  v.options = {
      option("suite", "NAME", "a workload (vector) or a suite folder; all of the checkout's by default").repeated()
          .commaList(),
      option("runtime", "LIST", "the runtimes to run").commaList().oneOf(kRuntimes).defaults("native,node,chromium"),
      option("profile", "NAME", "the suites' profile").defaults("quick"),
      flag("full", "the full profile (larger cases), 3 rounds: about half an hour on 2 cores"),
      flag("quick", "one round, nothing decided: a smoke test of a minute or two"),
      option("rounds", "N", "exactly N rounds of every case instead of sampling until decided"),
      option("budget", "SECONDS", "start no round that would end past this (adaptive rounds; 0: no limit)").defaults("210"),
      option("max-rounds", "N", "at most this many rounds (adaptive rounds)").defaults("8"),
      option("precision", "PERCENT", "a case whose times are known to ±this is settled").defaults("3"),
      option("filter", "REGEX", "only benchmarks whose name matches"),
      option("variants", "LIST", "only these wasm adapters").commaList(),
      option("inject", "LIST", "deliberate regressions from the adapters (to see a gate fail)").commaList(),
      option("out", "DIR", "where results, rounds, gates and report.html go").defaults("results"),
      option("gates", "FILE", "gates evaluated for information").defaults("ci/gates.json"),
      option("baselines", "DIR", "baselines the report and gates compare with").defaults("ci/baselines"),
  };
  v.details =
      "Every case runs in 2 process rounds (each runtime a fresh process per round, alternating), then only the "
      "cases with a comparison still undecided (a variant against native, or against its runtime's naive variant) "
      "run again, cheapest first, while the budget lasts. A comparison is decided when its 95% interval lies "
      "wholly below or above 1, or within ±3% (the same).\n\n"
      "Writes DIR/{native,node,chromium}.json (the rounds pooled), DIR/rounds/, DIR/gates/ and DIR/report.html. "
      "Exit status: 0 every case ran and every runtime computed the same results, 1 otherwise, 2 usage error.";
  v.run = run;
  return v;
}

}  // namespace tollgate::cli
