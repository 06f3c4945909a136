#include "tollgate/suite.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace tollgate {
namespace {

using Json = nlohmann::ordered_json;

[[noreturn]] void fail(const std::string& path, const std::string& field, const std::string& what) {
  throw std::runtime_error(path + ": " + field + ": " + what);
}

const Json& member(const Json& object, const std::string& key, const std::string& path,
                   const std::string& where) {
  if (!object.is_object() || !object.contains(key)) fail(path, where + key, "missing");
  return object[key];
}

int positiveInt(const Json& value, const std::string& path, const std::string& field) {
  if (!value.is_number_integer() || value.get<long long>() < 0) fail(path, field, "expected a non-negative integer");
  return value.get<int>();
}

}  // namespace

bool SuiteCase::runs(const std::string& variant) const {
  return variants.empty() || std::find(variants.begin(), variants.end(), variant) != variants.end();
}

Suite loadSuite(const std::string& path, const std::string& profile) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the suite file");
  Json doc;
  try {
    doc = Json::parse(in);
  } catch (const Json::parse_error& e) {
    throw std::runtime_error(path + ": not valid JSON: " + e.what());
  }
  Suite suite;
  suite.workload = member(doc, "workload", path, "").get<std::string>();
  suite.module = member(doc, "module", path, "").get<std::string>();
  const Json& variants = member(doc, "variants", path, "");
  suite.native_variants = member(variants, "native", path, "variants.").get<std::vector<std::string>>();
  suite.wasm_variants = member(variants, "wasm", path, "variants.").get<std::vector<std::string>>();
  const Json& profiles = member(doc, "profiles", path, "");
  if (!profiles.contains(profile)) fail(path, "profiles", "no profile named '" + profile + "'");
  const Json& settings = profiles[profile];
  const Json& defaults = doc.value("defaults", Json::object());
  const Json& operations = member(doc, "operations", path, "");

  const Json& cases = member(doc, "cases", path, "");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Json& c = cases[i];
    const std::string where = "cases[" + std::to_string(i) + "].";
    const auto in_profiles = member(c, "profiles", path, where).get<std::vector<std::string>>();
    if (std::find(in_profiles.begin(), in_profiles.end(), profile) == in_profiles.end()) continue;
    SuiteCase sc;
    sc.workload = suite.workload;
    sc.operation = member(c, "operation", path, where).get<std::string>();
    const Json& op = member(operations, sc.operation, path, "operations.");
    sc.name_params = member(op, "name_params", path, "operations." + sc.operation + ".").get<std::vector<std::string>>();
    sc.params = defaults;
    for (const auto& [key, value] : member(c, "params", path, where).items()) sc.params[key] = value;
    const std::string items_key = member(op, "items", path, "operations." + sc.operation + ".").get<std::string>();
    sc.items_per_op = positiveInt(member(sc.params, items_key, path, where + "params."), path,
                                  where + "params." + items_key);
    sc.item = member(op, "item", path, "operations." + sc.operation + ".").get<std::string>();
    if (sc.items_per_op == 0) fail(path, where + "params." + items_key, "must be positive");
    sc.samples = positiveInt(c.value("samples", settings.value("samples", Json(5))), path, where + "samples");
    sc.warmup_ops = positiveInt(settings.value("warmup_ops", Json(1)), path, "profiles." + profile + ".warmup_ops");
    sc.warmup_ms = positiveInt(settings.value("warmup_ms", Json(0)), path, "profiles." + profile + ".warmup_ms");
    sc.phase_samples = positiveInt(settings.value("phase_samples", Json(3)), path, "profiles." + profile + ".phase_samples");
    if (sc.samples == 0) fail(path, where + "samples", "must be positive");
    if (c.contains("variants")) {
      if (!c["variants"].is_array()) fail(path, where + "variants", "expected an array of variant names");
      for (const Json& v : c["variants"]) {
        if (!v.is_string()) fail(path, where + "variants", "expected an array of variant names");
        sc.variants.push_back(v.get<std::string>());
      }
    }
    suite.cases.push_back(std::move(sc));
  }
  return suite;
}

}  // namespace tollgate
