#include "analysis/count_gates.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "analysis/gates.h"
#include "tollgate/digest.h"

namespace tollgate {
namespace {

namespace fs = std::filesystem;

std::string counting(const LoadedResults& f, const char* key) {
  const auto& c = f.file.context;
  if (!c.contains("counting")) return "";
  return c["counting"].value(key, "");
}

std::string runtimeOf(const LoadedResults& f) { return f.file.context.value("runtime", ""); }

std::vector<std::string> segments(const std::string& toolchain) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const std::size_t bar = toolchain.find(" | ", from);
    out.push_back(toolchain.substr(from, bar == std::string::npos ? std::string::npos : bar - from));
    if (bar == std::string::npos) return out;
    from = bar + 3;
  }
}

// What differs between two toolchain descriptions, part by part.
std::string toolchainDifference(const std::string& baseline, const std::string& current) {
  const auto a = segments(baseline), b = segments(current);
  std::string out;
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const std::string x = i < a.size() ? a[i] : "-", y = i < b.size() ? b[i] : "-";
    if (x != y) out += (out.empty() ? "" : "; ") + ("baseline '" + x + "', this run '" + y + "'");
  }
  return out.empty() ? "the same toolchain" : out;
}

std::string number(double v, int decimals) {
  std::ostringstream s;
  s.precision(decimals);
  s << std::fixed << v;
  return s.str();
}

std::string percent(double fraction) {
  return (fraction >= 0 ? "+" : "") + number(100 * fraction, 2) + "%";
}

const ResultRow* rowNamed(const LoadedResults& f, const std::string& name) {
  for (const ResultRow& r : f.file.rows) {
    if (r.name() == name) return &r;
  }
  return nullptr;
}

GateResult countResult(const CountGate& gate, const std::string& runtime, const std::string& subject) {
  GateResult r;
  r.gate_id = gate.id;
  r.kind = "count";
  r.runtime = runtime;
  r.subject = subject;
  r.reference = "count baseline";
  r.metric = gate.metric.path;
  r.expected = "<= " + percent(gate.max_increase);
  r.rounds = 1;
  return r;
}

void gateRow(const CountGate& gate, const ResultRow& row, const std::string& runtime, const CountBaseline& baseline,
             GateReport& report) {
  GateResult r = countResult(gate, runtime, row.name());
  const auto now = gate.metric.value(row);
  const ResultRow* base_row = rowNamed(baseline.file, row.name());
  const auto then = base_row != nullptr ? gate.metric.value(*base_row) : std::nullopt;
  if (!now) {
    // A row nothing counts (a module measured from outside has no counting
    // build) has nothing to gate; a row whose count was there before has lost it.
    if (!then) return;
    r.verdict = Verdict::fail;
    r.note = "no instruction count for this row, and the baseline has one: its counting pass failed (see the run's failures)";
    report.results.push_back(std::move(r));
    return;
  }
  r.measured = *now;
  r.reference = "count baseline " + toolchainId(baseline.toolchain);
  const double base = then.value_or(0.0), current = *now;
  if (base <= 0) {
    r.note = !then ? "new row: no baseline count" : current <= 0 ? "nothing counted here, then or now"
                                                               : "nothing counted here in the baseline";
    report.results.push_back(std::move(r));
    return;
  }
  r.baseline_value = base;
  r.limit = base * (1 + gate.max_increase);
  const double change = current / base - 1;
  r.verdict = current <= r.limit ? Verdict::pass : Verdict::fail;
  r.note = "baseline " + number(base, 1) + ", now " + number(current, 1) + " instructions per item (" + percent(change) + ")";
  if (r.verdict == Verdict::fail && !baseline.same_toolchain) {
    r.verdict = Verdict::warn;
    r.note += "; but the baseline was counted with another toolchain: " + baseline.note;
  } else if (change < -gate.max_increase) {
    r.note += ": fewer than the baseline, refresh it to keep the gain";
  }
  report.results.push_back(std::move(r));
}

// One build counts alike wherever it runs: rows of the same name counted with
// the same toolchain in two runtimes must agree to the instruction.
void identicalCounts(const std::vector<LoadedResults>& current, GateReport& report) {
  for (std::size_t a = 0; a < current.size(); ++a) {
    for (std::size_t b = a + 1; b < current.size(); ++b) {
      const std::string toolchain = counting(current[a], "toolchain");
      if (toolchain.empty() || toolchain != counting(current[b], "toolchain")) continue;
      if (runtimeOf(current[a]) == runtimeOf(current[b])) continue;
      for (const ResultRow& row : current[b].file.rows) {
        const ResultRow* other = rowNamed(current[a], row.name());
        if (!row.instructions || other == nullptr || !other->instructions) continue;
        GateResult r;
        r.gate_id = "identical-counts";
        r.kind = "count";
        r.runtime = runtimeOf(current[b]);
        r.subject = row.name();
        r.reference = runtimeOf(current[a]);
        r.metric = "instructions";
        r.expected = "= " + r.reference;
        r.rounds = 1;
        r.measured = static_cast<double>(row.instructions->per_op);
        r.baseline_value = static_cast<double>(other->instructions->per_op);
        r.limit = *r.baseline_value;
        if (row.instructions->per_op != other->instructions->per_op) {
          r.verdict = Verdict::fail;
          r.note = r.reference + " counted " + std::to_string(other->instructions->per_op) + ", " + r.runtime +
                   " " + std::to_string(row.instructions->per_op) + " per operation: the same build must count the same everywhere";
        }
        report.results.push_back(std::move(r));
      }
    }
  }
}

}  // namespace

std::string toolchainId(const std::string& toolchain) {
  std::string words;
  // The vector kept alive: a range-for over segments(...).front() would walk a
  // destroyed temporary (it passed natively by luck; wasm dropped characters).
  const std::vector<std::string> parts = segments(toolchain);
  for (char c : parts.front()) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      words += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!words.empty() && words.back() != '-') {
      words += '-';
    }
  }
  while (!words.empty() && words.back() == '-') words.pop_back();
  if (words.size() > 40) words.resize(40);
  Fnv1a32 digest;
  digest.addBytes(toolchain.data(), toolchain.size());
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", digest.value());
  return (words.empty() ? "toolchain" : words) + "-" + hex;
}

std::vector<CountBaseline> findCountBaselines(const std::string& root, const std::vector<LoadedResults>& current) {
  std::vector<CountBaseline> out;
  const fs::path counts = fs::path(root) / "counts";
  for (const LoadedResults& f : current) {
    const std::string toolchain = counting(f, "toolchain");
    if (toolchain.empty()) continue;
    const std::string runtime = runtimeOf(f);
    std::vector<fs::path> candidates;
    const fs::path same = counts / toolchainId(toolchain) / (runtime + ".json");
    if (fs::exists(same)) {
      candidates.push_back(same);
    } else if (fs::is_directory(counts)) {
      for (const auto& entry : fs::directory_iterator(counts)) {
        const fs::path file = entry.path() / (runtime + ".json");
        if (entry.is_directory() && fs::exists(file)) candidates.push_back(file);
      }
      std::sort(candidates.begin(), candidates.end());
    }
    if (candidates.empty()) continue;
    CountBaseline b;
    b.runtime = runtime;
    b.path = candidates.front().string();
    b.file = loadResultsFile(b.path);
    b.toolchain = counting(b.file, "toolchain");
    b.same_toolchain = b.toolchain == toolchain;
    if (!b.same_toolchain) b.note = toolchainDifference(b.toolchain, toolchain);
    out.push_back(std::move(b));
  }
  return out;
}

void evaluateCountGates(const GateConfig& config, const std::vector<LoadedResults>& current,
                        const std::vector<CountBaseline>& baselines, GateReport& report) {
  if (config.count.empty()) return;
  report.count_baselines = baselines;
  for (const CountGate& gate : config.count) {
    for (const LoadedResults& f : current) {
      const std::string runtime = runtimeOf(f);
      const auto matching = [&](const ResultRow& row) {
        return gate.rows.matches(row) && !(gate.except && gate.except->matches(row));
      };
      if (std::none_of(f.file.rows.begin(), f.file.rows.end(), matching)) continue;
      if (counting(f, "toolchain").empty()) {
        GateResult r = countResult(gate, runtime, f.path);
        r.verdict = Verdict::warn;
        r.note = "this " + runtime + " run counted no instructions" +
                 (runtime == "native" ? " (tollgate_native --instructions counts them)" : " (no counting build found)");
        report.results.push_back(std::move(r));
        continue;
      }
      const auto base = std::find_if(baselines.begin(), baselines.end(),
                                     [&](const CountBaseline& b) { return b.runtime == runtime; });
      if (base == baselines.end()) {
        // No count baseline of any toolchain: every counted row is new. One
        // warning per gate and runtime says so (never a pass, never a failure).
        const auto counted = std::count_if(f.file.rows.begin(), f.file.rows.end(),
                                           [&](const ResultRow& row) { return matching(row) && gate.metric.value(row); });
        GateResult r = countResult(gate, runtime, f.path);
        r.verdict = Verdict::warn;
        r.measured = static_cast<double>(counted);
        r.note = "no count baseline for " + runtime + " (" + toolchainId(counting(f, "toolchain")) + "): its " +
                 std::to_string(counted) + " counted rows are new, not gated; ci/refresh-baselines.sh --counts makes one";
        report.results.push_back(std::move(r));
        auto& missing = report.count_missing;
        if (std::find(missing.begin(), missing.end(), runtime) == missing.end()) missing.push_back(runtime);
        continue;
      }
      for (const ResultRow& row : f.file.rows) {
        if (matching(row)) gateRow(gate, row, runtime, *base, report);
      }
    }
  }
  identicalCounts(current, report);
}

}  // namespace tollgate
