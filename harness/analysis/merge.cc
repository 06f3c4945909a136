#include "analysis/merge.h"

#include <algorithm>
#include <map>

#include "analysis/statistics.h"
#include <stdexcept>

namespace tollgate {
namespace {

bool sameCounters(const Counters& a, const Counters& b) {
  return a.crossings_js_to_wasm == b.crossings_js_to_wasm && a.crossings_wasm_to_js == b.crossings_wasm_to_js &&
         a.bytes_in == b.bytes_in && a.bytes_out == b.bytes_out && a.allocations == b.allocations &&
         a.bytes_allocated == b.bytes_allocated && a.extra == b.extra;
}

void addFailureOnce(ResultsFile& file, const Failure& f) {
  for (const Failure& existing : file.failures) {
    if (existing.name == f.name && existing.stage == f.stage && existing.message == f.message) return;
  }
  file.failures.push_back(f);
}

}  // namespace

ResultsFile mergeRounds(const std::vector<LoadedResults>& rounds) {
  if (rounds.empty()) throw std::invalid_argument("no results files to merge");
  const std::string runtime = rounds.front().file.context.value("runtime", "");
  ResultsFile merged;
  merged.context = rounds.front().file.context;
  std::map<std::string, std::size_t> position;
  std::map<std::string, std::string> first_round;

  // Rows already pooled from rounds keep their round numbers, shifted past the
  // rounds before them.
  int round_base = 0;
  auto roundsOf = [&](const ResultRow& row) {
    std::vector<int> out;
    for (std::size_t i = 0; i < row.samples_ns.size(); ++i) {
      out.push_back(round_base + (row.sample_rounds.empty() ? 1 : row.sample_rounds[i]));
    }
    return out;
  };
  for (const LoadedResults& round : rounds) {
    const std::string other = round.file.context.value("runtime", "");
    if (other != runtime) {
      throw std::invalid_argument(round.path + " is a " + other + " run; " + rounds.front().path + " is " + runtime +
                                  ": rounds must be of one runtime");
    }
    for (const Failure& f : round.file.failures) addFailureOnce(merged, f);
    for (const ResultRow& row : round.file.rows) {
      const std::string name = row.name();
      const auto found = position.find(name);
      if (found == position.end()) {
        position[name] = merged.rows.size();
        first_round[name] = round.path;
        merged.rows.push_back(row);
        merged.rows.back().sample_rounds = roundsOf(row);
        continue;
      }
      ResultRow& into = merged.rows[found->second];
      into.samples_ns.insert(into.samples_ns.end(), row.samples_ns.begin(), row.samples_ns.end());
      const std::vector<int> numbered = roundsOf(row);
      into.sample_rounds.insert(into.sample_rounds.end(), numbered.begin(), numbered.end());
      if (into.cpu_samples_ns.empty() || row.cpu_samples_ns.empty()) {
        into.cpu_samples_ns.clear();  // only meaningful if every round has them
      } else {
        into.cpu_samples_ns.insert(into.cpu_samples_ns.end(), row.cpu_samples_ns.begin(), row.cpu_samples_ns.end());
      }
      into.phase_samples.insert(into.phase_samples.end(), row.phase_samples.begin(), row.phase_samples.end());
      for (const auto& [key, value] : row.memory.items()) {
        if (!into.memory.contains(key) || into.memory[key].get<double>() < value.get<double>()) into.memory[key] = value;
      }
      if (!into.instructions) {
        into.instructions = row.instructions;  // counted in one round only (one count suffices)
      } else if (row.instructions && row.instructions->per_op != into.instructions->per_op) {
        addFailureOnce(merged, {name, "counting", "instruction counts differ between rounds (" +
                                                      std::to_string(into.instructions->per_op) + " in " +
                                                      first_round[name] + ", " + std::to_string(row.instructions->per_op) +
                                                      " in " + round.path + "): a count that varies is not exact"});
      }
      if (!sameCounters(into.counters, row.counters)) {
        addFailureOnce(merged, {name, "counting", "exact counters differ between rounds (" + first_round[name] +
                                                      " and " + round.path + "): a counter that varies is not exact"});
      }
      if (into.result_digest != row.result_digest) {
        addFailureOnce(merged, {name, "counting", "results differ between rounds (" + into.result_digest + " in " +
                                                      first_round[name] + ", " + row.result_digest + " in " +
                                                      round.path + ")"});
      }
    }
    round_base += round.file.context.value("rounds", 1);
  }
  // How the counts were made, from whichever rounds counted.
  for (const LoadedResults& round : rounds) {
    if (!merged.context.contains("counting") && round.file.context.contains("counting")) {
      merged.context["counting"] = round.file.context["counting"];
    }
  }
  // The speed fingerprint of every round, and its median as the pooled figure.
  std::vector<double> calibrations;
  for (const LoadedResults& round : rounds) {
    const auto& c = round.file.context;
    if (c.contains("calibration_rounds_ns")) {
      for (double v : c["calibration_rounds_ns"]) calibrations.push_back(v);
    } else if (c.contains("calibration_ns")) {
      calibrations.push_back(c["calibration_ns"].get<double>());
    }
  }
  if (!calibrations.empty()) {
    merged.context["calibration_rounds_ns"] = calibrations;
    merged.context["calibration_ns"] = median(calibrations);
  }
  double busiest = 0;
  for (const LoadedResults& round : rounds) busiest = std::max(busiest, round.file.context.value("load_average", 0.0));
  if (busiest > 0) merged.context["load_average"] = busiest;
  int total_rounds = 0;
  for (const LoadedResults& round : rounds) total_rounds += round.file.context.value("rounds", 1);
  merged.context["rounds"] = total_rounds;
  return merged;
}

}  // namespace tollgate
