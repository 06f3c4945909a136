#pragma once
// Process rounds: each runtime's runner in a fresh process per round (alternating
// native, Node, Chromium), its samples pooled across rounds. With adaptive rounds
// (the main job) every case runs `min_rounds` times, then only the cases whose
// comparisons are still undecided run again, cheapest first, while the time budget
// lasts (tachometer's idea, with the process as the unit of evidence).
//
// Why rounds: a process on a shared machine can sit in a slow or fast mode for its
// whole life; one process per runtime would compare those modes, not the runtimes.

#include <map>
#include <string>
#include <vector>

#include "analysis/comparisons.h"
#include "cli/cli.h"
#include "cli/executor.h"
#include "cli/workloads.h"

namespace tollgate::cli {

inline const std::vector<std::string> kRuntimes = {"native", "node", "chromium"};

struct RoundsSettings {
  std::vector<SuiteRef> suites;
  std::vector<std::string> runtimes = kRuntimes;  // run in this order each round
  std::string profile = "quick";
  int min_rounds = 2;   // rounds every case runs
  int max_rounds = 8;   // min_rounds == max_rounds: a fixed number of rounds
  double budget_s = 0;  // no round starts past it (0: no budget); cases that do not fit wait
  double target_half_width = 0.03;  // a case whose rows are known this well is settled
  ComparisonSettings comparisons;
  std::string filter;   // the user's --filter, for every round
  std::vector<std::string> variants;
  std::vector<std::string> inject;
  std::string out_dir;  // rounds in out_dir/rounds/, pooled into out_dir/<runtime>.json
  std::map<std::string, std::string> env;  // for the runners (TOLLGATE_GIT_COMMIT)
};

struct RoundsOutcome {
  int rounds = 0;
  std::string stopped;               // "decided", "budget", "max_rounds" or "fixed"
  std::vector<std::string> pooled;   // out_dir/<runtime>.json of each runtime that produced one
  std::vector<std::string> problems; // runners that failed to run (exit 2, or could not start)
  std::vector<std::string> unsettled;  // case keys still undecided at the end
  double seconds = 0;                // the runners' wall time
};

// The command that runs one runtime's runner for one round into `out`.
Command runnerCommand(const RoundsSettings& settings, const Env& env, const std::string& runtime,
                      const std::string& out, const std::string& filter);

RoundsOutcome runRounds(const RoundsSettings& settings, Env& env);

// "^(a|b)$" over names, escaped for both std::regex (ECMAScript) and JS RegExp.
std::string exactNamesRegex(const std::vector<std::string>& names);

// The commit being measured, for the results' context: TOLLGATE_GIT_COMMIT, else
// asked of git in `checkout` (this tollgate's own when empty); "" when neither
// knows.
std::string gitCommit(Env& env, const std::string& checkout = "");

// "2:05".
std::string clockText(double seconds);

}  // namespace tollgate::cli
