#pragma once
// The results model: one row per (workload, operation, variant, params, runtime),
// raw samples kept. Written as schema v1 (harness/schema/results.schema.json), a
// superset of Google Benchmark's JSON. Statistics beyond the median that Google
// Benchmark's fields require are computed downstream.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tollgate/probe.h"

namespace tollgate {

inline constexpr int kSchemaVersion = 1;

struct Counters {
  std::uint64_t crossings_js_to_wasm = 0;
  std::uint64_t crossings_wasm_to_js = 0;
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  std::uint64_t allocations = 0;
  std::uint64_t bytes_allocated = 0;
  // A workload's own exact counts (source_bytes_read, source_requests...).
  std::map<std::string, std::uint64_t> extra;
  std::uint64_t crossings() const { return crossings_js_to_wasm + crossings_wasm_to_js; }
};

// Nanoseconds spent in each phase during one whole operation.
using PhaseTimes = std::array<double, kPhaseCount>;
using PhaseCounts = std::array<std::uint64_t, kPhaseCount>;

// Executed instructions of one whole operation, from the counting pass
// (callgrind natively, the module's counting build in wasm; the file's
// context.counting says which). No run-to-run variance: gated without statistics.
struct InstructionCounts {
  std::uint64_t per_op = 0;
  // Per phase, from a second operation with the probes on, their clock reading
  // the count (the probes' own instructions fall in the phases around them).
  std::optional<PhaseCounts> phases;
  // What ran in the operation but no counter sees ("js": the JS glue and the
  // adapters' JS): reported as uncounted, never as zero.
  std::vector<std::string> uncounted;
};

struct ResultRow {
  std::string workload;
  std::string operation;
  std::string variant;
  std::string runtime;
  nlohmann::ordered_json params = nlohmann::ordered_json::object();
  std::vector<std::string> name_params;  // which params appear in the name, in order
  std::uint64_t items_per_op = 1;
  std::string item = "item";  // what one item is ("vector", "query"): times are per item
  int warmup_ops = 0;
  std::vector<double> samples_ns;      // wall time of each timed operation
  std::vector<int> sample_rounds;      // process round of each sample; empty for one run
  std::vector<double> cpu_samples_ns;  // empty where the runtime has no CPU clock
  std::vector<PhaseTimes> phase_samples;
  Counters counters;
  nlohmann::ordered_json memory = nlohmann::ordered_json::object();
  std::optional<InstructionCounts> instructions;
  std::string result_digest;
  nlohmann::ordered_json quality = nlohmann::ordered_json::object();  // e.g. recall_at_k
  // A module built without Tollgate, measured from outside ("measured_from"):
  // its compute phase and allocation counts are unknown, never zero.
  bool measured_outside = false;

  // "workload.operation/variant/param:value/..." as Google Benchmark names things.
  std::string name() const;
  // The same without the variant: rows that measure the same thing share it.
  std::string caseKey() const;
};

struct Failure {
  std::string name;
  std::string stage;
  std::string message;
};

struct ResultsFile {
  nlohmann::ordered_json context = nlohmann::ordered_json::object();
  std::vector<ResultRow> rows;
  std::vector<Failure> failures;
};

nlohmann::ordered_json toJson(const ResultsFile& file);

// Reads a file already validated against the schema (see schema_validator.h).
ResultsFile resultsFromJson(const nlohmann::json& json);

}  // namespace tollgate
