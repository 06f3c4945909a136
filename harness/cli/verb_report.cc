// The report verb: one self-contained HTML report from results, profiles and a verdict.

#include <fstream>
#include <ostream>

#include "analysis/gates.h"
#include "cli/verbs.h"
#include "tollgate/json_input.h"
#include "html/html_writer.h"
#include "html/report_model.h"

namespace tollgate::cli {
namespace {

std::pair<std::string, std::string> split(const std::string& value, char sep, const std::string& option) {
  const auto at = value.find(sep);
  if (at == std::string::npos || at == 0 || at + 1 == value.size()) {
    throw UsageError("--" + option + " expects TITLE" + sep + "FILE, got '" + value + "'");
  }
  return {value.substr(0, at), value.substr(at + 1)};
}

nlohmann::json readVerdict(const std::string& path) {
  const nlohmann::json verdict = readJsonFile(path, kConfigJsonLimits);  // bounded: tollgate/json_input.h
  if (!verdict.is_object() || verdict.value("format", nlohmann::json()) != "tollgate-gate-verdict/1") {
    throw std::runtime_error(path + ": not a tollgate-gate-verdict/1 file");
  }
  return verdict;
}

int report(const Args& args, Env& env) {
  ReportInputs in;
  in.title = args.value("title");
  in.hotspot_files = args.values("hotspots");
  in.memory_files = args.values("memory");
  if (args.has("gates")) in.gate_verdict = readVerdict(args.value("gates"));
  for (const std::string& flame : args.values("flame")) {
    const auto [title, file] = split(flame, '=', "flame");
    in.flames.push_back({title, "", file, ""});
  }
  for (const std::string& diff : args.values("flame-diff")) {
    const auto [title, pair] = split(diff, '=', "flame-diff");
    const auto [after, before] = split(pair, ',', "flame-diff");
    in.flames.push_back({title, "", after, before});
  }
  // A profile's report has no results files: flamegraphs, hotspots and memory suffice.
  if (args.operands().empty() && in.flames.empty() && in.hotspot_files.empty()) {
    throw UsageError("nothing to report: give results files, --flame or --hotspots");
  }
  for (const std::string& f : args.operands()) in.results.push_back(loadResultsFile(f));
  if (args.has("baselines")) in.baseline = findBaseline(args.value("baselines"), in.results);
  const std::string html = renderReportHtml(buildReportModel(in));
  const std::string out = args.value("out");
  std::ofstream file(out);
  if (!(file << html)) throw std::runtime_error("cannot write " + out);
  env.out << "report: " << args.operands().size() << " results file(s), " << html.size() / 1024 << " KiB -> " << out
          << "\n";
  return 0;
}

}  // namespace

Verb reportVerb() {
  Verb v;
  v.name = "report";
  v.summary = "Writes one self-contained HTML report (no network needed to open it) from results files, "
              "a gate verdict, a baseline, flamegraphs and memory hotspot tables.";
  v.operands = "[RESULTS...]";
  v.max_operands = kAnyNumber;
  v.options = {
      option("out", "FILE", "the HTML file to write").required(),
      option("title", "TEXT", "the report's title").defaults("Tollgate report"),
      option("gates", "FILE", "a gate verdict (gate-verdict.json from tollgate gate --out-dir)"),
      option("baselines", "DIR", "compare every row with the stored baseline for this machine"),
      option("flame", "TITLE=FILE", "a flamegraph from folded stacks").repeated(),
      option("flame-diff", "TITLE=AFTER,BEFORE", "a differential flamegraph of two folded files").repeated(),
      option("hotspots", "FILE", "a memory hotspot table (tollgate-hotspots/1)").repeated(),
      option("memory", "FILE", "memory figures from a profile (tollgate-memory/1)").repeated(),
  };
  v.run = report;
  return v;
}

}  // namespace tollgate::cli
