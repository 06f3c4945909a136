#include "analysis/gates.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>

namespace tollgate {
namespace {

std::string format(double value, int decimals = 3) {
  std::ostringstream s;
  s.precision(decimals);
  s << std::fixed << value;
  return s.str();
}

ClusteredSamples perItem(const ResultRow& row) {
  ClusteredSamples s;
  for (double ns : row.samples_ns) s.values.push_back(ns / static_cast<double>(row.items_per_op));
  s.rounds = row.sample_rounds;
  return s;
}

struct Located {
  const LoadedResults* file;
  const ResultRow* row;
};

std::vector<Located> allRows(const std::vector<LoadedResults>& files) {
  std::vector<Located> out;
  for (const LoadedResults& f : files) {
    for (const ResultRow& r : f.file.rows) out.push_back({&f, &r});
  }
  return out;
}

const ResultRow* findRow(const std::vector<LoadedResults>& files, const std::string& runtime,
                         const std::function<bool(const ResultRow&)>& match) {
  for (const LoadedResults& f : files) {
    for (const ResultRow& r : f.file.rows) {
      if (r.runtime == runtime && match(r)) return &r;
    }
  }
  return nullptr;
}

// Whether the run measured the workload, or tried to (a failure named after it).
bool mentionsWorkload(const std::vector<LoadedResults>& files, const std::string& workload) {
  const std::string prefix = workload + ".";
  for (const LoadedResults& f : files) {
    for (const ResultRow& r : f.file.rows) {
      if (r.workload == workload) return true;
    }
    for (const auto& failure : f.file.failures) {
      if (failure.name.rfind(prefix, 0) == 0) return true;
    }
  }
  return false;
}

// Decides an interval against an upper limit.
Verdict decide(const Interval& ci, double limit, int rounds, int min_rounds) {
  if (rounds < min_rounds) return Verdict::undecided;
  if (ci.lower > limit) return Verdict::fail;
  if (ci.upper <= limit) return Verdict::pass;
  return Verdict::undecided;
}

void compareTimes(const GateConfig& config, const ResultRow& subject, const ResultRow& reference, double limit,
                  GateResult& out) {
  const ClusteredSamples a = perItem(subject), b = perItem(reference);
  out.interval = ratioInterval(a, b, config.confidence, config.resamples);
  out.measured = out.interval->estimate;
  out.p_value = mannWhitneyU(a.values, b.values).p_two_sided;
  out.rounds = std::min(roundCount(a), roundCount(b));
  out.outliers = outlierIndices(a.values).size() + outlierIndices(b.values).size();
  out.verdict = decide(*out.interval, limit, out.rounds, config.min_rounds);
  if (out.rounds < config.min_rounds) {
    out.note = "only " + std::to_string(out.rounds) + " process round(s); " + std::to_string(config.min_rounds) +
               " needed to decide";
  }
}

// A gate that produced no result measured nothing, and a gate that measures nothing
// must never pass: a misspelt metric ("counters.crosings") or a selector that
// matches no row is a configuration error, and fails the run. Unless the gate
// belongs to a workload (its gates.json, or a selector naming it) that the run
// did not include at all: then it is not this run's business.
bool outsideRun(const std::vector<LoadedResults>& current, const std::string& gate_workload,
                const RowSelector& selector) {
  const auto named = selector.fields.find("workload");
  const std::string& workload = !gate_workload.empty() ? gate_workload
                                : named != selector.fields.end() ? named->second
                                                                 : gate_workload;
  return !workload.empty() && !mentionsWorkload(current, workload);
}

void configurationError(GateReport& report, const std::string& id, const std::string& kind,
                        const std::string& subject, const std::string& metric, const std::string& why) {
  GateResult r;
  r.gate_id = id;
  r.kind = kind;
  r.subject = subject;
  r.metric = metric;
  r.verdict = Verdict::fail;
  r.note = "configuration error: " + why + ": a gate that measures nothing guards nothing";
  report.results.push_back(std::move(r));
}

void relativeGates(const GateConfig& config, const std::vector<LoadedResults>& current, GateReport& report) {
  for (const RelativeGate& gate : config.relative) {
    bool matched = false;
    for (const Located& l : allRows(current)) {
      const ResultRow& subject = *l.row;
      if (!gate.subject.matches(subject)) continue;
      matched = true;
      const std::string ref_runtime = gate.reference.count("runtime") ? gate.reference.at("runtime") : subject.runtime;
      const std::string ref_variant = gate.reference.count("variant") ? gate.reference.at("variant") : subject.variant;
      GateResult r;
      r.gate_id = gate.id;
      r.kind = "relative";
      r.runtime = subject.runtime;
      r.subject = subject.name();
      r.reference = ref_runtime + " " + ref_variant;
      r.metric = gate.metric.path;
      r.limit = gate.max_ratio;
      r.expected = "<= " + format(gate.max_ratio, 2) + "x";
      const std::string key = subject.caseKey();
      const ResultRow* reference = findRow(current, ref_runtime, [&](const ResultRow& row) {
        return row.variant == ref_variant && row.caseKey() == key;
      });
      if (reference == nullptr) {
        r.verdict = Verdict::fail;
        r.note = "no " + r.reference + " row for this case (it failed or was not run)";
      } else if (gate.metric.isTime()) {
        r.reference_row = reference->name();
        compareTimes(config, subject, *reference, gate.max_ratio, r);
      } else {
        const auto a = gate.metric.value(subject), b = gate.metric.value(*reference);
        if (!a || !b || *b <= 0) {
          r.verdict = Verdict::fail;
          r.note = "the rows lack " + gate.metric.path;
        } else {
          r.measured = *a / *b;
          r.verdict = r.measured <= gate.max_ratio ? Verdict::pass : Verdict::fail;
        }
      }
      report.results.push_back(std::move(r));
    }
    // A workload's own gate, when the run did not include that workload at all
    // (neither rows nor failures): not this run's business.
    if (!matched && outsideRun(current, gate.workload, gate.subject)) continue;
    if (!matched) {
      configurationError(report, gate.id, "relative", gate.subject.describe(), gate.metric.path,
                         "the gate matched no row (" + gate.subject.describe() + ")");
    }
  }
}

const ResultRow* baselineRow(const BaselineSet& baseline, const ResultRow& row) {
  const std::string name = row.name();
  return findRow(baseline.files, row.runtime, [&](const ResultRow& r) { return r.name() == name; });
}

void baselineGates(const GateConfig& config, const std::vector<LoadedResults>& current,
                   const std::optional<BaselineSet>& baseline, GateReport& report) {
  const std::string busy = busyMachineNote(current, baseline);
  for (const BaselineGate& gate : config.baseline) {
    const std::size_t before = report.results.size();
    for (const Located& l : allRows(current)) {
      const ResultRow& row = *l.row;
      if (!gate.rows.matches(row) || (gate.except && gate.except->matches(row))) continue;
      GateResult r;
      r.gate_id = gate.id;
      r.kind = "baseline";
      r.runtime = row.runtime;
      r.subject = row.name();
      r.reference = "baseline";
      r.metric = "time";
      const double limit = 1.0 + gate.max_slowdown;
      r.expected = "<= +" + format(100 * gate.max_slowdown, 0) + "%";
      const ResultRow* base = baseline ? baselineRow(*baseline, row) : nullptr;
      if (!baseline) {
        r.verdict = Verdict::warn;
        r.note = "no baseline to compare with";
      } else if (base == nullptr) {
        r.note = "new case: no baseline row";
      } else {
        r.limit = limit;  // set only when compared: a new row has nothing to be within
        compareTimes(config, row, *base, r.limit, r);
        if (r.interval && r.interval->upper < 1.0 - gate.max_slowdown) r.note = "faster than the baseline";
        if (!baseline->same_machine && r.verdict == Verdict::fail) {
          r.verdict = Verdict::warn;
          r.note = "slower, but the baseline comes from a different machine: " + baseline->note;
        } else if (!busy.empty() && r.verdict == Verdict::fail) {
          r.verdict = Verdict::warn;
          r.note = "slower, but " + busy;
        }
      }
      report.results.push_back(std::move(r));
    }
    if (report.results.size() == before && !outsideRun(current, gate.workload, gate.rows)) {
      configurationError(report, gate.id, "baseline", gate.rows.describe(), "time",
                         "the gate matched no row (" + gate.rows.describe() + ")");
    }
  }
}

std::optional<double> contextFigure(const nlohmann::ordered_json& context, const std::string& path) {
  const nlohmann::ordered_json* at = &context;
  std::istringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '.')) {
    if (!at->is_object() || !at->contains(part)) return std::nullopt;
    at = &(*at)[part];
  }
  if (!at->is_number()) return std::nullopt;
  return at->get<double>();
}

void exactOne(const ExactGate& gate, const std::string& runtime, const std::string& subject,
              std::optional<double> now, std::optional<double> base, bool baseline_known, GateReport& report) {
  GateResult r;
  r.gate_id = gate.id;
  r.kind = "exact";
  r.runtime = runtime;
  r.subject = subject;
  r.reference = "baseline";
  r.metric = gate.context_path.empty() ? gate.metric.path : "context." + gate.context_path;
  if (!baseline_known) {
    r.verdict = Verdict::warn;
    r.note = "no baseline to compare with";
  } else if (!base) {
    r.note = "new: no baseline figure";
  } else if (!now) {
    r.verdict = Verdict::fail;
    r.note = "the figure is gone from the results";
  } else {
    r.limit = *base + gate.allowance + gate.allowance_fraction * *base;
    r.measured = *now;
    r.expected = "<= " + format(r.limit, 0) + " (baseline " + format(*base, 0) + ")";
    r.verdict = *now <= r.limit ? Verdict::pass : Verdict::fail;
    if (*now < *base) r.note = "decreased from " + format(*base, 0) + ": refresh the baseline to keep the gain";
  }
  if (now) r.measured = *now;
  report.results.push_back(std::move(r));
}

void exactGates(const GateConfig& config, const std::vector<LoadedResults>& current,
                const std::optional<BaselineSet>& baseline, GateReport& report) {
  for (const ExactGate& gate : config.exact) {
    const std::size_t before = report.results.size();
    if (!gate.context_path.empty()) {
      for (const LoadedResults& f : current) {
        const auto now = contextFigure(f.file.context, gate.context_path);
        if (!now) continue;  // not a figure this runtime has (native has no wasm module)
        const std::string runtime = f.file.context.value("runtime", "");
        std::optional<double> base;
        if (baseline) {
          for (const LoadedResults& b : baseline->files) {
            if (b.file.context.value("runtime", "") == runtime) base = contextFigure(b.file.context, gate.context_path);
          }
        }
        exactOne(gate, runtime, gate.context_path, now, base, baseline.has_value(), report);
      }
      if (report.results.size() == before && !outsideRun(current, gate.workload, gate.rows)) {
        configurationError(report, gate.id, "exact", gate.context_path, "context." + gate.context_path,
                           "no results file has context." + gate.context_path);
      }
      continue;
    }
    bool matched = false;
    for (const Located& l : allRows(current)) {
      const ResultRow& row = *l.row;
      if (!gate.rows.matches(row)) continue;
      matched = true;
      const ResultRow* base = baseline ? baselineRow(*baseline, row) : nullptr;
      const auto now = gate.metric.value(row);
      const auto then = base ? gate.metric.value(*base) : std::nullopt;
      if (!now && !then) continue;  // neither run has this figure (native linear memory...)
      exactOne(gate, row.runtime, row.name(), now, then, baseline.has_value(), report);
    }
    if (report.results.size() == before && !outsideRun(current, gate.workload, gate.rows)) {
      configurationError(report, gate.id, "exact", gate.rows.describe(), gate.metric.path,
                         matched ? "no row has " + gate.metric.path + " (a misspelt metric?)"
                                 : "the gate matched no row (" + gate.rows.describe() + ")");
    }
  }
}

}  // namespace

std::string busyMachineNote(const std::vector<LoadedResults>& current, const std::optional<BaselineSet>& baseline) {
  auto busiest = [](const std::vector<LoadedResults>& files, std::string& who, double& load, int& cpus) {
    for (const LoadedResults& f : files) {
      const double l = f.file.context.value("load_average", 0.0);
      const int n = f.file.context.value("num_cpus", 1);
      if (l > n && l > load) {
        load = l;
        cpus = n;
        who = f.file.context.value("runtime", std::string("?"));
      }
    }
  };
  std::string who;
  double load = 0;
  int cpus = 0;
  busiest(current, who, load, cpus);
  if (load > 0) return "the machine was busy during the " + who + " run (load " + format(load, 1) + " on " + std::to_string(cpus) + " CPUs)";
  if (baseline) {
    busiest(baseline->files, who, load, cpus);
    if (load > 0) return "the baseline's " + who + " run was taken on a busy machine (load " + format(load, 1) + " on " + std::to_string(cpus) + " CPUs)";
  }
  return "";
}

const char* verdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return "pass";
    case Verdict::fail: return "FAIL";
    case Verdict::undecided: return "undecided";
    case Verdict::warn: return "warn";
  }
  return "?";
}

bool GateReport::failed() const {
  return std::any_of(results.begin(), results.end(), [](const GateResult& r) { return r.verdict == Verdict::fail; });
}

bool GateReport::decided() const {
  return std::none_of(results.begin(), results.end(),
                      [](const GateResult& r) { return r.verdict == Verdict::undecided; });
}

std::string machineKind(const nlohmann::ordered_json& context) {
  std::string slug;
  for (char c : context.value("cpu_model", std::string("unknown"))) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug + "-" + std::to_string(context.value("num_cpus", 0)) + "cpu";
}

std::optional<double> nativeCalibration(const std::vector<LoadedResults>& files) {
  for (const LoadedResults& f : files) {
    if (f.file.context.value("runtime", "") == "native" && f.file.context.contains("calibration_ns")) {
      return f.file.context["calibration_ns"].get<double>();
    }
  }
  return std::nullopt;
}

std::optional<BaselineSet> findBaseline(const std::string& root, const std::vector<LoadedResults>& current) {
  namespace fs = std::filesystem;
  if (current.empty()) return std::nullopt;
  const std::string kind = machineKind(current.front().file.context);
  if (!fs::is_directory(root)) return std::nullopt;
  std::vector<std::string> kinds;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && entry.path().filename() != "counts") kinds.push_back(entry.path().filename().string());
  }
  std::sort(kinds.begin(), kinds.end());
  if (kinds.empty()) return std::nullopt;
  const bool exact = std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
  BaselineSet set;
  set.dir = root + "/" + (exact ? kind : kinds.front());
  set.same_machine = exact;
  if (!exact) set.note = "taken on " + kinds.front() + ", this run is on " + kind;
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(set.dir)) {
    if (entry.path().extension() == ".json" && entry.path().filename() != "machine.json") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) set.files.push_back(loadResultsFile(f));
  const auto now = nativeCalibration(current), then = nativeCalibration(set.files);
  if (set.same_machine && now && then) {
    const double ratio = *now / *then;
    if (ratio > kCalibrationTolerance || ratio < 1.0 / kCalibrationTolerance) {
      set.same_machine = false;
      set.note = "same CPU model, but its calibration loop ran " + format(ratio, 2) +
                 "x the baseline's time: another host, or a loaded one";
    }
  }
  return set;
}

std::vector<std::string> rowsToSample(const GateReport& report) {
  std::set<std::string> rows;
  for (const GateResult& r : report.results) {
    if (r.kind != "relative" || r.verdict != Verdict::undecided || r.reference_row.empty()) continue;
    rows.insert(r.subject);
    rows.insert(r.reference_row);
  }
  return {rows.begin(), rows.end()};
}

GateReport evaluateGates(const GateConfig& config, const std::vector<LoadedResults>& current,
                         const std::optional<BaselineSet>& baseline,
                         const std::vector<CountBaseline>& count_baselines) {
  GateReport report;
  report.config_path = config.path;
  report.baseline = baseline;
  report.rounds = 0;
  for (const LoadedResults& f : current) {
    const int r = f.file.context.value("rounds", 1);
    report.rounds = report.rounds == 0 ? r : std::min(report.rounds, r);
  }
  relativeGates(config, current, report);
  baselineGates(config, current, baseline, report);
  exactGates(config, current, baseline, report);
  evaluateCountGates(config, current, count_baselines, report);
  return report;
}

}  // namespace tollgate
