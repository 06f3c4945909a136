// Verbs over results files: validate, summary, merge, machine, toolchain.

#include <fstream>
#include <map>
#include <ostream>

#include "analysis/comparisons.h"
#include "analysis/count_gates.h"
#include "analysis/gates.h"
#include "analysis/merge.h"
#include "analysis/results_io.h"
#include "analysis/summary.h"
#include "cli/verbs.h"
#include "console/summary_table.h"
#include "format.h"

namespace tollgate::cli {
namespace {

int validate(const Args& args, Env& env) {
  int bad = 0;
  for (const std::string& path : args.operands()) {
    const auto violations = checkResultsFile(path);
    if (violations.empty()) {
      env.out << path << ": valid (schema v" << kSchemaVersion << ")\n";
      continue;
    }
    ++bad;
    for (const auto& v : violations) env.out << path << ": " << v.path << ": " << v.message << "\n";
  }
  return bad == 0 ? 0 : 1;
}

// How the comparisons decided in `files` fare in `other` (the main job against the full profile).
void printAgreement(const std::vector<LoadedResults>& files, const std::vector<std::string>& other_paths, std::ostream& out) {
  std::vector<LoadedResults> other;
  for (const std::string& path : other_paths) other.push_back(loadResultsFile(path));
  const std::vector<Comparison> mine = compareRows(files), theirs = compareRows(other);
  const Agreement a = agreement(mine, theirs);
  int decided = 0;
  for (const Comparison& c : mine) decided += c.decision != Decision::undecided;
  out << "\nAgainst " << other_paths.size() << " other file(s): " << decided << " of " << mine.size()
      << " comparisons decided here; of those, " << a.compared << " are in the other files: " << a.agree << " agree, "
      << a.flip << " flip (faster there, slower here or the reverse), " << a.other
      << " decided otherwise (the same within 3% on one side), " << a.undecided_in_other << " undecided there.\n";
  std::map<std::pair<std::string, std::string>, const Comparison*> there;
  for (const Comparison& c : theirs) there[c.key()] = &c;
  for (const Comparison& c : mine) {
    const auto it = there.find(c.key());
    if (c.decision == Decision::undecided || it == there.end()) continue;
    const Decision d = it->second->decision;
    if (d == c.decision || d == Decision::undecided) continue;
    out << "  " << decisionName(c.decision) << " here, " << decisionName(d) << " there: " << c.subject_label << " "
        << c.subject << " vs "
        << c.reference_label << " (" << formatFixed(c.ratio.estimate, 3) << " [" << formatFixed(c.ratio.lower, 3) << ", "
        << formatFixed(c.ratio.upper, 3) << "] here, " << formatFixed(it->second->ratio.estimate, 3) << " there)\n";
  }
}

int summary(const Args& args, Env& env) {
  std::vector<LoadedResults> loaded;
  for (const std::string& path : args.operands()) loaded.push_back(loadResultsFile(path));
  const Summary s = summarize(loaded);
  printSummary(s, env.out);
  if (args.has("against")) printAgreement(loaded, args.values("against"), env.out);
  return s.allDigestsAgree() && s.allCountsAgree() && s.failures.empty() ? 0 : 1;
}

int merge(const Args& args, Env& env) {
  const std::string out = args.value("out");
  std::vector<LoadedResults> rounds;
  for (const std::string& path : args.operands()) rounds.push_back(loadResultsFile(path));
  const ResultsFile merged = writeMerged(rounds, out);
  env.out << "merged " << rounds.size() << " round(s): " << merged.rows.size() << " rows, " << merged.failures.size()
          << " failures -> " << out << "\n";
  return merged.failures.empty() ? 0 : 1;
}

int machine(const Args& args, Env& env) {
  env.out << machineKind(loadResultsFile(args.operands()[0]).file.context) << "\n";
  return 0;
}

int toolchain(const Args& args, Env& env) {
  const LoadedResults f = loadResultsFile(args.operands()[0]);
  const auto& c = f.file.context;
  if (!c.contains("counting")) throw std::runtime_error(f.path + " counted no instructions (no context.counting)");
  env.out << toolchainId(c["counting"]["toolchain"].get<std::string>()) << "\n";
  return 0;
}

}  // namespace

ResultsFile writeMerged(const std::vector<LoadedResults>& rounds, const std::string& out) {
  const ResultsFile merged = mergeRounds(rounds);
  const nlohmann::ordered_json json = toJson(merged);
  const auto violations = validateResults(nlohmann::json::parse(json.dump()));
  if (!violations.empty()) throw std::runtime_error("merged results violate the schema at " + violations[0].path);
  std::ofstream file(out);
  if (!(file << json.dump(2) << "\n")) throw std::runtime_error("cannot write " + out);
  return merged;
}

Verb validateVerb() {
  Verb v;
  v.name = "validate";
  v.summary = "Checks results files against the results schema (harness/schema/results.schema.json).";
  v.operands = "FILE...";
  v.min_operands = 1;
  v.max_operands = kAnyNumber;
  v.details = "Prints one line per valid file and one per violation (file, field, problem). Exit status 1 when a "
              "file is invalid.";
  v.run = validate;
  return v;
}

Verb summaryVerb() {
  Verb v;
  v.name = "summary";
  v.summary = "Prints the main job's tables: per-item times with spread, ratios to native, phase shares, counts, "
              "and whether every runtime computed the same results.";
  v.operands = "RESULTS...";
  v.min_operands = 1;
  v.max_operands = kAnyNumber;
  v.options = {option("against", "FILE", "results of another run (the full profile, say): how the comparisons "
                                          "decided here fare there").repeated()};
  v.details = "Exit status 1 when results differ between runtimes, when one build counted different instructions in "
              "two runtimes, or when a case failed.";
  v.run = summary;
  return v;
}

Verb mergeVerb() {
  Verb v;
  v.name = "merge";
  v.summary = "Pools process rounds of one runtime into one results file.";
  v.operands = "ROUND...";
  v.min_operands = 1;
  v.max_operands = kAnyNumber;
  v.options = {option("out", "FILE", "where the pooled results go").required()};
  v.details = "Rows are matched by name; samples are concatenated with the round they came from; exact counters and "
              "digests must agree across rounds (a disagreement is a failure). Exit status 1 when the pooled file "
              "has failures.";
  v.run = merge;
  return v;
}

// toolchain and machine: one results file in, the key its baselines are filed under out.
Verb baselineKeyVerb(const char* name, const char* summary, int (*run)(const Args&, Env&)) {
  Verb v;
  v.name = name;
  v.summary = summary;
  v.operands = "RESULTS";
  v.min_operands = 1;
  v.max_operands = 1;
  v.run = run;
  return v;
}

Verb toolchainVerb() {
  Verb v = baselineKeyVerb(
      "toolchain", "Prints the toolchain instruction-count baselines are keyed by (ci/baselines/counts/<toolchain>/).",
      toolchain);
  v.details = "Exit status 2 when the file counted no instructions.";
  return v;
}

Verb machineVerb() {
  return baselineKeyVerb("machine", "Prints the machine kind baselines are keyed by (CPU model and count).", machine);
}

}  // namespace tollgate::cli
