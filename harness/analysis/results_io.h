#pragma once
// Reading results files from disk: parse, validate against the schema, load.
// Every error names the file and, for schema violations, the field.

#include <stdexcept>
#include <string>
#include <vector>

#include "tollgate/results.h"
#include "tollgate/schema_validator.h"

namespace tollgate {

struct LoadedResults {
  std::string path;
  ResultsFile file;
};

class ResultsFileError : public std::runtime_error {
 public:
  ResultsFileError(const std::string& path, const std::vector<SchemaViolation>& violations,
                   const std::string& what);
  std::string path;
  std::vector<SchemaViolation> violations;
};

// Throws ResultsFileError for a missing file, invalid JSON or a schema violation.
LoadedResults loadResultsFile(const std::string& path);

// Parses and validates only; returns the violations (a parse error is one at "/").
std::vector<SchemaViolation> checkResultsFile(const std::string& path);

}  // namespace tollgate
