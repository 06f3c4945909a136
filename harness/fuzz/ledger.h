#pragma once
// What a working corpus has been through, campaign after campaign: one JSON line
// per target run in <work>/<target>.campaigns.jsonl, kept beside the corpus (the
// merge replaces the corpus folder, not this file). Fuzzing time adds up across
// campaigns the way OSS-Fuzz counts it: CPU time spent on one corpus, whatever
// the commit, each record naming the commit, machine and date it ran on.

#include <string>
#include <utility>
#include <vector>

#include "campaign.h"

namespace tollgate::fuzz {

struct CampaignRecord {
  std::string date;     // UTC, ISO 8601
  std::string commit;   // the fuzzed code; "" when unknown
  std::string machine;
  double wall_seconds = 0;
  double cpu_seconds = 0;  // the fuzzing process's user + system time
  unsigned long long executions = 0;
  unsigned long long coverage = 0;
  unsigned long long features = 0;
  unsigned long long corpus = 0;
  std::string finding;  // "" nothing found
};

struct CampaignTotals {
  int campaigns = 0;
  double cpu_seconds = 0;
  unsigned long long executions = 0;
  int findings = 0;
  // CPU time of the runs after the last that found something (all of it when
  // none did): how long the current code has been fuzzed with nothing found.
  double cpu_seconds_since_finding = 0;
  std::string since;  // the first record's date
  CampaignRecord last;
  std::vector<std::string> machines;  // each once, in the order they first ran
};

std::string ledgerPath(const CampaignOptions& options, const std::string& target);
CampaignRecord recordOf(const TargetResult& result, const std::string& date, const std::string& commit,
                        const std::string& machine);
// Appends one line; throws std::runtime_error naming the file when it cannot.
void appendRecord(const std::string& path, const CampaignRecord& record);
// Zeros when the file is absent; a line that is not a record is an error naming
// the file and the line.
CampaignTotals readTotals(const std::string& path);

// What each target's corpus has been through, as the table the workloads' READMEs
// carry (`tollgate fuzz --ledger`).
std::string ledgerMarkdown(const std::vector<std::pair<std::string, CampaignTotals>>& targets);

}  // namespace tollgate::fuzz
