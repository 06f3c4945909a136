#pragma once
// A JSON Schema (draft 2020-12) validator for the subset of keywords Tollgate's
// schema uses. A schema using any other keyword is rejected when loaded, so no
// constraint is ever silently ignored.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tollgate/pattern.h"

namespace tollgate {

struct SchemaViolation {
  std::string path;     // JSON pointer into the document, e.g. /benchmarks/3/samples_ns
  std::string message;  // what the schema expected there
};

class SchemaValidator {
 public:
  // Throws std::invalid_argument naming the first unsupported keyword or bad $ref.
  explicit SchemaValidator(nlohmann::json schema);

  std::vector<SchemaViolation> validate(const nlohmann::json& document) const;

 private:
  static constexpr int kMaxDepth = 64;
  void checkSupported(const nlohmann::json& schema, const std::string& where, int depth);
  const nlohmann::json& resolve(const std::string& ref) const;
  void validateAt(const nlohmann::json& schema, const nlohmann::json& value, const std::string& path, int depth,
                  std::vector<SchemaViolation>& out) const;

  nlohmann::json root_;
  std::map<std::string, detail::Pattern> patterns_;  // compiled once, by source
};

// The results schema, embedded at build time from harness/schema/results.schema.json.
const nlohmann::json& resultsSchema();

// Validates a results document; returns its violations (empty when valid).
std::vector<SchemaViolation> validateResults(const nlohmann::json& document);

}  // namespace tollgate
