#pragma once
// The comparisons a run answers, decided on confidence intervals (tachometer's idea):
// within each case, every runtime's variant against the native kernel, and every
// variant against the first (naive) variant of its runtime. The main job samples
// until they are decided; the report and summary lead with them. Pure.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/results_io.h"
#include "analysis/statistics.h"

namespace tollgate {

// Per-item times of a row with the process round each came from.
ClusteredSamples perItem(const ResultRow& row);

// How precisely a row's typical time is known: the 95% interval of its location
// (round-level: the rounds' medians, Student's t on their logs, with 2 rounds or
// more; otherwise a bootstrap of the median within the one process), as a relative
// half-width (0.03 = ±3%).
double relativeHalfWidth(const ResultRow& row, double confidence = 0.95);

enum class Decision { faster, slower, same, undecided };
const char* decisionName(Decision d);

struct ComparisonSettings {
  double confidence = 0.95;
  // An interval wholly within ±equivalence of 1 decides "same" (no difference worth
  // the name); one wholly below or above 1 decides faster or slower.
  double equivalence = 0.03;
  // Process rounds each side needs before anything is decided: one process cannot
  // tell its own machine mode from the code's speed.
  int min_rounds = 2;
};

struct Comparison {
  std::string case_key;        // ResultRow::caseKey()
  std::string runtime;         // the subject's
  std::string subject;         // row names
  std::string reference;
  std::string subject_label;   // "node zero_copy"
  std::string reference_label; // "native kernel"
  Interval ratio;              // subject / reference, per item
  int rounds = 0;              // fewest rounds on either side
  Decision decision = Decision::undecided;
  // What identifies the comparison across runs: row names repeat in every runtime.
  std::pair<std::string, std::string> key() const {
    return {subject_label + " " + subject, reference_label + " " + reference};
  }
};

Decision decide(const Interval& ratio, int rounds, const ComparisonSettings& settings);

// Every comparison of every case, in the order rows appear.
std::vector<Comparison> compareRows(const std::vector<LoadedResults>& files, const ComparisonSettings& settings = {});

// A case that more rounds could still tell something about: one of its comparisons
// is undecided and one of the rows it compares is not yet known to within
// `target_half_width`. Only the runtimes of such comparisons need run again (each
// runtime's rows of the case together, so that they stay paired round by round).
struct Unsettled {
  std::string case_key;
  std::set<std::string> runtimes;
};

std::vector<Unsettled> unsettledCases(const std::vector<LoadedResults>& files, const std::vector<Comparison>& comparisons,
                                      double target_half_width);

// Each row against the same row of a stored baseline (gates.h findBaseline).
struct BaselineChange {
  const ResultRow* row = nullptr;  // into `files`: valid while they are
  double baseline_ns = 0;          // the baseline's median per item
  double now_ns = 0;               // this run's
  Interval ratio;                  // now / baseline, per item
  int rounds = 0;
  // faster or slower only when the whole interval lies beyond ±equivalence: a
  // baseline from another day moves times a little on unchanged code.
  Decision decision = Decision::undecided;
};

std::vector<BaselineChange> compareWithBaseline(const std::vector<LoadedResults>& files,
                                                const std::vector<LoadedResults>& baseline,
                                                const ComparisonSettings& settings = {});

struct Agreement {
  int compared = 0;  // comparisons decided in the first set that the second has
  int agree = 0;     // decided the same way in both
  int flip = 0;      // faster in one, slower in the other
  int undecided_in_other = 0;
  int other = 0;     // same in one, faster or slower in the other
};

// How the decided comparisons of `a` fare in `b` (the main job against the full profile).
Agreement agreement(const std::vector<Comparison>& a, const std::vector<Comparison>& b);

}  // namespace tollgate
