// The campaign ledger: appending a record, adding the records up.
#include "ledger.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "format.h"
#include "tollgate/json_input.h"

namespace tollgate::fuzz {
namespace {

constexpr JsonLimits kRecordLimits{64u << 10, 4};

template <typename T>
T field(const nlohmann::json& record, const char* key, const std::string& where) {
  if (!record.contains(key)) throw std::runtime_error(where + ": no \"" + key + "\"");
  try {
    return record[key].get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(where + ": \"" + key + "\" has the wrong type: " + describeJson(record[key]));
  }
}

}  // namespace

std::string ledgerPath(const CampaignOptions& options, const std::string& target) {
  return options.work_dir + "/" + target + ".campaigns.jsonl";
}

CampaignRecord recordOf(const TargetResult& r, const std::string& date, const std::string& commit,
                        const std::string& machine) {
  CampaignRecord c;
  c.date = date;
  c.commit = commit;
  c.machine = machine;
  c.wall_seconds = r.seconds;
  c.cpu_seconds = r.fuzz_cpu_seconds;
  c.executions = r.fuzz.executions;
  c.coverage = r.fuzz.coverage;
  c.features = r.fuzz.features;
  c.corpus = r.corpus_after_run;
  c.finding = r.fuzz.finding;  // a replay failure sets it too (runTarget)
  return c;
}

void appendRecord(const std::string& path, const CampaignRecord& c) {
  const nlohmann::ordered_json line = {
      {"date", c.date},         {"commit", c.commit},         {"machine", c.machine},
      {"wall_seconds", c.wall_seconds}, {"cpu_seconds", c.cpu_seconds}, {"executions", c.executions},
      {"coverage_edges", c.coverage},   {"coverage_features", c.features}, {"corpus", c.corpus},
      {"finding", c.finding}};
  std::ofstream out(path, std::ios::app);
  out << line.dump() << "\n";
  if (!out) throw std::runtime_error(path + ": cannot append the campaign record");
}

CampaignTotals readTotals(const std::string& path) {
  CampaignTotals totals;
  std::ifstream in(path);
  if (!in) return totals;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty()) continue;
    const std::string where = path + ":" + std::to_string(number);
    const nlohmann::json record = parseJsonText(line, where, kRecordLimits);
    if (!record.is_object()) throw std::runtime_error(where + ": not a campaign record");
    if (totals.campaigns == 0) totals.since = field<std::string>(record, "date", where);
    ++totals.campaigns;
    const double cpu_seconds = field<double>(record, "cpu_seconds", where);
    totals.cpu_seconds += cpu_seconds;
    totals.executions += field<unsigned long long>(record, "executions", where);
    CampaignRecord& last = totals.last;
    last.date = field<std::string>(record, "date", where);
    last.commit = field<std::string>(record, "commit", where);
    last.machine = field<std::string>(record, "machine", where);
    last.coverage = field<unsigned long long>(record, "coverage_edges", where);
    last.features = field<unsigned long long>(record, "coverage_features", where);
    last.corpus = field<unsigned long long>(record, "corpus", where);
    last.finding = field<std::string>(record, "finding", where);
    if (last.finding.empty()) {
      totals.cpu_seconds_since_finding += cpu_seconds;
    } else {
      ++totals.findings;
      totals.cpu_seconds_since_finding = 0;
    }
    // "AMD EPYC, 2 CPUs, load average 3.1 at the start": the machine without its load.
    const std::string machine = last.machine.substr(0, last.machine.find(", load average"));
    if (std::find(totals.machines.begin(), totals.machines.end(), machine) == totals.machines.end()) {
      totals.machines.push_back(machine);
    }
  }
  return totals;
}

std::string ledgerMarkdown(const std::vector<std::pair<std::string, CampaignTotals>>& targets) {
  std::ostringstream md;
  md << "| target | campaigns | CPU time | executions | findings | CPU time since the last finding | "
        "coverage (edges / features), last run | corpus | from | to | last commit |\n"
     << "|---|---|---|---|---|---|---|---|---|---|---|\n";
  std::set<std::string> machines;
  for (const auto& [name, t] : targets) {
    if (t.campaigns == 0) {
      md << "| " << name << " | 0 | - | - | - | - | - | - | - | - | - |\n";
      continue;
    }
    md << "| " << name << " | " << t.campaigns << " | " << duration(t.cpu_seconds) << " | " << grouped(t.executions)
       << " | " << t.findings << " | " << duration(t.cpu_seconds_since_finding) << " | " << grouped(t.last.coverage) << " / " << grouped(t.last.features) << " | "
       << grouped(t.last.corpus) << " | " << t.since.substr(0, 10) << " | " << t.last.date.substr(0, 10) << " | "
       << (t.last.commit.empty() ? "-" : t.last.commit) << " |\n";
    machines.insert(t.machines.begin(), t.machines.end());
  }
  if (!machines.empty()) {
    md << "\nMachines: ";
    bool first = true;
    for (const std::string& m : machines) md << (first ? "" : "; ") << m, first = false;
    md << ".\n";
  }
  return md.str();
}

}  // namespace tollgate::fuzz
