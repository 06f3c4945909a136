#include "analysis/summary.h"

#include <algorithm>
#include <map>

#include "analysis/statistics.h"

namespace tollgate {
namespace {

int runtimeOrder(const std::string& runtime) {
  if (runtime == "native") return 0;
  if (runtime == "node") return 1;
  if (runtime == "chromium") return 2;
  return 3;
}

std::string paramsText(const ResultRow& row) {
  std::string out;
  for (const auto& [key, value] : row.params.items()) {
    if (!out.empty()) out += ' ';
    out += key + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
  }
  return out;
}

std::optional<double> outsideComputeShare(const ResultRow& row) {
  std::vector<double> shares;
  for (const PhaseTimes& sample : row.phase_samples) {
    double total = 0;
    for (double ns : sample) total += ns;
    if (total > 0) shares.push_back((total - sample[static_cast<int>(Phase::compute)]) / total);
  }
  if (shares.empty()) return std::nullopt;
  return median(shares);
}

std::optional<double> probeInflation(const ResultRow& row) {
  std::vector<double> totals;
  for (const PhaseTimes& sample : row.phase_samples) {
    double total = 0;
    for (double ns : sample) total += ns;
    totals.push_back(total);
  }
  const double timed = median(row.samples_ns);
  if (totals.empty() || timed <= 0) return std::nullopt;
  return median(totals) / timed;
}

std::string countingToolchain(const LoadedResults& f) {
  const auto& c = f.file.context;
  return c.contains("counting") ? c["counting"].value("toolchain", "") : "";
}

}  // namespace

SummaryEntry summarizeRow(const ResultRow& row) {
  SummaryEntry e;
  const double items = static_cast<double>(row.items_per_op);
  e.runtime = row.runtime;
  e.variant = row.variant;
  e.samples = row.samples_ns.size();
  e.per_item_ns = median(row.samples_ns) / items;
  e.p25_ns = quantile(row.samples_ns, 0.25) / items;
  e.p75_ns = quantile(row.samples_ns, 0.75) / items;
  for (int p = 0; p < kPhaseCount; ++p) {
    std::vector<double> values;
    for (const PhaseTimes& sample : row.phase_samples) values.push_back(sample[p]);
    e.phase_ns[p] = values.empty() ? 0.0 : median(values) / items;
  }
  const double mad = medianAbsoluteDeviation(row.samples_ns) / items;
  e.spread_pct = e.per_item_ns > 0 ? 100.0 * mad / e.per_item_ns : 0.0;
  // From outside, compute cannot be told from the call around it: no share.
  if (!row.measured_outside) e.outside_compute_share = outsideComputeShare(row);
  if (!row.measured_outside) e.probe_inflation = probeInflation(row);
  e.crossings_per_item = static_cast<double>(row.counters.crossings()) / items;
  e.bytes_in_per_item = static_cast<double>(row.counters.bytes_in) / items;
  e.bytes_out_per_item = static_cast<double>(row.counters.bytes_out) / items;
  if (!row.measured_outside) e.allocations_per_item = static_cast<double>(row.counters.allocations) / items;
  if (row.quality.contains("recall_at_k")) e.recall = row.quality["recall_at_k"].get<double>();
  if (row.memory.contains("heap_peak_bytes")) e.heap_peak_bytes = row.memory["heap_peak_bytes"].get<double>();
  if (row.memory.contains("linear_memory_bytes")) e.linear_memory_bytes = row.memory["linear_memory_bytes"].get<double>();
  if (row.instructions && row.instructions->per_op > 0) {
    e.instructions_per_item = static_cast<double>(row.instructions->per_op) / items;
    e.ns_per_instruction = e.per_item_ns / *e.instructions_per_item;
    const auto& u = row.instructions->uncounted;
    e.js_uncounted = std::find(u.begin(), u.end(), "js") != u.end();
  } else if (row.measured_outside) {
    e.not_counted = "measured from outside: a module built without Tollgate has no counting build";
  }
  e.digest = row.result_digest;
  return e;
}

bool Summary::allDigestsAgree() const {
  return std::all_of(cases.begin(), cases.end(), [](const SummaryCase& c) { return c.digests_agree; });
}

bool Summary::allCountsAgree() const {
  return std::all_of(cases.begin(), cases.end(), [](const SummaryCase& c) { return c.counts_agree; });
}

Summary summarize(const std::vector<LoadedResults>& files) {
  Summary summary;
  std::map<std::string, std::size_t> index;  // case key -> position, in first-seen order
  std::vector<std::vector<std::pair<int, SummaryEntry>>> ordered;
  for (const LoadedResults& loaded : files) {
    summary.files.push_back(&loaded);
    for (const Failure& f : loaded.file.failures) summary.failures.push_back({loaded.path, f});
    for (const ResultRow& row : loaded.file.rows) {
      const std::string key = row.caseKey();
      auto [it, inserted] = index.emplace(key, summary.cases.size());
      if (inserted) {
        summary.cases.push_back({row.workload, row.operation, row.item, paramsText(row), {}, true});
        ordered.emplace_back();
      }
      SummaryEntry entry = summarizeRow(row);
      entry.row = &row;
      entry.file = &loaded;
      ordered[it->second].push_back({runtimeOrder(row.runtime), entry});
    }
  }
  for (std::size_t i = 0; i < summary.cases.size(); ++i) {
    auto& entries = ordered[i];
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    SummaryCase& c = summary.cases[i];
    const SummaryEntry* native = nullptr;
    for (auto& [order, entry] : entries) c.entries.push_back(entry);
    for (const SummaryEntry& e : c.entries) {
      if (e.runtime == "native" && native == nullptr) native = &e;
    }
    for (SummaryEntry& e : c.entries) {
      if (native != nullptr && native->per_item_ns > 0) e.ratio_to_native = e.per_item_ns / native->per_item_ns;
      if (e.digest != c.entries.front().digest) c.digests_agree = false;
    }
    for (const SummaryEntry& a : c.entries) {
      for (const SummaryEntry& b : c.entries) {
        if (&a == &b || a.variant != b.variant || !a.row->instructions || !b.row->instructions) continue;
        if (countingToolchain(*a.file) == countingToolchain(*b.file) && !countingToolchain(*a.file).empty() &&
            a.row->instructions->per_op != b.row->instructions->per_op) {
          c.counts_agree = false;
        }
      }
    }
  }
  return summary;
}

}  // namespace tollgate
