#include "analysis/results_io.h"

#include <fstream>
#include <sstream>

namespace tollgate {
namespace {

nlohmann::json parseFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ResultsFileError(path, {}, path + ": cannot open the file");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw ResultsFileError(path, {{"/", e.what()}}, path + ": not valid JSON: " + e.what());
  }
}

}  // namespace

ResultsFileError::ResultsFileError(const std::string& p, const std::vector<SchemaViolation>& v,
                                   const std::string& what)
    : std::runtime_error(what), path(p), violations(v) {}

std::vector<SchemaViolation> checkResultsFile(const std::string& path) {
  try {
    return validateResults(parseFile(path));
  } catch (const ResultsFileError& e) {
    return e.violations.empty() ? std::vector<SchemaViolation>{{"/", e.what()}} : e.violations;
  }
}

LoadedResults loadResultsFile(const std::string& path) {
  const nlohmann::json json = parseFile(path);
  const auto violations = validateResults(json);
  if (!violations.empty()) {
    throw ResultsFileError(path, violations,
                           path + ": " + violations[0].path + ": " + violations[0].message +
                               (violations.size() > 1 ? " (and " + std::to_string(violations.size() - 1) + " more)" : ""));
  }
  return {path, resultsFromJson(json)};
}

}  // namespace tollgate
