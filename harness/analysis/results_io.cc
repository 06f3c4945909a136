#include "analysis/results_io.h"

#include "tollgate/json_input.h"

namespace tollgate {
namespace {

// Bounded in size and depth (tollgate/json_input.h): every command loads results.
nlohmann::json parseFile(const std::string& path) {
  try {
    return readJsonFile(path, kResultsJsonLimits);
  } catch (const JsonInputError& e) {
    const std::string what = e.what();
    throw ResultsFileError(path, {{"/", what.substr(path.size() + 2)}}, what);
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
