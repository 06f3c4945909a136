#include "gates/gate_report.h"

#include "format.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace tollgate {
namespace {

std::string fixed(double v, int decimals) { return formatFixed(v, decimals); }

std::string measuredText(const GateResult& r) {
  if (r.kind == "exact") return fixed(r.measured, 0);
  if (r.kind == "count") {
    if (!r.baseline_value || *r.baseline_value <= 0) return fixed(r.measured, 1);
    const double pct = 100 * (r.measured / *r.baseline_value - 1);
    return (pct >= 0 ? "+" : "") + fixed(pct, 2) + "%";
  }
  if (r.kind == "baseline") {
    const double pct = 100 * (r.measured - 1);
    return (pct >= 0 ? "+" : "") + fixed(pct, 1) + "%";
  }
  return fixed(r.measured, 3) + "x";
}

std::string intervalText(const GateResult& r) {
  if (!r.interval) return "-";
  if (r.kind == "baseline") {
    auto pct = [](double x) { const double p = 100 * (x - 1); return (p >= 0 ? "+" : "") + fixed(p, 1) + "%"; };
    return "[" + pct(r.interval->lower) + ", " + pct(r.interval->upper) + "]";
  }
  return "[" + fixed(r.interval->lower, 3) + ", " + fixed(r.interval->upper, 3) + "]";
}

std::string subjectText(const GateResult& r) {
  return (r.runtime.empty() ? "" : r.runtime + " ") + r.subject + (r.kind == "relative" ? " vs " + r.reference : "");
}

int count(const GateReport& report, Verdict v) {
  int n = 0;
  for (const GateResult& r : report.results) n += r.verdict == v;
  return n;
}

std::string samplingText(const GateReport& report, const SamplingNote& sampling) {
  std::string text = std::to_string(report.rounds) + " process round(s)";
  if (sampling.stopped == "decided") text += ", stopped when every gate was decided";
  else if (sampling.stopped == "time_cap") text += ", stopped at the time cap with gates undecided";
  else if (sampling.stopped == "max_rounds") text += ", stopped at the round limit with gates undecided";
  else if (sampling.stopped == "failed") text += ", stopped at a failed gate that more rounds cannot undo";
  else if (sampling.stopped == "timed") {
    text += ", stopped when the relative gates were decided (rows no relative gate needs were timed in the first round"
            " only: their counts are gated instead)";
  }
  return text;
}

}  // namespace

std::string overallVerdict(const GateReport& report, const SamplingNote& sampling) {
  if (report.failed()) return "fail";
  if (!report.decided() && !sampling.final) return "undecided";
  return "pass";
}

// One line per passing gate: how many rows it covered and its closest call.
struct PassingGate {
  std::string id, kind, expected;
  int rows = 0;
  const GateResult* closest = nullptr;  // the result nearest its limit
};

std::vector<PassingGate> passingGates(const GateReport& report) {
  std::vector<PassingGate> out;
  for (const GateResult& r : report.results) {
    if (r.verdict != Verdict::pass) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const PassingGate& g) { return g.id == r.gate_id; });
    if (it == out.end()) {
      out.push_back({r.gate_id, r.kind, r.expected, 0, nullptr});
      it = out.end() - 1;
    }
    ++it->rows;
    if (r.limit <= 0) continue;  // nothing to compare with (a new row): not a candidate for closest
    const double margin = r.measured / r.limit;
    if (it->closest == nullptr || margin > (it->closest->limit > 0 ? it->closest->measured / it->closest->limit : 0)) {
      it->closest = &r;
    }
  }
  return out;
}

void printGateTable(const GateReport& report, const SamplingNote& sampling, std::ostream& out) {
  out << "Tollgate gates (" << report.config_path << "): " << samplingText(report, sampling) << "\n";
  if (report.baseline) {
    out << "  baseline: " << report.baseline->dir
        << (report.baseline->same_machine ? " (same kind of machine)" : " (DIFFERENT machine: " + report.baseline->note + ")")
        << "\n";
  } else {
    out << "  baseline: none found\n";
  }
  for (const CountBaseline& b : report.count_baselines) {
    out << "  count baseline (" << b.runtime << "): " << b.path
        << (b.same_toolchain ? " (same toolchain)" : " (DIFFERENT toolchain: " + b.note + ")") << "\n";
  }
  for (const std::string& runtime : report.count_missing) {
    out << "  count baseline (" << runtime << "): none for any toolchain, its counts are new, not gated\n";
  }
  std::size_t id_width = 8, expected_width = 10;
  for (const GateResult& r : report.results) {
    id_width = std::max(id_width, r.gate_id.size() + 2);
    expected_width = std::max(expected_width, r.expected.size() + 2);
  }
  auto header = [&]() {
    out << "  " << std::left << std::setw(11) << "verdict" << std::setw(static_cast<int>(id_width)) << "gate"
        << std::setw(static_cast<int>(expected_width)) << "expected" << std::setw(12) << "measured"
        << std::setw(22) << "interval" << "subject\n";
  };
  bool any = false;
  for (Verdict v : {Verdict::fail, Verdict::undecided, Verdict::warn}) {
    for (const GateResult& r : report.results) {
      if (r.verdict != v) continue;
      if (!any) {
        out << "\n";
        header();
        any = true;
      }
      out << "  " << std::left << std::setw(11) << verdictName(r.verdict) << std::setw(static_cast<int>(id_width))
          << r.gate_id << std::setw(static_cast<int>(expected_width)) << r.expected << std::setw(12) << measuredText(r)
          << std::setw(22) << intervalText(r) << subjectText(r);
      if (!r.note.empty()) out << "  (" << r.note << ")";
      out << "\n";
    }
  }
  out << "\n  passing gates, with the result closest to its limit:\n";
  const std::vector<PassingGate> passing = passingGates(report);
  auto rowsText = [](const PassingGate& g) { return std::to_string(g.rows) + " row" + (g.rows == 1 ? "" : "s"); };
  std::size_t rows_width = 8;  // "152 rows" must not run into "closest"
  for (const PassingGate& g : passing) rows_width = std::max(rows_width, rowsText(g).size() + 2);
  for (const PassingGate& g : passing) {
    out << "  " << std::left << std::setw(11) << "pass" << std::setw(static_cast<int>(id_width)) << g.id
        << std::setw(static_cast<int>(rows_width)) << rowsText(g);
    if (g.closest != nullptr) {
      out << "closest " << measuredText(*g.closest) << " " << intervalText(*g.closest) << " vs " << g.closest->expected
          << ": " << subjectText(*g.closest);
    }
    out << "\n";
  }
  out << "\n  " << count(report, Verdict::pass) << " passed, " << count(report, Verdict::fail) << " failed, "
      << count(report, Verdict::undecided) << " undecided, " << count(report, Verdict::warn) << " warnings: "
      << overallVerdict(report, sampling) << "\n";
}

std::string gateMarkdown(const GateReport& report, const SamplingNote& sampling) {
  std::ostringstream md;
  const std::string verdict = overallVerdict(report, sampling);
  md << "## Tollgate: " << (verdict == "fail" ? "❌ regression gates failed" : verdict == "pass" ? "✅ gates passed" : "⏳ gates undecided")
     << "\n\n" << count(report, Verdict::pass) << " passed, " << count(report, Verdict::fail) << " failed, "
     << count(report, Verdict::undecided) << " undecided, " << count(report, Verdict::warn) << " warnings; "
     << samplingText(report, sampling) << ".";
  if (report.baseline && !report.baseline->same_machine) md << " Baseline from a different machine: " << report.baseline->note << ".";
  for (const CountBaseline& b : report.count_baselines) {
    if (!b.same_toolchain) md << " " << b.runtime << "'s count baseline comes from another toolchain (" << b.note << ").";
  }
  for (const std::string& runtime : report.count_missing) {
    md << " No count baseline for " << runtime << ": its counts are new, not gated.";
  }
  md << "\n\n| verdict | gate | subject | expected | measured | interval | note |\n|---|---|---|---|---|---|---|\n";
  // What a reviewer needs first: every result that did not pass.
  for (Verdict v : {Verdict::fail, Verdict::undecided, Verdict::warn}) {
    for (const GateResult& r : report.results) {
      if (r.verdict != v) continue;
      md << "| " << verdictName(r.verdict) << " | `" << r.gate_id << "` | " << subjectText(r) << " | " << r.expected
         << " | " << measuredText(r) << " | " << intervalText(r) << " | " << r.note << " |\n";
    }
  }
  for (const PassingGate& g : passingGates(report)) {
    md << "| pass | `" << g.id << "` | " << g.rows << " row(s); closest: " << (g.closest ? subjectText(*g.closest) : "")
       << " | " << (g.closest ? g.closest->expected : "") << " | " << (g.closest ? measuredText(*g.closest) : "")
       << " | " << (g.closest ? intervalText(*g.closest) : "-") << " | |\n";
  }
  return md.str();
}

nlohmann::ordered_json gateVerdictJson(const GateReport& report, const SamplingNote& sampling) {
  nlohmann::ordered_json j;
  j["format"] = "tollgate-gate-verdict/1";
  j["verdict"] = overallVerdict(report, sampling);
  j["config"] = report.config_path;
  j["sampling"] = {{"rounds", report.rounds}, {"final", sampling.final}, {"stopped", sampling.stopped}};
  if (report.baseline) {
    j["baseline"] = {{"dir", report.baseline->dir}, {"same_machine", report.baseline->same_machine},
                     {"note", report.baseline->note}};
  } else {
    j["baseline"] = nullptr;
  }
  j["count_baselines"] = nlohmann::ordered_json::array();
  j["count_baselines_missing"] = report.count_missing;
  for (const CountBaseline& b : report.count_baselines) {
    j["count_baselines"].push_back({{"runtime", b.runtime}, {"path", b.path}, {"toolchain", b.toolchain},
                                    {"same_toolchain", b.same_toolchain}, {"note", b.note}});
  }
  j["counts"] = {{"pass", count(report, Verdict::pass)}, {"fail", count(report, Verdict::fail)},
                 {"undecided", count(report, Verdict::undecided)}, {"warn", count(report, Verdict::warn)}};
  j["gates"] = nlohmann::ordered_json::array();
  for (const GateResult& r : report.results) {
    nlohmann::ordered_json g = {{"id", r.gate_id}, {"kind", r.kind}, {"verdict", r.verdict == Verdict::fail ? "fail" : verdictName(r.verdict)},
                                {"runtime", r.runtime}, {"subject", r.subject}, {"reference", r.reference},
                                {"metric", r.metric}, {"expected", r.expected}, {"limit", r.limit},
                                {"measured", r.measured}, {"rounds", r.rounds}, {"outliers", r.outliers},
                                {"note", r.note}};
    if (r.interval) g["interval"] = {r.interval->lower, r.interval->upper};
    if (r.p_value) g["mann_whitney_p"] = *r.p_value;
    if (r.baseline_value) g["baseline_value"] = *r.baseline_value;
    j["gates"].push_back(g);
  }
  return j;
}

}  // namespace tollgate
