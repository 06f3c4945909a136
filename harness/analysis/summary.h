#pragma once
// The main job's summary as data: for each case, every (runtime, variant) measured,
// with its median per-item time and spread, the ratio to native, the share of the
// time spent outside `compute`, exact counts per item, and whether all of them
// computed the same results. Pure: rendering lives in reports/.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "analysis/results_io.h"

namespace tollgate {

struct SummaryEntry {
  const ResultRow* row = nullptr;    // into the files summarized: valid while they are
  const LoadedResults* file = nullptr;
  std::string runtime;
  std::string variant;
  std::size_t samples = 0;
  double per_item_ns = 0;          // median over samples
  double p25_ns = 0, p75_ns = 0;   // quartiles per item
  std::array<double, kPhaseCount> phase_ns{};  // each phase's median per item over the phase samples
  double spread_pct = 0;           // median absolute deviation, as % of the median
  std::optional<double> ratio_to_native;
  std::optional<double> outside_compute_share;  // median over phase samples, 0..1
  // Phase-pass time over timed time (medians). Well above 1, the probes themselves
  // weigh on each call and the phase split overstates what lies outside compute.
  std::optional<double> probe_inflation;
  double crossings_per_item = 0;
  double bytes_in_per_item = 0;
  double bytes_out_per_item = 0;
  std::optional<double> allocations_per_item;  // none: measured from outside
  std::optional<double> recall;
  // Memory of one whole operation (counting pass): the C++ heap's peak above
  // what was live before it, and, in wasm, the linear memory's size after it
  // (its high-water mark: it never shrinks).
  std::optional<double> heap_peak_bytes;
  std::optional<double> linear_memory_bytes;
  // Executed instructions per item (counting pass), and the median time per item
  // over them: where the code did not change, ns per instruction is what the
  // runtime and the machine made of it. In wasm the JS side is not counted
  // (js_uncounted), so its time inflates ns per instruction there.
  std::optional<double> instructions_per_item;
  std::optional<double> ns_per_instruction;
  bool js_uncounted = false;
  // Why a row has no count, when the reason is known (never shown as 0).
  std::string not_counted;
  std::string digest;
};

// Beyond this probe inflation, a phase split is flagged as distorted.
inline constexpr double kProbeInflationLimit = 1.25;

struct SummaryCase {
  std::string workload;
  std::string operation;
  std::string item;                  // per what the times are
  std::string params;                // "index=hnsw n=1000 dim=128 ..."
  std::vector<SummaryEntry> entries;  // native first, then by runtime and variant order
  bool digests_agree = true;
  // Rows counted with the same toolchain (one .wasm in Node and Chromium)
  // counted the same instructions.
  bool counts_agree = true;
};

struct SummaryFailure {
  std::string file;
  Failure failure;
};

struct Summary {
  std::vector<const LoadedResults*> files;
  std::vector<SummaryCase> cases;
  std::vector<SummaryFailure> failures;
  bool allDigestsAgree() const;
  bool allCountsAgree() const;
};

Summary summarize(const std::vector<LoadedResults>& files);

// One row's entry alone (summarize makes one per row, with its ratio to native).
SummaryEntry summarizeRow(const ResultRow& row);

}  // namespace tollgate
