#pragma once
// The gates configuration (ci/gates.json): four kinds of gate in one file.
//
//   relative  promises inside one run: a subject row against a reference row of the
//             same case ("node zero_copy within 1.25x native kernel")
//   baseline  each selected row's time against the stored baseline
//   exact     counters, memory figures and wasm sizes against the baseline, with an
//             allowance; no statistics, no noise
//   count     executed instructions per item against the toolchain's count
//             baseline (count_gates.h), with a small allowance; no statistics
//
// A workload's gates.json (beside its suite) adds its own gates to the project's
// when the project's file says "workload_gates": true. Every error names the file
// and the field.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tollgate/results.h"
#include "tollgate/workloads.h"

namespace tollgate {

// The position of a phase in kPhaseNames, or -1.
int phaseIndex(const std::string& name);

// Selects rows by any of workload, operation, variant, runtime and params.
struct RowSelector {
  std::map<std::string, std::string> fields;  // workload/operation/variant/runtime -> value
  nlohmann::json params = nlohmann::json::object();  // each given param must be equal
  bool matches(const ResultRow& row) const;
  std::string describe() const;
};

// What is compared: "time" (the samples, per item), or a figure of one operation:
// "counters.<name>", "memory.<name>"; or executed instructions per item,
// "instructions" for the whole operation, "instructions.<phase>" for one phase.
struct Metric {
  std::string path = "time";
  bool isTime() const { return path == "time"; }
  // The figure for a row; nullopt when the row lacks it.
  std::optional<double> value(const ResultRow& row) const;
};

struct RelativeGate {
  std::string id;
  std::string workload;  // from that workload's gates.json: applies only when the results hold it
  std::string description;
  RowSelector subject;
  std::map<std::string, std::string> reference;  // overrides of runtime/variant, same case
  Metric metric;
  double max_ratio = 1.0;  // subject / reference must be at most this
};

struct BaselineGate {
  std::string id;
  std::string workload;  // as RelativeGate's
  RowSelector rows;
  std::optional<RowSelector> except;  // rows left to another gate (a looser limit, say)
  double max_slowdown = 0.10;  // fails when the whole interval of current/baseline - 1 exceeds it
};

struct ExactGate {
  std::string id;
  std::string workload;  // as RelativeGate's
  RowSelector rows;
  Metric metric;                    // counters.* or memory.*; or context (below)
  std::string context_path;         // "wasm.<module>.size_bytes": a figure of each file's context
  double allowance = 0;             // absolute increase allowed
  double allowance_fraction = 0;    // and/or relative to the baseline value
};

struct CountGate {
  std::string id;
  std::string description;
  RowSelector rows;
  std::optional<RowSelector> except;
  Metric metric;              // instructions or instructions.<phase>
  double max_increase = 0.01;  // fails when the count per item grew by more than this fraction
};

struct GateConfig {
  std::string path;
  double confidence = 0.95;
  int resamples = 2000;
  int min_rounds = 3;  // timing gates stay undecided with fewer process rounds
  std::vector<RelativeGate> relative;
  std::vector<BaselineGate> baseline;
  std::vector<ExactGate> exact;
  // "workload_gates": true merges every registered workload's gates.json.
  bool workload_gates = false;
  std::vector<std::string> sources;  // the workload gates files merged in
  std::vector<CountGate> count;
};

// Throws std::runtime_error("<path>: <field>: <problem>").
GateConfig loadGateConfig(const std::string& path);
GateConfig parseGateConfig(const nlohmann::json& doc, const std::string& path);

// A workload's own gates (<workload>/gates.json: relative, baseline and exact
// lists as above), merged into `config`: ids become "<workload>/<id>" and every
// selector is limited to the workload's rows. Errors name that file.
void addWorkloadGates(GateConfig& config, const nlohmann::json& doc, const std::string& path,
                      const std::string& workload);
// Every registered workload's gates.json.
void addWorkloadGates(GateConfig& config, const WorkloadManifest& manifest);

}  // namespace tollgate
