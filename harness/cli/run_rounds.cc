#include "cli/run_rounds.h"

#include <algorithm>
#include <cmath>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>

#include "cli/verbs.h"

namespace tollgate::cli {
namespace {

namespace fs = std::filesystem;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::string roundFile(const RoundsSettings& s, const std::string& runtime, int round) {
  return s.out_dir + "/rounds/" + runtime + "-" + std::to_string(round) + ".json";
}

// What each case costs per round in each runtime, estimated from the last process
// of that runtime: half of its wall time split by the case's share of the timed
// samples, half split evenly (setup, warm-up and the untimed passes).
struct CostModel {
  std::map<std::string, std::map<std::string, double>> seconds;  // runtime -> case key -> seconds
};

void noteProcess(CostModel& model, const std::string& runtime, const std::string& file, double wall_s) {
  LoadedResults loaded;
  try {
    loaded = loadResultsFile(file);
  } catch (const std::exception&) {
    return;
  }
  std::map<std::string, double> sampled;
  double total = 0;
  for (const ResultRow& row : loaded.file.rows) {
    double sum = 0;
    for (double ns : row.samples_ns) sum += ns;
    sampled[row.caseKey()] += sum;
    total += sum;
  }
  if (sampled.empty()) return;
  auto& costs = model.seconds[runtime];
  for (const auto& [key, ns] : sampled) {
    costs[key] = wall_s * (0.5 * (total > 0 ? ns / total : 0) + 0.5 / static_cast<double>(sampled.size()));
  }
}

struct Pooled {
  std::vector<LoadedResults> files;
  std::vector<std::string> paths;
};

// Pools every round so far of each runtime into out_dir/<runtime>.json.
Pooled poolRounds(const RoundsSettings& s, int rounds, RoundsOutcome& outcome) {
  Pooled pooled;
  for (const std::string& runtime : s.runtimes) {
    std::vector<LoadedResults> files;
    for (int r = 1; r <= rounds; ++r) {
      const std::string path = roundFile(s, runtime, r);
      if (!fs::exists(path)) continue;
      try {
        files.push_back(loadResultsFile(path));
      } catch (const std::exception& e) {
        outcome.problems.push_back(e.what());
      }
    }
    if (files.empty()) continue;
    const std::string out = s.out_dir + "/" + runtime + ".json";
    writeMerged(files, out);
    pooled.paths.push_back(out);
    pooled.files.push_back(loadResultsFile(out));
  }
  return pooled;
}

}  // namespace

std::string gitCommit(Env& env, const std::string& checkout) {
  if (const char* given = std::getenv("TOLLGATE_GIT_COMMIT"); given != nullptr && *given != '\0') return given;
  const std::string tmp = std::filesystem::temp_directory_path() / ("tollgate-commit-" + std::to_string(getpid()));
  Command c;
  c.argv = {"git", "-C", checkout.empty() ? env.root : checkout, "rev-parse", "--short", "HEAD"};
  c.stdout_path = tmp;
  c.stderr_path = "/dev/null";
  std::string commit;
  if (env.executor->run(c).status == 0) std::getline(std::ifstream(tmp), commit);
  std::filesystem::remove(tmp);
  return commit;
}

std::string clockText(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  return std::to_string(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + std::to_string(s % 60);
}

std::string exactNamesRegex(const std::vector<std::string>& names) {
  std::string out = "^(";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += "|";
    for (char c : names[i]) {
      if (std::string(".^$|()[]{}*+?\\").find(c) != std::string::npos) out += '\\';
      out += c;
    }
  }
  return out + ")$";
}

Command runnerCommand(const RoundsSettings& s, const Env& env, const std::string& runtime, const std::string& out,
                      const std::string& filter) {
  Command c;
  c.env = s.env;
  if (runtime == "native") {
    c.argv = {env.bin_dir + "/tollgate_native"};
    for (const SuiteRef& suite : s.suites) c.argv.insert(c.argv.end(), {"--suite", suite.file});
  } else {
    c.argv = {"node", env.root + (runtime == "node" ? "/runners/node/run-node.mjs" : "/runners/browser/run-browser.mjs")};
    for (const SuiteRef& suite : s.suites) c.argv.insert(c.argv.end(), {"--suite", suite.name});
    if (!s.variants.empty()) c.argv.insert(c.argv.end(), {"--variants", joined(s.variants)});
    if (!s.inject.empty()) c.argv.insert(c.argv.end(), {"--inject", joined(s.inject)});
  }
  c.argv.insert(c.argv.end(), {"--profile", s.profile, "--out", out});
  if (!filter.empty()) c.argv.insert(c.argv.end(), {"--filter", filter});
  return c;
}

RoundsOutcome runRounds(const RoundsSettings& s, Env& env) {
  RoundsOutcome outcome;
  fs::remove_all(s.out_dir + "/rounds");
  fs::create_directories(s.out_dir + "/rounds");
  CostModel costs;
  // Row names each runtime runs next round; empty map = everything (the user's filter).
  std::map<std::string, std::vector<std::string>> next;
  bool everything = true;
  outcome.stopped = s.min_rounds == s.max_rounds ? "fixed" : "max_rounds";
  // Each runtime's last whole round, for the estimate of what is left.
  std::map<std::string, double> full_round_s;
  double planned_s = 0;  // the estimate for an adaptive round's cases
  for (int round = 1; round <= s.max_rounds; ++round) {
    for (std::size_t i = 0; i < s.runtimes.size(); ++i) {
      const std::string& runtime = s.runtimes[i];
      if (!everything && next[runtime].empty()) continue;
      const std::string filter = everything ? s.filter : exactNamesRegex(next[runtime]);
      const std::string what = everything ? "every case" : std::to_string(next[runtime].size()) + " benchmark(s)";
      std::string left;
      if (everything && full_round_s.size() == s.runtimes.size()) {
        double est = 0;
        for (std::size_t j = i; j < s.runtimes.size(); ++j) est += full_round_s[s.runtimes[j]];
        for (const auto& [rt, seconds] : full_round_s) est += seconds * std::max(0, s.min_rounds - round);
        left = ", ~" + clockText(est) + " left" + (s.min_rounds < s.max_rounds ? " of the first " + std::to_string(s.min_rounds) + " rounds" : "");
      } else if (!everything) {
        left = ", ~" + clockText(planned_s) + " planned for this round";
      }
      env.out << "==> round " << round << (s.min_rounds == s.max_rounds ? " of " : " of at most ") << s.max_rounds
              << ": " << runtime << ", " << what << " (" << clockText(outcome.seconds) << " elapsed" << left
              << (s.budget_s > 0 ? ", budget " + clockText(s.budget_s) : "") << ")" << std::endl;
      const std::string out = roundFile(s, runtime, round);
      const Command command = runnerCommand(s, env, runtime, out, filter);
      const Outcome ran = env.executor->run(command);
      outcome.seconds += ran.seconds;
      if (!ran.error.empty()) outcome.problems.push_back(runtime + ", round " + std::to_string(round) + ": " + ran.error);
      else if (ran.status >= 2) {
        outcome.problems.push_back(runtime + ", round " + std::to_string(round) + ": " + commandLine(command.argv) +
                                   " exited with status " + std::to_string(ran.status));
      }
      if (fs::exists(out)) noteProcess(costs, runtime, out, ran.seconds);
      if (everything) full_round_s[runtime] = ran.seconds;
    }
    outcome.rounds = round;
    const Pooled pooled = poolRounds(s, round, outcome);
    outcome.pooled = pooled.paths;
    if (round < s.min_rounds) continue;
    if (s.min_rounds == s.max_rounds) continue;

    // Adaptive: which cases are still undecided, and which of them fit the budget.
    const std::vector<Comparison> comparisons = compareRows(pooled.files, s.comparisons);
    const std::vector<Unsettled> unsettled = unsettledCases(pooled.files, comparisons, s.target_half_width);
    outcome.unsettled.clear();
    for (const Unsettled& u : unsettled) outcome.unsettled.push_back(u.case_key);
    if (unsettled.empty()) {
      outcome.stopped = "decided";
      break;
    }
    if (round == s.max_rounds) break;
    // Cheapest first, while the budget lasts: each case in the runtimes still undecided.
    std::vector<std::pair<double, const Unsettled*>> by_cost;
    for (const Unsettled& u : unsettled) {
      double cost = 0;
      for (const std::string& runtime : u.runtimes) {
        const auto& per_case = costs.seconds[runtime];
        const auto it = per_case.find(u.case_key);
        if (it != per_case.end()) cost += it->second;
      }
      by_cost.push_back({cost, &u});
    }
    std::stable_sort(by_cost.begin(), by_cost.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::map<std::string, std::set<std::string>> chosen;  // case key -> runtimes
    double planned = 0;
    for (const auto& [cost, u] : by_cost) {
      if (s.budget_s > 0 && outcome.seconds + planned + cost > s.budget_s) break;
      planned += cost;
      chosen[u->case_key] = u->runtimes;
    }
    if (chosen.empty()) {
      outcome.stopped = "budget";
      break;
    }
    next.clear();
    everything = false;
    for (const LoadedResults& f : pooled.files) {
      for (const ResultRow& row : f.file.rows) {
        const auto it = chosen.find(row.caseKey());
        if (it != chosen.end() && it->second.count(row.runtime)) next[row.runtime].push_back(row.name());
      }
    }
    planned_s = planned;
    env.out << "==> " << outcome.unsettled.size() << " case(s) undecided after round " << round << "; "
            << chosen.size() << " fit the budget (~" << clockText(planned) << ")" << std::endl;
  }
  return outcome;
}

}  // namespace tollgate::cli
