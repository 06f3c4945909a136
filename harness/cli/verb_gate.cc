// The gate verb: evaluates ci/gates.json-style gates over results files.

#include <filesystem>
#include <fstream>
#include <ostream>

#include "analysis/gate_config.h"
#include "analysis/gates.h"
#include "tollgate/workloads.h"
#include "cli/verbs.h"
#include "gates/gate_report.h"

namespace tollgate::cli {
namespace {

int gate(const Args& args, Env& env) {
  SamplingNote sampling;
  sampling.final = args.has("final");
  sampling.stopped = args.value("stopped");
  GateConfig config = loadGateConfig(inRoot(args, "config", env));
  // Each registered workload's gates.json, when the project's file asks for them.
  if (config.workload_gates) addWorkloadGates(config, loadWorkloadManifest(args.value("manifest")));
  std::vector<LoadedResults> current;
  for (const std::string& f : args.operands()) current.push_back(loadResultsFile(f));
  const auto baseline = findBaseline(inRoot(args, "baselines", env), current);
  const std::string baselines = inRoot(args, "baselines", env);
  const GateReport report = evaluateGates(config, current, baseline, findCountBaselines(baselines, current));
  printGateTable(report, sampling, env.out);
  const std::string out_dir = args.value("out-dir");
  if (!out_dir.empty()) {
    std::filesystem::create_directories(out_dir);
    if (!(std::ofstream(out_dir + "/gate-summary.md") << gateMarkdown(report, sampling))) {
      throw std::runtime_error("cannot write " + out_dir + "/gate-summary.md");
    }
    if (!(std::ofstream(out_dir + "/gate-verdict.json") << gateVerdictJson(report, sampling).dump(2) << "\n")) {
      throw std::runtime_error("cannot write " + out_dir + "/gate-verdict.json");
    }
  }
  const std::string sample_rows = args.value("sample-rows");
  if (!sample_rows.empty()) {
    // One name a line: the rows another process round should time (rowsToSample).
    std::ofstream rows(sample_rows);
    for (const std::string& row : rowsToSample(report)) rows << row << "\n";
    if (!rows) throw std::runtime_error("cannot write " + sample_rows);
  }
  const std::string verdict = overallVerdict(report, sampling);
  return verdict == "fail" ? 1 : verdict == "undecided" ? 3 : 0;
}

}  // namespace

Verb gateVerb() {
  Verb v;
  v.name = "gate";
  v.summary = "Evaluates the regression gates (relative promises, baseline times, exact counts, instruction counts) "
              "over results files.";
  v.operands = "RESULTS...";
  v.min_operands = 1;
  v.max_operands = kAnyNumber;
  v.options = {
      option("config", "FILE", "the gates").defaults("ci/gates.json"),
      option("baselines", "DIR", "stored baselines, one folder per machine kind, and counts/<toolchain>/ for the "
             "instruction counts").defaults("ci/baselines"),
      option("out-dir", "DIR", "also write gate-summary.md (Markdown) and gate-verdict.json there"),
      flag("final", "no more rounds will be run: undecided gates are reported as such, not waited for"),
      option("stopped", "WHY", "why sampling stopped, for the record")
          .oneOf({"decided", "time_cap", "max_rounds", "failed", "timed"}),
      option("sample-rows", "FILE", "write the rows that more process rounds would help decide (those of undecided "
             "relative gates), one name a line"),
      option("manifest", "FILE", "the build's workload manifest: where each workload's gates.json is")
          .defaults(TOLLGATE_WORKLOAD_MANIFEST),
  };
  v.details = "A timing gate decides only on a confidence interval: it fails when the whole interval lies beyond "
              "its limit and passes when it lies within. Exit status: 0 passed, 1 a gate failed, 3 gates are "
              "undecided (without --final), 2 usage or unreadable input.";
  v.run = gate;
  return v;
}

}  // namespace tollgate::cli
