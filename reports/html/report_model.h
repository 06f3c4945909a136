#pragma once
// What the HTML report shows, as data: built from results files (and, when given,
// a gate verdict, a baseline, flamegraphs and hotspot tables), rendered by
// html_writer.cc into static HTML plus the JSON the page's script draws from.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/gates.h"
#include "analysis/results_io.h"

namespace tollgate {

struct FlameInput {
  std::string title;
  std::string runtime;   // native, node, chromium, or "" when mixed
  std::string path;      // folded stacks ("frame;frame;frame value" per line)
  std::string compare;   // optional second folded file: a differential flamegraph (path - compare)
};

struct ReportInputs {
  std::string title = "Tollgate report";
  std::vector<LoadedResults> results;
  std::optional<nlohmann::json> gate_verdict;  // a gate-verdict.json (tollgate gate --out-dir)
  std::optional<BaselineSet> baseline;
  std::vector<FlameInput> flames;
  std::vector<std::string> hotspot_files;      // tollgate-hotspots/1 JSON files
  std::vector<std::string> memory_files;       // tollgate-memory/1 JSON files (profiling pass)
};

// Throws std::runtime_error naming the file for an unreadable flame or hotspot file.
nlohmann::ordered_json buildReportModel(const ReportInputs& inputs);

// Folded stacks into a d3-flame-graph hierarchy: {name, value, children}. Lines that
// do not end in a count are an error naming the file and line.
nlohmann::ordered_json foldedToHierarchy(const std::string& text, const std::string& source);

// The differential of two hierarchies: values from `after`, with `delta` = after - before.
nlohmann::ordered_json differentialHierarchy(const nlohmann::ordered_json& after, const nlohmann::ordered_json& before);

}  // namespace tollgate
