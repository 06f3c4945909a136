#pragma once
// Reading JSON that comes from outside the process: results, gates, suites, gate
// verdicts, profiles. Size and nesting are checked on the text before nlohmann
// builds anything: its dump() and comparisons recurse once per level, and a file of
// 10^6 '[' overflowed the stack of every command that loaded it. Errors name the
// file and say what is wrong and where.

#include <cstddef>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace tollgate {

struct JsonLimits {
  std::size_t max_bytes;
  int max_depth;  // levels of arrays and objects; a scalar document has depth 0
};

// Results files hold raw samples of every row: large, but flat (depth ~6).
inline constexpr JsonLimits kResultsJsonLimits{256u << 20, 64};
// Configuration a person writes (gates, suites) and the files tools exchange.
inline constexpr JsonLimits kConfigJsonLimits{16u << 20, 64};

class JsonInputError : public std::runtime_error {
 public:
  explicit JsonInputError(const std::string& what) : std::runtime_error(what) {}
};

// Throws JsonInputError("<source>: <problem>") when the text is too large, nests
// deeper than the limit (naming the byte offset), or is not JSON.
void checkJsonShape(const std::string& text, const std::string& source, const JsonLimits& limits);
nlohmann::json parseJsonText(const std::string& text, const std::string& source, const JsonLimits& limits);
nlohmann::ordered_json parseOrderedJsonText(const std::string& text, const std::string& source,
                                            const JsonLimits& limits);

// Reads at most `max_bytes` of a file ("-" is standard input); throws
// JsonInputError naming the file when it cannot be opened or is larger.
std::string readInputFile(const std::string& path, std::size_t max_bytes);
nlohmann::json readJsonFile(const std::string& path, const JsonLimits& limits);
nlohmann::ordered_json readOrderedJsonFile(const std::string& path, const JsonLimits& limits);

// A short description of a value for an error message, without recursing into it:
// scalars as JSON (long strings cut), containers by their size.
std::string describeJson(const nlohmann::json& value);
std::string describeJson(const nlohmann::ordered_json& value);

}  // namespace tollgate
