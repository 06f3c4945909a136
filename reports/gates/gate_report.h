#pragma once
// Renders a GateReport: the console table, a Markdown summary for a pull-request
// comment, and the machine-readable verdict file. Formatting only.

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/gates.h"

namespace tollgate {

struct SamplingNote {
  bool final = false;       // no more rounds will be run
  std::string stopped;      // "decided", "time_cap", "max_rounds", or "" while sampling goes on
};

// "pass", "fail" or "undecided" for the run as a whole.
std::string overallVerdict(const GateReport& report, const SamplingNote& sampling);

void printGateTable(const GateReport& report, const SamplingNote& sampling, std::ostream& out);
std::string gateMarkdown(const GateReport& report, const SamplingNote& sampling);
nlohmann::ordered_json gateVerdictJson(const GateReport& report, const SamplingNote& sampling);

}  // namespace tollgate
