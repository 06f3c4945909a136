#include "tollgate/results.h"

#include <map>
#include <set>
#include <stdexcept>

#include "analysis/statistics.h"

namespace tollgate {
namespace {

std::string paramText(const nlohmann::ordered_json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

nlohmann::ordered_json rowToJson(const ResultRow& row, int family_index) {
  const std::string name = row.name();
  const double items = static_cast<double>(row.items_per_op);
  const double real_time = median(row.samples_ns) / items;
  const bool cpu_measured = !row.cpu_samples_ns.empty();
  nlohmann::ordered_json j;
  // Google Benchmark's fields first, as its JSON reporter orders them.
  j["name"] = name;
  j["family_index"] = family_index;
  j["per_family_instance_index"] = 0;
  j["run_name"] = name;
  j["run_type"] = "iteration";
  j["repetitions"] = row.samples_ns.size();
  j["repetition_index"] = 0;
  j["threads"] = 1;
  j["iterations"] = row.items_per_op * row.samples_ns.size();
  j["real_time"] = real_time;
  j["cpu_time"] = cpu_measured ? median(row.cpu_samples_ns) / items : real_time;
  j["time_unit"] = "ns";
  j["workload"] = row.workload;
  j["operation"] = row.operation;
  j["variant"] = row.variant;
  j["runtime"] = row.runtime;
  j["params"] = row.params;
  j["items_per_op"] = row.items_per_op;
  j["item"] = row.item;
  j["warmup_ops"] = row.warmup_ops;
  j["samples_ns"] = row.samples_ns;
  if (!row.sample_rounds.empty()) j["sample_rounds"] = row.sample_rounds;
  if (cpu_measured) j["cpu_samples_ns"] = row.cpu_samples_ns;
  j["cpu_time_measured"] = cpu_measured;
  nlohmann::ordered_json phases = nlohmann::ordered_json::object();
  for (int p = 0; p < kPhaseCount; ++p) {
    auto& column = phases[kPhaseNames[p]] = nlohmann::ordered_json::array();
    if (row.measured_outside && static_cast<Phase>(p) == Phase::compute) continue;  // not measured: no samples
    for (const PhaseTimes& sample : row.phase_samples) column.push_back(sample[p]);
  }
  j["phase_samples_ns"] = phases;
  const Counters& c = row.counters;
  j["counters"] = {{"crossings", c.crossings()},
                   {"crossings_js_to_wasm", c.crossings_js_to_wasm},
                   {"crossings_wasm_to_js", c.crossings_wasm_to_js},
                   {"bytes_in", c.bytes_in},
                   {"bytes_out", c.bytes_out}};
  if (!row.measured_outside) {
    j["counters"]["allocations"] = c.allocations;
    j["counters"]["bytes_allocated"] = c.bytes_allocated;
  }
  for (const auto& [key, value] : c.extra) j["counters"][key] = value;
  j["memory"] = row.memory;
  if (row.instructions) {
    const InstructionCounts& n = *row.instructions;
    nlohmann::ordered_json counts = {{"per_op", n.per_op}, {"per_item", static_cast<double>(n.per_op) / items}};
    if (n.phases) {
      counts["phases"] = nlohmann::ordered_json::object();
      for (int p = 0; p < kPhaseCount; ++p) counts["phases"][kPhaseNames[p]] = (*n.phases)[p];
    }
    counts["uncounted"] = n.uncounted;
    j["instructions"] = counts;
  }
  j["result_digest"] = row.result_digest;
  if (row.measured_outside) j["measured_from"] = "outside";
  if (!row.quality.empty()) j["quality"] = row.quality;
  return j;
}

}  // namespace

std::string ResultRow::name() const {
  std::string out = workload + "." + operation + "/" + variant;
  for (const std::string& key : name_params) {
    if (params.contains(key)) out += "/" + key + ":" + paramText(params[key]);
  }
  return out;
}

std::string ResultRow::caseKey() const {
  // Sorted, so that rows read back from any writer agree whatever their key order.
  std::map<std::string, std::string> sorted;
  for (const auto& [key, value] : params.items()) sorted[key] = paramText(value);
  std::string out = workload + "." + operation;
  for (const auto& [key, value] : sorted) out += "/" + key + ":" + value;
  return out;
}

nlohmann::ordered_json toJson(const ResultsFile& file) {
  nlohmann::ordered_json j;
  j["schema_version"] = kSchemaVersion;
  j["context"] = file.context;
  j["benchmarks"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < file.rows.size(); ++i) {
    j["benchmarks"].push_back(rowToJson(file.rows[i], static_cast<int>(i)));
  }
  j["failures"] = nlohmann::ordered_json::array();
  for (const Failure& f : file.failures) {
    j["failures"].push_back({{"name", f.name}, {"stage", f.stage}, {"message", f.message}});
  }
  return j;
}

ResultsFile resultsFromJson(const nlohmann::json& json) {
  ResultsFile file;
  file.context = json.at("context");
  for (const auto& b : json.at("benchmarks")) {
    ResultRow row;
    row.workload = b.at("workload").get<std::string>();
    row.operation = b.at("operation").get<std::string>();
    row.variant = b.at("variant").get<std::string>();
    row.runtime = b.at("runtime").get<std::string>();
    for (const auto& [key, value] : b.at("params").items()) row.params[key] = value;
    // The name already fixes which params it shows; recover that list from it.
    const std::string name = b.at("name").get<std::string>();
    std::size_t pos = name.find('/', name.find('/') + 1);
    while (pos != std::string::npos) {
      const std::size_t colon = name.find(':', pos);
      row.name_params.push_back(name.substr(pos + 1, colon - pos - 1));
      pos = name.find('/', colon);
    }
    row.items_per_op = b.at("items_per_op").get<std::uint64_t>();
    row.item = b.at("item").get<std::string>();
    row.warmup_ops = b.at("warmup_ops").get<int>();
    row.samples_ns = b.at("samples_ns").get<std::vector<double>>();
    if (b.contains("sample_rounds")) {
      row.sample_rounds = b.at("sample_rounds").get<std::vector<int>>();
      if (row.sample_rounds.size() != row.samples_ns.size()) {
        throw std::invalid_argument(row.workload + "." + row.operation + ": sample_rounds has " +
                                    std::to_string(row.sample_rounds.size()) + " entries for " +
                                    std::to_string(row.samples_ns.size()) + " samples");
      }
    }
    if (b.contains("cpu_samples_ns")) row.cpu_samples_ns = b.at("cpu_samples_ns").get<std::vector<double>>();
    const auto& phases = b.at("phase_samples_ns");
    const std::size_t n = phases.at(kPhaseNames[0]).size();
    row.phase_samples.assign(n, PhaseTimes{});
    for (int p = 0; p < kPhaseCount; ++p) {
      const auto column = phases.at(kPhaseNames[p]).get<std::vector<double>>();
      for (std::size_t i = 0; i < n && i < column.size(); ++i) row.phase_samples[i][p] = column[i];
    }
    const auto& c = b.at("counters");
    row.counters.crossings_js_to_wasm = c.at("crossings_js_to_wasm").get<std::uint64_t>();
    row.counters.crossings_wasm_to_js = c.at("crossings_wasm_to_js").get<std::uint64_t>();
    row.counters.bytes_in = c.at("bytes_in").get<std::uint64_t>();
    row.counters.bytes_out = c.at("bytes_out").get<std::uint64_t>();
    row.measured_outside = b.value("measured_from", "inside") == "outside";
    row.counters.allocations = c.value("allocations", std::uint64_t{0});
    row.counters.bytes_allocated = c.value("bytes_allocated", std::uint64_t{0});
    for (const auto& [key, value] : c.items()) {
      static const std::set<std::string> known = {"crossings", "crossings_js_to_wasm", "crossings_wasm_to_js",
                                                  "bytes_in", "bytes_out", "allocations", "bytes_allocated"};
      if (!known.count(key)) row.counters.extra[key] = value.get<std::uint64_t>();
    }
    for (const auto& [key, value] : b.at("memory").items()) row.memory[key] = value;
    if (b.contains("instructions")) {
      const auto& n = b.at("instructions");
      InstructionCounts counts;
      counts.per_op = n.at("per_op").get<std::uint64_t>();
      if (n.contains("phases")) {
        PhaseCounts phases{};
        for (int p = 0; p < kPhaseCount; ++p) phases[p] = n.at("phases").at(kPhaseNames[p]).get<std::uint64_t>();
        counts.phases = phases;
      }
      counts.uncounted = n.at("uncounted").get<std::vector<std::string>>();
      row.instructions = counts;
    }
    row.result_digest = b.at("result_digest").get<std::string>();
    if (b.contains("quality")) {
      for (const auto& [key, value] : b.at("quality").items()) row.quality[key] = value;
    }
    file.rows.push_back(std::move(row));
  }
  for (const auto& f : json.at("failures")) {
    file.failures.push_back({f.at("name").get<std::string>(), f.at("stage").get<std::string>(),
                             f.at("message").get<std::string>()});
  }
  return file;
}

}  // namespace tollgate
