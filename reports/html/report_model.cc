#include "html/report_model.h"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "analysis/statistics.h"
#include "analysis/summary.h"

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

Json phaseMedians(const ResultRow& row) {
  Json out = Json::object();
  const double items = static_cast<double>(row.items_per_op);
  for (int p = 0; p < kPhaseCount; ++p) {
    std::vector<double> values;
    for (const PhaseTimes& s : row.phase_samples) values.push_back(s[p]);
    out[kPhaseNames[p]] = values.empty() ? 0.0 : median(values) / items;
  }
  return out;
}

const ResultRow* findBaselineRow(const BaselineSet& baseline, const ResultRow& row) {
  const std::string name = row.name();
  for (const LoadedResults& f : baseline.files) {
    for (const ResultRow& r : f.file.rows) {
      if (r.runtime == row.runtime && r.name() == name) return &r;
    }
  }
  return nullptr;
}

ClusteredSamples perItem(const ResultRow& row) {
  ClusteredSamples s;
  for (double ns : row.samples_ns) s.values.push_back(ns / static_cast<double>(row.items_per_op));
  s.rounds = row.sample_rounds;
  return s;
}

Json entryJson(const ResultRow& row, const SummaryEntry& e, const std::string& file_label,
               const std::optional<BaselineSet>& baseline) {
  std::vector<double> per_item;
  for (double ns : row.samples_ns) per_item.push_back(ns / static_cast<double>(row.items_per_op));
  Json j = {{"runtime", row.runtime},
            {"variant", row.variant},
            {"file", file_label},
            {"name", row.name()},
            {"samples", row.samples_ns.size()},
            {"rounds", row.sample_rounds.empty() ? 1 : *std::max_element(row.sample_rounds.begin(), row.sample_rounds.end())},
            {"per_item_ns", e.per_item_ns},
            {"p25_ns", quantile(per_item, 0.25)},
            {"p75_ns", quantile(per_item, 0.75)},
            {"spread_pct", e.spread_pct},
            {"phases_ns", phaseMedians(row)},
            {"crossings", e.crossings_per_item},
            {"bytes_in", e.bytes_in_per_item},
            {"bytes_out", e.bytes_out_per_item},
            {"allocations", e.allocations_per_item},
            {"memory", row.memory},
            {"digest", row.result_digest}};
  j["ratio_to_native"] = e.ratio_to_native ? Json(*e.ratio_to_native) : Json(nullptr);
  j["outside_compute"] = e.outside_compute_share ? Json(*e.outside_compute_share) : Json(nullptr);
  j["probe_inflation"] = e.probe_inflation ? Json(*e.probe_inflation) : Json(nullptr);
  j["recall"] = e.recall ? Json(*e.recall) : Json(nullptr);
  j["baseline"] = nullptr;
  if (baseline) {
    if (const ResultRow* base = findBaselineRow(*baseline, row)) {
      const Interval ci = ratioInterval(perItem(row), perItem(*base), 0.95, 1000);
      j["baseline"] = {{"ratio", ci.estimate}, {"lower", ci.lower}, {"upper", ci.upper},
                       {"baseline_ns", median(perItem(*base).values)}};
    }
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
      const Json phases = phaseMedians(row);
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

  // Cases grouped by workload, in first-seen order, from the same summary the console prints.
  const Summary summary = summarize(in.results);
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
      kase["entries"].push_back(entryJson(*e.row, e, label, in.baseline));
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
    Json table;
    try {
      table = Json::parse(readText(path));
    } catch (const Json::parse_error& e) {
      throw std::runtime_error(path + ": not valid JSON: " + e.what());
    }
    if (table.value("format", "") != "tollgate-hotspots/1" || !table.contains("sites") || !table["sites"].is_array()) {
      throw std::runtime_error(path + ": not a tollgate-hotspots/1 table (format and sites expected)");
    }
    table["path"] = path;
    hotspots.push_back(table);
  }
  model["hotspots"] = hotspots;

  Json memory = Json::array();
  for (const std::string& path : in.memory_files) {
    Json figures;
    try {
      figures = Json::parse(readText(path));
    } catch (const Json::parse_error& e) {
      throw std::runtime_error(path + ": not valid JSON: " + e.what());
    }
    if (figures.value("format", "") != "tollgate-memory/1") {
      throw std::runtime_error(path + ": not a tollgate-memory/1 file");
    }
    figures["path"] = path;
    memory.push_back(figures);
  }
  model["memory"] = memory;
  return model;
}

}  // namespace tollgate
