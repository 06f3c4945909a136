#include "html/report_model.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "analysis/comparisons.h"
#include "analysis/statistics.h"
#include "analysis/summary.h"
#include "tollgate/json_input.h"

namespace tollgate {
namespace {

using Json = nlohmann::ordered_json;

std::string readText(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the file");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Json phasesJson(const SummaryEntry& e) {
  Json out = Json::object();
  for (int p = 0; p < kPhaseCount; ++p) out[kPhaseNames[p]] = e.phase_ns[p];
  return out;
}

Json intervalJson(const Interval& ci, Decision decision, int rounds) {
  return {{"ratio", ci.estimate}, {"lower", ci.lower}, {"upper", ci.upper}, {"decision", decisionName(decision)},
          {"rounds", rounds}};
}

// What the analysis decided about each row, by runtime and row name.
struct RowFindings {
  std::map<std::string, const Comparison*> vs_native, vs_naive;
  std::map<std::string, const BaselineChange*> vs_baseline;
};

Json entryJson(const ResultRow& row, const SummaryEntry& e, const std::string& file_label, const RowFindings& found) {
  Json j = {{"runtime", row.runtime},
            {"variant", row.variant},
            {"file", file_label},
            {"name", row.name()},
            {"samples", row.samples_ns.size()},
            {"rounds", row.sample_rounds.empty() ? 1 : *std::max_element(row.sample_rounds.begin(), row.sample_rounds.end())},
            {"per_item_ns", e.per_item_ns},
            {"p25_ns", e.p25_ns},
            {"p75_ns", e.p75_ns},
            {"spread_pct", e.spread_pct},
            {"phases_ns", phasesJson(e)},
            {"crossings", e.crossings_per_item},
            {"bytes_in", e.bytes_in_per_item},
            {"bytes_out", e.bytes_out_per_item},
            {"allocations", e.allocations_per_item ? Json(*e.allocations_per_item) : Json(nullptr)},
            {"memory", row.memory},
            {"digest", row.result_digest}};
  j["ratio_to_native"] = e.ratio_to_native ? Json(*e.ratio_to_native) : Json(nullptr);
  j["instructions"] = e.instructions_per_item ? Json(*e.instructions_per_item) : Json(nullptr);
  j["ns_per_instruction"] = e.ns_per_instruction ? Json(*e.ns_per_instruction) : Json(nullptr);
  j["js_uncounted"] = e.js_uncounted;
  j["not_counted"] = e.not_counted.empty() ? Json(nullptr) : Json(e.not_counted);
  j["outside_compute"] = e.outside_compute_share ? Json(*e.outside_compute_share) : Json(nullptr);
  j["probe_inflation"] = e.probe_inflation ? Json(*e.probe_inflation) : Json(nullptr);
  j["recall"] = e.recall ? Json(*e.recall) : Json(nullptr);
  const std::string name = row.runtime + " " + row.name();
  const auto native = found.vs_native.find(name);
  j["vs_native"] = native == found.vs_native.end() ? Json(nullptr)
                   : intervalJson(native->second->ratio, native->second->decision, native->second->rounds);
  const auto naive = found.vs_naive.find(name);
  j["vs_naive"] = nullptr;
  if (naive != found.vs_naive.end()) {
    j["vs_naive"] = intervalJson(naive->second->ratio, naive->second->decision, naive->second->rounds);
    j["vs_naive"]["reference"] = naive->second->reference_label;
  }
  const auto base = found.vs_baseline.find(name);
  j["baseline"] = nullptr;
  if (base != found.vs_baseline.end()) {
    j["baseline"] = intervalJson(base->second->ratio, base->second->decision, base->second->rounds);
    j["baseline"]["baseline_ns"] = base->second->baseline_ns;
  }
  return j;
}

// A flamegraph of the phase probes, one per runtime: runtime > case > variant > phase,
// in ns per item (the medians of the phase pass).
Json phaseFlame(const std::vector<LoadedResults>& files, const std::string& runtime) {
  Json root = {{"name", runtime}, {"value", 0.0}, {"children", Json::array()}};
  double total = 0;
  for (const LoadedResults& f : files) {
    for (const ResultRow& row : f.file.rows) {
      if (row.runtime != runtime || row.phase_samples.empty()) continue;
      const Json phases = phasesJson(summarizeRow(row));
      Json variant = {{"name", row.name()}, {"value", 0.0}, {"children", Json::array()}};
      double sum = 0;
      for (const auto& [phase, ns] : phases.items()) {
        if (ns.get<double>() <= 0) continue;
        variant["children"].push_back({{"name", phase}, {"value", ns}});
        sum += ns.get<double>();
      }
      variant["value"] = sum;
      total += sum;
      root["children"].push_back(variant);
    }
  }
  root["value"] = total;
  return root;
}

void addStack(Json& node, const std::vector<std::string>& frames, std::size_t depth, double value) {
  node["value"] = node["value"].get<double>() + value;
  if (depth == frames.size()) return;
  Json& children = node["children"];
  for (Json& child : children) {
    if (child["name"] == frames[depth]) return addStack(child, frames, depth + 1, value);
  }
  children.push_back({{"name", frames[depth]}, {"value", 0.0}, {"children", Json::array()}});
  addStack(children.back(), frames, depth + 1, value);
}

// The report's first screen, as data: the overall verdict, what needs attention (with
// numbers), significant changes against the baseline, and counts of the rest.
Json verdictModel(const ReportInputs& in, const Summary& summary, const std::vector<Comparison>& comparisons,
                  const std::vector<BaselineChange>& changes) {
  Json v = {{"status", in.gate_verdict ? in.gate_verdict->value("verdict", "none") : std::string("none")},
            {"attention", Json::array()}, {"faster", Json::array()}, {"slower", Json::array()}};
  for (const SummaryFailure& f : summary.failures) {
    v["attention"].push_back({{"kind", "failure"}, {"subject", f.failure.name},
                              {"text", f.failure.stage + ": " + f.failure.message}, {"file", f.file}});
  }
  for (const SummaryCase& c : summary.cases) {
    if (!c.digests_agree) {
      v["attention"].push_back({{"kind", "results differ"}, {"subject", c.workload + "." + c.operation + " " + c.params},
                                {"text", "runtimes or adapters computed different results (see the digest column)"}});
    }
  }
  Json gate_counts = {{"pass", 0}, {"fail", 0}, {"undecided", 0}, {"warn", 0}};
  if (in.gate_verdict) {
    for (const auto& g : in.gate_verdict->value("gates", nlohmann::json::array())) {
      const std::string verdict = g.value("verdict", "");
      if (gate_counts.contains(verdict)) gate_counts[verdict] = gate_counts[verdict].get<int>() + 1;
      if (verdict != "fail") continue;
      Json item = {{"kind", "gate failed"}, {"subject", g.value("runtime", "") + " " + g.value("subject", "")},
                   {"gate", g.value("id", "")}, {"expected", g.value("expected", "")},
                   {"measured", g.value("measured", 0.0)}, {"gate_kind", g.value("kind", "")},
                   {"note", g.value("note", "")}};
      if (g.contains("interval")) item["interval"] = g["interval"];
      v["attention"].push_back(item);
    }
  }
  v["gate_counts"] = gate_counts;
  std::vector<const BaselineChange*> moved;
  for (const BaselineChange& c : changes) {
    if (c.decision == Decision::faster || c.decision == Decision::slower) moved.push_back(&c);
  }
  // Largest change first: a slowdown by its ratio, a speed-up by its inverse.
  std::sort(moved.begin(), moved.end(), [](const BaselineChange* a, const BaselineChange* b) {
    return std::fabs(std::log(a->ratio.estimate)) > std::fabs(std::log(b->ratio.estimate));
  });
  for (const BaselineChange* c : moved) {
    v[c->decision == Decision::slower ? "slower" : "faster"].push_back(
        {{"runtime", c->row->runtime}, {"name", c->row->name()}, {"ratio", c->ratio.estimate},
         {"lower", c->ratio.lower}, {"upper", c->ratio.upper}, {"baseline_ns", c->baseline_ns},
         {"now_ns", c->now_ns}});
  }
  std::map<std::string, int> decided;
  for (const Comparison& c : comparisons) ++decided[decisionName(c.decision)];
  v["comparisons"] = {{"total", comparisons.size()}, {"faster", decided["faster"]}, {"slower", decided["slower"]},
                      {"same", decided["same"]}, {"undecided", decided["undecided"]}};
  int rounds = 0;
  std::size_t rows = 0;
  for (const LoadedResults& f : in.results) {
    rounds = std::max(rounds, f.file.context.value("rounds", 1));
    rows += f.file.rows.size();
  }
  v["rows"] = rows;
  v["rounds"] = rounds;
  v["baseline_compared"] = changes.size();
  return v;
}

}  // namespace

Json foldedToHierarchy(const std::string& text, const std::string& source) {
  Json root = {{"name", "all"}, {"value", 0.0}, {"children", Json::array()}};
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find_last_of(' ');
    double value = 0;
    try {
      std::size_t used = 0;
      if (space == std::string::npos) throw std::invalid_argument("no count");
      value = std::stod(line.substr(space + 1), &used);
      if (used != line.size() - space - 1 || value < 0) throw std::invalid_argument("bad count");
    } catch (const std::exception&) {
      throw std::runtime_error(source + ":" + std::to_string(number) + ": expected 'frame;frame;... count'");
    }
    std::vector<std::string> frames;
    std::istringstream stack(line.substr(0, space));
    std::string frame;
    while (std::getline(stack, frame, ';')) frames.push_back(frame);
    addStack(root, frames, 0, value);
  }
  return root;
}

Json differentialHierarchy(const Json& after, const Json& before) {
  Json out = {{"name", after["name"]}, {"value", after["value"]}, {"children", Json::array()}};
  const double before_value = before.is_null() ? 0.0 : before["value"].get<double>();
  out["delta"] = after["value"].get<double>() - before_value;
  for (const Json& child : after.value("children", Json::array())) {
    Json match;
    if (!before.is_null()) {
      for (const Json& b : before.value("children", Json::array())) {
        if (b["name"] == child["name"]) match = b;
      }
    }
    out["children"].push_back(differentialHierarchy(child, match));
  }
  return out;
}

Json buildReportModel(const ReportInputs& in) {
  Json model;
  model["format"] = "tollgate-report/1";
  model["title"] = in.title;
  model["files"] = Json::array();
  std::map<std::string, int> per_runtime;
  for (const LoadedResults& f : in.results) per_runtime[f.file.context.value("runtime", "")]++;
  for (const LoadedResults& f : in.results) {
    model["files"].push_back({{"path", f.path}, {"context", f.file.context}, {"rows", f.file.rows.size()},
                              {"failures", Json::array()}});
    for (const Failure& failure : f.file.failures) {
      model["files"].back()["failures"].push_back({{"name", failure.name}, {"stage", failure.stage}, {"message", failure.message}});
    }
  }

  // What the analysis decided: comparisons within the run and against the baseline.
  const Summary summary = summarize(in.results);
  const std::vector<Comparison> comparisons = compareRows(in.results);
  const std::vector<BaselineChange> changes =
      in.baseline ? compareWithBaseline(in.results, in.baseline->files) : std::vector<BaselineChange>{};
  RowFindings found;
  for (const Comparison& c : comparisons) {
    (c.reference_label.rfind("native ", 0) == 0 ? found.vs_native : found.vs_naive)[c.runtime + " " + c.subject] = &c;
  }
  for (const BaselineChange& c : changes) found.vs_baseline[c.row->runtime + " " + c.row->name()] = &c;
  model["verdict"] = verdictModel(in, summary, comparisons, changes);

  // Cases grouped by workload, in first-seen order, from the same summary the console prints.
  Json workloads = Json::array();
  std::map<std::string, std::size_t> workload_index;
  for (const SummaryCase& c : summary.cases) {
    if (!workload_index.count(c.workload)) {
      workload_index[c.workload] = workloads.size();
      workloads.push_back({{"workload", c.workload}, {"cases", Json::array()}});
    }
    Json kase = {{"title", c.workload + "." + c.operation}, {"operation", c.operation}, {"item", c.item},
                 {"params", c.params}, {"digests_agree", c.digests_agree}, {"entries", Json::array()}};
    for (const SummaryEntry& e : c.entries) {
      const std::string runtime = e.row->runtime;
      const std::string label = per_runtime[runtime] > 1 ? e.file->path : runtime;
      kase["entries"].push_back(entryJson(*e.row, e, label, found));
    }
    workloads[workload_index[c.workload]]["cases"].push_back(kase);
  }
  model["workloads"] = workloads;

  model["gates"] = in.gate_verdict ? Json(*in.gate_verdict) : Json(nullptr);
  model["baseline"] = in.baseline ? Json{{"dir", in.baseline->dir}, {"same_machine", in.baseline->same_machine},
                                          {"note", in.baseline->note}}
                                    : Json(nullptr);

  Json flames = Json::array();
  for (const char* runtime : {"native", "node", "chromium"}) {
    if (!per_runtime.count(runtime)) continue;
    flames.push_back({{"title", std::string("Boundary phases, ") + runtime + " (ns per item, phase probes)"},
                      {"runtime", runtime}, {"kind", "phases"}, {"root", phaseFlame(in.results, runtime)}});
  }
  for (const FlameInput& flame : in.flames) {
    Json root = foldedToHierarchy(readText(flame.path), flame.path);
    std::string kind = "cpu";
    if (!flame.compare.empty()) {
      root = differentialHierarchy(root, foldedToHierarchy(readText(flame.compare), flame.compare));
      kind = "differential";
    }
    flames.push_back({{"title", flame.title}, {"runtime", flame.runtime}, {"kind", kind}, {"root", root}});
  }
  model["flamegraphs"] = flames;

  Json hotspots = Json::array();
  for (const std::string& path : in.hotspot_files) {
    Json table = readOrderedJsonFile(path, kResultsJsonLimits);
    if (!table.is_object() || table.value("format", Json()) != "tollgate-hotspots/1" || !table.contains("sites") || !table["sites"].is_array()) {
      throw std::runtime_error(path + ": not a tollgate-hotspots/1 table (format and sites expected)");
    }
    table["path"] = path;
    hotspots.push_back(table);
  }
  model["hotspots"] = hotspots;

  Json memory = Json::array();
  for (const std::string& path : in.memory_files) {
    Json figures = readOrderedJsonFile(path, kResultsJsonLimits);
    if (!figures.is_object() || figures.value("format", Json()) != "tollgate-memory/1") {
      throw std::runtime_error(path + ": not a tollgate-memory/1 file");
    }
    figures["path"] = path;
    memory.push_back(figures);
  }
  model["memory"] = memory;
  return model;
}

}  // namespace tollgate
