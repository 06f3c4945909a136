// The `tollgate` command: tools over results files.
//
//   tollgate validate FILE...   check files against the results schema
//   tollgate summary FILE...    the main job's tables: per-item times, ratios to
//                               native, phase shares, counts; exits 1 when a
//                               runtime's results differ or a case failed
//   tollgate merge --out FILE ROUND...
//                               pools process rounds of one runtime into one file
//   tollgate gate --config ci/gates.json [--baselines ci/baselines] [--out-dir DIR]
//                 [--final] [--stopped decided|time_cap|max_rounds] [--manifest FILE] RESULTS...
//                               evaluates the gates (with each workload's gates.json
//                               when the file says "workload_gates"): a table, and with --out-dir a
//                               Markdown summary and a verdict file; exit 1 on a
//                               failed gate, 3 while gates are undecided (and not --final)
//   tollgate machine FILE       the machine kind baselines are keyed by
//   tollgate fold (--cpuprofile FILE | --perf-script FILE|- | --trace FILE) [--out FILE]
//                 [--alias NAME=NEW]... [--top N]
//                               folded stacks from a V8 profile, perf script output or
//                               a probe trace; --top prints the hottest frames instead
//   tollgate report --out FILE [--title T] [--gates VERDICT.json] [--baselines DIR]
//                   [--flame TITLE=FILE.folded] [--flame-diff TITLE=AFTER.folded,BEFORE.folded]
//                   [--hotspots FILE.json] [--memory FILE.json] [RESULTS...]
//                               one self-contained HTML report
//
// Exit status: 0 ok, 1 a check failed, 2 usage or unreadable input.

#include <iostream>
#include <string>
#include <vector>

#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

#include <filesystem>

#include "analysis/gates.h"
#include "analysis/merge.h"
#include "analysis/profiles.h"
#include "gates/gate_report.h"
#include "html/html_writer.h"
#include "html/report_model.h"
#include "analysis/results_io.h"
#include "analysis/summary.h"
#include "console/summary_table.h"

namespace tollgate {
namespace {

int usage() {
  std::cerr << "usage: tollgate validate FILE...\n"
               "       tollgate summary FILE...\n"
               "       tollgate merge --out FILE ROUND...\n"
               "       tollgate gate --config FILE [--baselines DIR] [--out-dir DIR] [--final] [--stopped WHY]\n"
               "                     [--manifest <build>/workloads.json] RESULTS...\n"
               "       tollgate machine FILE\n"
               "       tollgate fold (--cpuprofile FILE | --perf-script FILE|- | --trace FILE) [--out FILE] [--alias A=B] [--top N]\n"
               "       tollgate report --out FILE [--title T] [--gates VERDICT] [--baselines DIR] [--flame TITLE=FOLDED]\n"
               "                       [--flame-diff TITLE=AFTER,BEFORE] [--hotspots FILE] [--memory FILE] [RESULTS...]\n";
  return 2;
}

int validateCommand(const std::vector<std::string>& files) {
  int bad = 0;
  for (const std::string& path : files) {
    const auto violations = checkResultsFile(path);
    if (violations.empty()) {
      std::cout << path << ": valid (schema v" << kSchemaVersion << ")\n";
      continue;
    }
    ++bad;
    for (const auto& v : violations) std::cout << path << ": " << v.path << ": " << v.message << "\n";
  }
  return bad == 0 ? 0 : 1;
}

int summaryCommand(const std::vector<std::string>& files) {
  std::vector<LoadedResults> loaded;
  for (const std::string& path : files) loaded.push_back(loadResultsFile(path));
  const Summary summary = summarize(loaded);
  printSummary(summary, std::cout);
  return summary.allDigestsAgree() && summary.failures.empty() ? 0 : 1;
}

int mergeCommand(std::vector<std::string> args) {
  if (args.size() < 3 || args[0] != "--out") return usage();
  const std::string out = args[1];
  std::vector<LoadedResults> rounds;
  for (std::size_t i = 2; i < args.size(); ++i) rounds.push_back(loadResultsFile(args[i]));
  const ResultsFile merged = mergeRounds(rounds);
  const nlohmann::ordered_json json = toJson(merged);
  const auto violations = validateResults(nlohmann::json::parse(json.dump()));
  if (!violations.empty()) throw std::runtime_error("merged results violate the schema at " + violations[0].path);
  std::ofstream file(out);
  if (!(file << json.dump(2) << "\n")) throw std::runtime_error("cannot write " + out);
  std::cout << "merged " << rounds.size() << " round(s): " << merged.rows.size() << " rows, "
            << merged.failures.size() << " failures -> " << out << "\n";
  return merged.failures.empty() ? 0 : 1;
}

int gateCommand(const std::vector<std::string>& args) {
  std::string config_path, baselines = "ci/baselines", out_dir, manifest = TOLLGATE_WORKLOAD_MANIFEST;
  SamplingNote sampling;
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto next = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::runtime_error(args[i] + " needs a value");
      return args[++i];
    };
    if (args[i] == "--config") config_path = next();
    else if (args[i] == "--baselines") baselines = next();
    else if (args[i] == "--out-dir") out_dir = next();
    else if (args[i] == "--final") sampling.final = true;
    else if (args[i] == "--stopped") sampling.stopped = next();
    else if (args[i] == "--manifest") manifest = next();
    else if (args[i].rfind("--", 0) == 0) throw std::runtime_error("unknown option " + args[i]);
    else files.push_back(args[i]);
  }
  if (config_path.empty() || files.empty()) return usage();
  GateConfig config = loadGateConfig(config_path);
  // Each registered workload's gates.json, when the project's file asks for them.
  if (config.workload_gates) addWorkloadGates(config, loadWorkloadManifest(manifest));
  std::vector<LoadedResults> current;
  for (const std::string& f : files) current.push_back(loadResultsFile(f));
  const auto baseline = findBaseline(baselines, current);
  const GateReport report = evaluateGates(config, current, baseline);
  printGateTable(report, sampling, std::cout);
  if (!out_dir.empty()) {
    std::filesystem::create_directories(out_dir);
    std::ofstream(out_dir + "/gate-summary.md") << gateMarkdown(report, sampling);
    std::ofstream(out_dir + "/gate-verdict.json") << gateVerdictJson(report, sampling).dump(2) << "\n";
  }
  const std::string verdict = overallVerdict(report, sampling);
  return verdict == "fail" ? 1 : verdict == "undecided" ? 3 : 0;
}

int reportCommand(const std::vector<std::string>& args) {
  ReportInputs in;
  std::string out, baselines;
  std::vector<std::string> files;
  auto split = [](const std::string& value, char sep, const std::string& option) {
    const auto at = value.find(sep);
    if (at == std::string::npos || at == 0 || at + 1 == value.size()) {
      throw std::runtime_error(option + " expects TITLE" + sep + "FILE, got '" + value + "'");
    }
    return std::make_pair(value.substr(0, at), value.substr(at + 1));
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto next = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::runtime_error(args[i] + " needs a value");
      return args[++i];
    };
    if (args[i] == "--out") out = next();
    else if (args[i] == "--title") in.title = next();
    else if (args[i] == "--baselines") baselines = next();
    else if (args[i] == "--hotspots") in.hotspot_files.push_back(next());
    else if (args[i] == "--memory") in.memory_files.push_back(next());
    else if (args[i] == "--gates") {
      const std::string path = next();
      std::ifstream verdict(path);
      if (!verdict) throw std::runtime_error(path + ": cannot open the gate verdict");
      try {
        in.gate_verdict = nlohmann::json::parse(verdict);
      } catch (const nlohmann::json::parse_error& e) {
        throw std::runtime_error(path + ": not valid JSON: " + e.what());
      }
      if (in.gate_verdict->value("format", "") != "tollgate-gate-verdict/1") {
        throw std::runtime_error(path + ": not a tollgate-gate-verdict/1 file");
      }
    } else if (args[i] == "--flame") {
      const auto [title, file] = split(next(), '=', "--flame");
      in.flames.push_back({title, "", file, ""});
    } else if (args[i] == "--flame-diff") {
      const auto [title, pair] = split(next(), '=', "--flame-diff");
      const auto [after, before] = split(pair, ',', "--flame-diff");
      in.flames.push_back({title, "", after, before});
    } else if (args[i].rfind("--", 0) == 0) {
      throw std::runtime_error("unknown option " + args[i]);
    } else {
      files.push_back(args[i]);
    }
  }
  // A profile's report has no results files: flamegraphs, hotspots and memory suffice.
  if (out.empty() || (files.empty() && in.flames.empty() && in.hotspot_files.empty())) return usage();
  for (const std::string& f : files) in.results.push_back(loadResultsFile(f));
  if (!baselines.empty()) in.baseline = findBaseline(baselines, in.results);
  const std::string html = renderReportHtml(buildReportModel(in));
  std::ofstream file(out);
  if (!(file << html)) throw std::runtime_error("cannot write " + out);
  std::cout << "report: " << files.size() << " results file(s), " << html.size() / 1024 << " KiB -> " << out << "\n";
  return 0;
}

std::string readAll(const std::string& path) {
  std::stringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open the file");
    text << in.rdbuf();
  }
  return text.str();
}

int foldCommand(const std::vector<std::string>& args) {
  std::string kind, input, out;
  std::map<std::string, std::string> aliases;
  int top = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto next = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::runtime_error(args[i] + " needs a value");
      return args[++i];
    };
    if (args[i] == "--cpuprofile" || args[i] == "--perf-script" || args[i] == "--trace") {
      kind = args[i];
      input = next();
    } else if (args[i] == "--out") {
      out = next();
    } else if (args[i] == "--top") {
      top = std::stoi(next());
    } else if (args[i] == "--alias") {
      const std::string pair = next();
      const auto eq = pair.find('=');
      if (eq == std::string::npos) throw std::runtime_error("--alias expects NAME=NEW, got '" + pair + "'");
      aliases[pair.substr(0, eq)] = pair.substr(eq + 1);
    } else {
      throw std::runtime_error("unknown argument " + args[i]);
    }
  }
  if (kind.empty()) return usage();
  const std::string text = readAll(input);
  std::string folded;
  if (kind == "--perf-script") {
    folded = foldPerfScript(text);
  } else {
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      throw std::runtime_error(input + ": not valid JSON: " + e.what());
    }
    folded = kind == "--cpuprofile" ? foldCpuProfile(doc, input) : foldTrace(doc, input);
  }
  if (!aliases.empty()) folded = aliasFrames(folded, aliases);
  if (top > 0) {
    const auto self = selfTimes(folded);
    double total = 0;
    for (const auto& [frame, value] : self) total += value;
    for (int i = 0; i < top && i < static_cast<int>(self.size()); ++i) {
      std::cout << std::fixed << std::setprecision(1) << 100 * self[i].second / total << "%\t" << self[i].first << "\n";
    }
    return 0;
  }
  if (out.empty()) {
    std::cout << folded;
  } else if (!(std::ofstream(out) << folded)) {
    throw std::runtime_error("cannot write " + out);
  }
  return 0;
}

int machineCommand(const std::vector<std::string>& args) {
  if (args.size() != 1) return usage();
  std::cout << machineKind(loadResultsFile(args[0]).file.context) << "\n";
  return 0;
}

}  // namespace
}  // namespace tollgate

int main(int argc, char** argv) {
  if (argc < 3) return tollgate::usage();
  const std::string command = argv[1];
  const std::vector<std::string> files(argv + 2, argv + argc);
  try {
    if (command == "validate") return tollgate::validateCommand(files);
    if (command == "summary") return tollgate::summaryCommand(files);
    if (command == "merge") return tollgate::mergeCommand(files);
    if (command == "gate") return tollgate::gateCommand(files);
    if (command == "machine") return tollgate::machineCommand(files);
    if (command == "report") return tollgate::reportCommand(files);
    if (command == "fold") return tollgate::foldCommand(files);
  } catch (const std::exception& e) {
    std::cerr << "tollgate " << command << ": " << e.what() << "\n";
    return 2;
  }
  return tollgate::usage();
}
