#include "tollgate/schema_validator.h"

#include <cmath>
#include <set>
#include <stdexcept>

#include "tollgate/json_input.h"
#include "tollgate/results_schema_text.h"  // generated: kResultsSchemaText

namespace tollgate {
namespace {

const std::set<std::string>& supportedKeywords() {
  static const std::set<std::string> keywords = {
      "$schema", "$id",  "$ref",     "$defs",   "title",    "description",          "type",
      "const",   "enum", "required", "properties", "additionalProperties", "items",
      "minItems", "minLength", "minimum", "maximum", "pattern"};
  return keywords;
}

bool hasType(const nlohmann::json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    return value.is_number_float() && std::floor(value.get<double>()) == value.get<double>();
  }
  return false;
}

// Never dumps a whole container: a value may be large or deep.
std::string describe(const nlohmann::json& value) { return describeJson(value); }

std::string escapePointer(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace

SchemaValidator::SchemaValidator(nlohmann::json schema) : root_(std::move(schema)) {
  checkSupported(root_, "#", 0);
}

void SchemaValidator::checkSupported(const nlohmann::json& schema, const std::string& where, int depth) {
  if (depth > kMaxDepth) throw std::invalid_argument("schema at " + where + " nests too deep");
  if (schema.is_boolean()) return;
  if (!schema.is_object()) throw std::invalid_argument("schema at " + where + " is not an object");
  for (const auto& [keyword, value] : schema.items()) {
    if (!supportedKeywords().count(keyword)) {
      throw std::invalid_argument("schema keyword '" + keyword + "' at " + where +
                                  " is not supported by Tollgate's validator");
    }
    if (keyword == "$ref") resolve(value.get<std::string>());
    if (keyword == "$defs" || keyword == "properties") {
      for (const auto& [name, sub] : value.items()) checkSupported(sub, where + "/" + keyword + "/" + name, depth + 1);
    }
    if (keyword == "items" || (keyword == "additionalProperties" && value.is_object())) {
      checkSupported(value, where + "/" + keyword, depth + 1);
    }
    if (keyword == "pattern") {
      const std::string source = value.get<std::string>();
      patterns_.emplace(source, detail::Pattern(source));
    }
  }
}

const nlohmann::json& SchemaValidator::resolve(const std::string& ref) const {
  const std::string prefix = "#/$defs/";
  if (ref.rfind(prefix, 0) != 0) throw std::invalid_argument("unsupported $ref '" + ref + "'");
  const std::string name = ref.substr(prefix.size());
  if (!root_.contains("$defs") || !root_["$defs"].contains(name)) {
    throw std::invalid_argument("$ref '" + ref + "' names no definition");
  }
  return root_["$defs"][name];
}

std::vector<SchemaViolation> SchemaValidator::validate(const nlohmann::json& document) const {
  std::vector<SchemaViolation> out;
  validateAt(root_, document, "", 0, out);
  return out;
}

// Recurses along the schema, not the document: members the schema says nothing
// about are not visited. The depth bound keeps a recursive $ref from following a
// deep document down.
void SchemaValidator::validateAt(const nlohmann::json& schema, const nlohmann::json& value,
                                 const std::string& path, int depth, std::vector<SchemaViolation>& out) const {
  const std::string where = path.empty() ? "/" : path;
  if (depth > kMaxDepth) {
    out.push_back({where, "nested deeper than the validator follows (" + std::to_string(kMaxDepth) + " levels)"});
    return;
  }
  if (schema.is_boolean()) {
    if (!schema.get<bool>()) out.push_back({where, "no value is allowed here"});
    return;
  }
  if (schema.contains("$ref")) validateAt(resolve(schema["$ref"].get<std::string>()), value, path, depth + 1, out);
  if (schema.contains("type")) {
    const auto& type = schema["type"];
    bool ok = false;
    if (type.is_string()) ok = hasType(value, type.get<std::string>());
    for (const auto& t : type.is_array() ? type : nlohmann::json::array()) ok = ok || hasType(value, t);
    if (!ok) {
      out.push_back({where, "expected " + type.dump() + ", found " + describe(value)});
      return;  // the remaining keywords would only repeat the same mistake
    }
  }
  if (schema.contains("const") && value != schema["const"]) {
    out.push_back({where, "expected " + schema["const"].dump() + ", found " + describe(value)});
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& option : schema["enum"]) found = found || option == value;
    if (!found) out.push_back({where, "expected one of " + schema["enum"].dump() + ", found " + describe(value)});
  }
  if (value.is_number()) {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
      out.push_back({where, "expected at least " + schema["minimum"].dump() + ", found " + describe(value)});
    }
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
      out.push_back({where, "expected at most " + schema["maximum"].dump() + ", found " + describe(value)});
    }
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (schema.contains("minLength") && text.size() < schema["minLength"].get<std::size_t>()) {
      out.push_back({where, "expected a string of at least " + schema["minLength"].dump() + " characters"});
    }
    if (schema.contains("pattern") && !patterns_.at(schema["pattern"].get<std::string>()).search(text)) {
      out.push_back({where, "expected to match " + schema["pattern"].get<std::string>() + ", found " + describe(value)});
    }
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>()) {
      out.push_back({where, "expected at least " + schema["minItems"].dump() + " items, found " +
                                std::to_string(value.size())});
    }
    if (schema.contains("items")) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        validateAt(schema["items"], value[i], path + "/" + std::to_string(i), depth + 1, out);
      }
    }
  }
  if (value.is_object()) {
    for (const auto& key : schema.value("required", nlohmann::json::array())) {
      if (!value.contains(key.get<std::string>())) {
        out.push_back({where, "missing required field '" + key.get<std::string>() + "'"});
      }
    }
    const nlohmann::json properties = schema.value("properties", nlohmann::json::object());
    for (const auto& [key, member] : value.items()) {
      const std::string member_path = path + "/" + escapePointer(key);
      if (properties.contains(key)) {
        validateAt(properties[key], member, member_path, depth + 1, out);
      } else if (schema.contains("additionalProperties")) {
        const auto& extra = schema["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          out.push_back({member_path, "field '" + key + "' is not part of the schema"});
        } else {
          validateAt(extra, member, member_path, depth + 1, out);
        }
      }
    }
  }
}

const nlohmann::json& resultsSchema() {
  static const nlohmann::json schema = nlohmann::json::parse(kResultsSchemaText);
  return schema;
}

std::vector<SchemaViolation> validateResults(const nlohmann::json& document) {
  static const SchemaValidator validator(resultsSchema());
  return validator.validate(document);
}

}  // namespace tollgate
