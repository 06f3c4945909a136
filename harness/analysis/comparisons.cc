#include "analysis/comparisons.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace tollgate {

ClusteredSamples perItem(const ResultRow& row) {
  ClusteredSamples s;
  for (double ns : row.samples_ns) s.values.push_back(ns / static_cast<double>(row.items_per_op));
  s.rounds = row.sample_rounds;
  return s;
}

double relativeHalfWidth(const ResultRow& row, double confidence) {
  const Interval ci = locationInterval(perItem(row), confidence);
  if (!(ci.estimate > 0)) return std::numeric_limits<double>::infinity();
  return (ci.upper - ci.lower) / 2 / ci.estimate;
}

const char* decisionName(Decision d) {
  switch (d) {
    case Decision::faster: return "faster";
    case Decision::slower: return "slower";
    case Decision::same: return "same";
    case Decision::undecided: return "undecided";
  }
  return "undecided";
}

Decision decide(const Interval& ratio, int rounds, const ComparisonSettings& settings) {
  if (rounds < settings.min_rounds || !std::isfinite(ratio.lower) || !std::isfinite(ratio.upper)) {
    return Decision::undecided;
  }
  if (ratio.upper < 1) return Decision::faster;
  if (ratio.lower > 1) return Decision::slower;
  if (ratio.lower >= 1 / (1 + settings.equivalence) && ratio.upper <= 1 + settings.equivalence) return Decision::same;
  return Decision::undecided;
}

namespace {

Comparison compare(const ResultRow& subject, const ResultRow& reference, const ComparisonSettings& settings) {
  Comparison c;
  c.case_key = subject.caseKey();
  c.runtime = subject.runtime;
  c.subject = subject.name();
  c.reference = reference.name();
  c.subject_label = subject.runtime + " " + subject.variant;
  c.reference_label = reference.runtime + " " + reference.variant;
  const ClusteredSamples a = perItem(subject), b = perItem(reference);
  c.ratio = ratioInterval(a, b, settings.confidence, 1000);
  c.rounds = std::min(roundCount(a), roundCount(b));
  c.decision = decide(c.ratio, c.rounds, settings);
  return c;
}

}  // namespace

std::vector<Comparison> compareRows(const std::vector<LoadedResults>& files, const ComparisonSettings& settings) {
  // Rows by case, in first-seen order; the first native row is the case's reference,
  // and each runtime's first row its naive variant (suites list the naive one first).
  std::vector<std::string> order;
  std::map<std::string, std::vector<const ResultRow*>> cases;
  for (const LoadedResults& f : files) {
    for (const ResultRow& row : f.file.rows) {
      auto& rows = cases[row.caseKey()];
      if (rows.empty()) order.push_back(row.caseKey());
      rows.push_back(&row);
    }
  }
  std::vector<Comparison> out;
  for (const std::string& key : order) {
    const auto& rows = cases[key];
    const ResultRow* native = nullptr;
    std::map<std::string, const ResultRow*> naive;
    for (const ResultRow* row : rows) {
      if (row->runtime == "native" && native == nullptr) native = row;
      if (row->runtime != "native" && !naive.count(row->runtime)) naive[row->runtime] = row;
    }
    for (const ResultRow* row : rows) {
      if (row->runtime == "native") continue;
      if (native != nullptr) out.push_back(compare(*row, *native, settings));
      if (naive[row->runtime] != row) out.push_back(compare(*row, *naive[row->runtime], settings));
    }
  }
  return out;
}

std::vector<Unsettled> unsettledCases(const std::vector<LoadedResults>& files, const std::vector<Comparison>& comparisons,
                                      double target_half_width) {
  std::map<std::string, const ResultRow*> rows;  // by runtime and name: names repeat in every runtime
  for (const LoadedResults& f : files) {
    for (const ResultRow& row : f.file.rows) rows[row.runtime + " " + row.name()] = &row;
  }
  auto precise = [&](const std::string& runtime, const std::string& name) {
    const auto it = rows.find(runtime + " " + name);
    return it != rows.end() && roundCount(perItem(*it->second)) >= 2 &&
           relativeHalfWidth(*it->second) <= target_half_width;
  };
  std::vector<Unsettled> out;
  std::map<std::string, std::size_t> index;
  for (const Comparison& c : comparisons) {
    if (c.decision != Decision::undecided) continue;
    const std::string reference_runtime = c.reference_label.substr(0, c.reference_label.find(' '));
    // Both known well enough: they differ by less than that, which more rounds would not tell.
    if (precise(c.runtime, c.subject) && precise(reference_runtime, c.reference)) continue;
    const auto [at, added] = index.emplace(c.case_key, out.size());
    if (added) out.push_back({c.case_key, {}});
    out[at->second].runtimes.insert({c.runtime, reference_runtime});
  }
  return out;
}

std::vector<BaselineChange> compareWithBaseline(const std::vector<LoadedResults>& files,
                                                const std::vector<LoadedResults>& baseline,
                                                const ComparisonSettings& settings) {
  std::map<std::pair<std::string, std::string>, const ResultRow*> before;
  for (const LoadedResults& f : baseline) {
    for (const ResultRow& r : f.file.rows) before.emplace(std::make_pair(r.runtime, r.name()), &r);
  }
  std::vector<BaselineChange> out;
  for (const LoadedResults& f : files) {
    for (const ResultRow& row : f.file.rows) {
      const auto it = before.find({row.runtime, row.name()});
      if (it == before.end()) continue;
      BaselineChange c;
      c.row = &row;
      const ClusteredSamples now = perItem(row), then = perItem(*it->second);
      c.baseline_ns = median(then.values);
      c.now_ns = median(now.values);
      c.ratio = ratioInterval(now, then, settings.confidence, 1000);
      c.rounds = std::min(roundCount(now), roundCount(then));
      const double eq = 1 + settings.equivalence;
      if (c.rounds >= settings.min_rounds && std::isfinite(c.ratio.lower) && std::isfinite(c.ratio.upper)) {
        if (c.ratio.lower > eq) c.decision = Decision::slower;
        else if (c.ratio.upper < 1 / eq) c.decision = Decision::faster;
        else if (c.ratio.lower >= 1 / eq && c.ratio.upper <= eq) c.decision = Decision::same;
      }
      out.push_back(c);
    }
  }
  return out;
}

Agreement agreement(const std::vector<Comparison>& a, const std::vector<Comparison>& b) {
  std::map<std::pair<std::string, std::string>, Decision> other;
  for (const Comparison& c : b) other[c.key()] = c.decision;
  Agreement out;
  for (const Comparison& c : a) {
    if (c.decision == Decision::undecided) continue;
    const auto it = other.find(c.key());
    if (it == other.end()) continue;
    ++out.compared;
    const Decision d = it->second;
    if (d == c.decision) ++out.agree;
    else if (d == Decision::undecided) ++out.undecided_in_other;
    else if ((d == Decision::faster && c.decision == Decision::slower) ||
             (d == Decision::slower && c.decision == Decision::faster)) ++out.flip;
    else ++out.other;
  }
  return out;
}

}  // namespace tollgate
