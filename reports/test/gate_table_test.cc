// The console gate table: columns stay apart however many rows a gate covers.

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "gates/gate_report.h"

namespace tollgate {
namespace {

GateResult passingCount(const std::string& id, int i) {
  GateResult r;
  r.gate_id = id;
  r.kind = "count";
  r.runtime = "node";
  r.subject = "example.hash/row:" + std::to_string(i);
  r.metric = "crossings";
  r.expected = "<= 100";
  r.limit = 100;
  r.measured = i;
  return r;
}

TEST(GateTable, ARowCountOfAnyWidthStaysApartFromItsClosestResult) {
  GateReport report;
  report.config_path = "gates.json";
  for (int i = 0; i < 1234; ++i) report.results.push_back(passingCount("crossings", i % 100));
  report.results.push_back(passingCount("one-row", 7));
  std::ostringstream out;
  printGateTable(report, SamplingNote{true, "decided"}, out);
  const std::string table = out.str();
  EXPECT_NE(table.find("1234 rows  closest 99"), std::string::npos) << table;
  EXPECT_NE(table.find("1 row      closest 7"), std::string::npos) << table;  // the wider column, padded alike
  EXPECT_EQ(table.find("rowsclosest"), std::string::npos) << table;
}

}  // namespace
}  // namespace tollgate
