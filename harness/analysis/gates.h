#pragma once
// Evaluating gates over results files: pure, no printing (reports/ renders).
//
// A timing gate decides only on a confidence interval: it fails when the whole
// interval lies beyond its limit, passes when the whole interval lies within it,
// and is otherwise undecided (more rounds would tell). Intervals from fewer than
// `min_rounds` processes are not trusted either way. Exact gates need no statistics.

#include <optional>
#include <string>
#include <vector>

#include "analysis/count_gates.h"
#include "analysis/gate_config.h"
#include "analysis/results_io.h"
#include "analysis/statistics.h"

namespace tollgate {

enum class Verdict { pass, fail, undecided, warn };
const char* verdictName(Verdict verdict);

struct GateResult {
  std::string gate_id;
  std::string kind;       // relative, baseline, exact, count
  std::string runtime;
  std::string subject;    // row name, or the context figure
  std::string reference;  // "<runtime> <variant>", or "baseline"
  std::string metric;
  std::string expected;   // e.g. "<= 1.25x", "<= +10%", "<= 4096"
  double limit = 0;
  double measured = 0;    // a ratio (relative, baseline) or a value (exact, count)
  std::optional<Interval> interval;
  std::optional<double> p_value;  // Mann-Whitney, for timing comparisons
  int rounds = 0;                 // fewest process rounds behind either side
  std::size_t outliers = 0;       // samples flagged on either side (kept: medians are robust)
  Verdict verdict = Verdict::pass;
  std::string note;
  std::optional<double> baseline_value;  // count gates: what the baseline counted
  std::string reference_row;             // relative gates: the reference row's name, when found
};

struct BaselineSet {
  std::string dir;
  std::vector<LoadedResults> files;
  bool same_machine = true;
  std::string note;  // how the baseline's machine differs, or why there is none
};

// Why time cannot be compared with the baseline right now, or "": a run or the
// baseline whose load average exceeded its CPU count shared the machine with other
// work, and a slowdown then says nothing about the code.
std::string busyMachineNote(const std::vector<LoadedResults>& current, const std::optional<BaselineSet>& baseline);

struct GateReport {
  std::string config_path;
  std::vector<GateResult> results;
  std::optional<BaselineSet> baseline;
  std::vector<CountBaseline> count_baselines;  // per runtime, when count gates ran
  std::vector<std::string> count_missing;      // runtimes that counted but have no count baseline
  int rounds = 0;  // fewest rounds in the current files
  bool failed() const;
  bool decided() const;  // no undecided gate
};

// `machine kind`: what baselines are keyed by (CPU model and count), as a slug.
std::string machineKind(const nlohmann::ordered_json& context);

// Finds the baseline for the machine `current` ran on under `root` (root/<kind>/),
// else the first other one, noting that it comes from a different machine
// (root/counts/ holds the count baselines, keyed by toolchain instead). A
// baseline of the same kind whose native calibration differs by more than
// kCalibrationTolerance also counts as a different machine. nullopt when none.
inline constexpr double kCalibrationTolerance = 1.25;
std::optional<BaselineSet> findBaseline(const std::string& root, const std::vector<LoadedResults>& current);

// The rows that more process rounds would help decide: those of undecided
// relative timing gates (subject and reference), by name, sorted. The regression
// job samples only these after its first round: count and exact gates need one.
std::vector<std::string> rowsToSample(const GateReport& report);

GateReport evaluateGates(const GateConfig& config, const std::vector<LoadedResults>& current,
                         const std::optional<BaselineSet>& baseline,
                         const std::vector<CountBaseline>& count_baselines = {});

}  // namespace tollgate
