// The `tollgate` command: tools over results files.
//
//   tollgate validate FILE...   check files against the results schema
//   tollgate summary FILE...    the main job's tables: per-item times, ratios to
//                               native, phase shares, counts; exits 1 when a
//                               runtime's results differ or a case failed
//
// Exit status: 0 ok, 1 a check failed, 2 usage or unreadable input.

#include <iostream>
#include <string>
#include <vector>

#include "analysis/results_io.h"
#include "analysis/summary.h"
#include "console/summary_table.h"

namespace tollgate {
namespace {

int usage() {
  std::cerr << "usage: tollgate validate FILE...\n"
               "       tollgate summary FILE...\n";
  return 2;
}

int validateCommand(const std::vector<std::string>& files) {
  int bad = 0;
  for (const std::string& path : files) {
    const auto violations = checkResultsFile(path);
    if (violations.empty()) {
      std::cout << path << ": valid (schema v" << kSchemaVersion << ")\n";
      continue;
    }
    ++bad;
    for (const auto& v : violations) std::cout << path << ": " << v.path << ": " << v.message << "\n";
  }
  return bad == 0 ? 0 : 1;
}

int summaryCommand(const std::vector<std::string>& files) {
  std::vector<LoadedResults> loaded;
  for (const std::string& path : files) loaded.push_back(loadResultsFile(path));
  const Summary summary = summarize(loaded);
  printSummary(summary, std::cout);
  return summary.allDigestsAgree() && summary.failures.empty() ? 0 : 1;
}

}  // namespace
}  // namespace tollgate

int main(int argc, char** argv) {
  if (argc < 3) return tollgate::usage();
  const std::string command = argv[1];
  const std::vector<std::string> files(argv + 2, argv + argc);
  try {
    if (command == "validate") return tollgate::validateCommand(files);
    if (command == "summary") return tollgate::summaryCommand(files);
  } catch (const std::exception& e) {
    std::cerr << "tollgate " << command << ": " << e.what() << "\n";
    return 2;
  }
  return tollgate::usage();
}
