// The campaign ledger: appending a record, adding the records up.
#include "ledger.h"

#include <fstream>
#include <stdexcept>

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
  c.corpus = r.corpus_after_merge;
  c.finding = !r.replay_failure.empty() && r.fuzz.finding.empty() ? "crash" : r.fuzz.finding;
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
    totals.cpu_seconds += field<double>(record, "cpu_seconds", where);
    totals.executions += field<unsigned long long>(record, "executions", where);
    if (!field<std::string>(record, "finding", where).empty()) ++totals.findings;
  }
  return totals;
}

}  // namespace tollgate::fuzz
