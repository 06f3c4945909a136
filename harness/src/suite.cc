#include "tollgate/suite.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "tollgate/json_input.h"
#include "tollgate/schema_validator.h"
#include "tollgate/suite_schema_text.h"  // generated: kSuiteSchemaText

namespace tollgate {
namespace {

using Json = nlohmann::ordered_json;

[[noreturn]] void fail(const std::string& path, const std::string& field, const std::string& what) {
  throw std::runtime_error(path + ": " + field + ": " + what);
}

// Counts the schema says are non-negative integers, which an int must hold.
int count(const Json& value, const std::string& path, const std::string& field) {
  const double x = value.is_number() ? value.get<double>() : -1;
  if (!(x >= 0 && x <= std::numeric_limits<int>::max())) {
    fail(path, field, "expected an integer from 0 to " + std::to_string(std::numeric_limits<int>::max()) + ", found " +
                          describeJson(value));
  }
  return static_cast<int>(x);
}

// The most items one operation may handle: exactly representable as a double.
constexpr double kMaxItems = 9007199254740992.0;

}  // namespace

bool SuiteCase::runs(const std::string& variant) const {
  return variants.empty() || std::find(variants.begin(), variants.end(), variant) != variants.end();
}

namespace {

const SchemaValidator& suiteValidator() {
  static const SchemaValidator validator(nlohmann::json::parse(kSuiteSchemaText));
  return validator;
}

// A JSON pointer as a field path for messages: /cases/2/params/n -> cases[2].params.n
// (the same as runners/driver/json-schema.mjs's fieldPath).
std::string fieldPath(const std::string& pointer) {
  if (pointer.empty() || pointer == "/") return "(top level)";
  std::string out;
  std::size_t at = 1;
  while (at <= pointer.size()) {
    std::size_t end = pointer.find('/', at);
    if (end == std::string::npos) end = pointer.size();
    std::string part = pointer.substr(at, end - at);
    for (std::size_t i; (i = part.find("~1")) != std::string::npos;) part.replace(i, 2, "/");
    for (std::size_t i; (i = part.find("~0")) != std::string::npos;) part.replace(i, 2, "~");
    const bool index = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    out += index ? "[" + part + "]" : (out.empty() ? "" : ".") + part;
    at = end + 1;
  }
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void checkSuite(const nlohmann::ordered_json& doc, const std::string& where) {
  const auto violations = suiteValidator().validate(nlohmann::json::parse(doc.dump()));
  if (!violations.empty()) fail(where, fieldPath(violations[0].path), violations[0].message);

  const auto wasm = doc["variants"]["wasm"].get<std::vector<std::string>>();
  const auto native = doc["variants"]["native"].get<std::vector<std::string>>();
  const std::string naive = doc["naive"].get<std::string>();
  if (!contains(wasm, naive)) fail(where, "naive", "'" + naive + "' is not one of variants.wasm (" + joined(wasm) + ")");
  std::vector<std::string> operations;  // in the file's order, as JS lists them
  for (const auto& [name, op] : doc["operations"].items()) operations.push_back(name);
  const Json defaults = doc.value("defaults", Json::object());
  for (std::size_t i = 0; i < doc["cases"].size(); ++i) {
    const Json& c = doc["cases"][i];
    const std::string at = "cases[" + std::to_string(i) + "].";
    const std::string operation = c["operation"].get<std::string>();
    if (!contains(operations, operation)) {
      fail(where, at + "operation", "unknown operation '" + operation + "' (the suite has: " + joined(operations) + ")");
    }
    for (const auto& profile : c["profiles"]) {
      if (!doc["profiles"].contains(profile.get<std::string>())) {
        fail(where, at + "profiles", "no profile named '" + profile.get<std::string>() + "'");
      }
    }
    for (const auto& v : c.value("variants", Json::array())) {
      if (!contains(wasm, v.get<std::string>()) && !contains(native, v.get<std::string>())) {
        fail(where, at + "variants", "unknown variant '" + v.get<std::string>() + "' (not in variants.native or variants.wasm)");
      }
    }
    const std::string items = doc["operations"][operation]["items"].get<std::string>();
    const Json value = c["params"].contains(items) ? c["params"][items] : defaults.value(items, Json());
    // An integer, however the file wrote it (JSON does not tell 3 from 3.0 apart),
    // compared before any conversion: casting 1e300 to an integer is undefined.
    const bool positive = value.is_number() && value.get<double>() > 0 && value.get<double>() <= kMaxItems &&
                          value.get<double>() == static_cast<double>(static_cast<long long>(value.get<double>()));
    if (!positive) fail(where, at + "params." + items, "expected a positive integer (the items one operation handles)");
  }
}

Suite loadSuite(const std::string& path, const std::string& profile) {
  // Bounded in size and depth (tollgate/json_input.h): errors name the file.
  return parseSuite(readOrderedJsonFile(path, kConfigJsonLimits), path, profile);
}

// Checked first, so what follows reads fields the schema guarantees.
Suite parseSuite(const Json& doc, const std::string& path, const std::string& profile) {
  checkSuite(doc, path);
  Suite suite;
  suite.workload = doc["workload"].get<std::string>();
  suite.module = doc.value("module", "");
  suite.naive = doc["naive"].get<std::string>();
  suite.native_variants = doc["variants"]["native"].get<std::vector<std::string>>();
  suite.wasm_variants = doc["variants"]["wasm"].get<std::vector<std::string>>();
  if (!doc["profiles"].contains(profile)) fail(path, "profiles", "no profile named '" + profile + "'");
  const Json& settings = doc["profiles"][profile];
  const Json defaults = doc.value("defaults", Json::object());

  for (const Json& c : doc["cases"]) {
    const auto in_profiles = c["profiles"].get<std::vector<std::string>>();
    if (std::find(in_profiles.begin(), in_profiles.end(), profile) == in_profiles.end()) continue;
    SuiteCase sc;
    sc.workload = suite.workload;
    sc.operation = c["operation"].get<std::string>();
    const Json& op = doc["operations"][sc.operation];
    sc.name_params = op["name_params"].get<std::vector<std::string>>();
    sc.params = defaults;
    for (const auto& [key, value] : c["params"].items()) sc.params[key] = value;
    sc.items_per_op = static_cast<std::uint64_t>(sc.params[op["items"].get<std::string>()].get<double>());
    sc.item = op["item"].get<std::string>();
    const std::string at = "profiles." + profile + ".";
    sc.samples = count(c.contains("samples") ? c["samples"] : settings.value("samples", Json(5)), path, "samples");
    sc.warmup_ops = count(settings.value("warmup_ops", Json(1)), path, at + "warmup_ops");
    sc.warmup_ms = count(settings.value("warmup_ms", Json(0)), path, at + "warmup_ms");
    sc.phase_samples = count(settings.value("phase_samples", Json(3)), path, at + "phase_samples");
    sc.variants = c.value("variants", std::vector<std::string>{});
    sc.counting_warmup_ops = count(settings.value("counting_warmup_ops", Json(0)), path, at + "counting_warmup_ops");
    suite.cases.push_back(std::move(sc));
  }
  return suite;
}

}  // namespace tollgate
