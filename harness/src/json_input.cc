#include "tollgate/json_input.h"

#include <fstream>
#include <iostream>
#include <iterator>

namespace tollgate {
namespace {

template <typename Json>
Json parseWith(const std::string& text, const std::string& source, const JsonLimits& limits) {
  checkJsonShape(text, source, limits);
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    // parse_error, and out_of_range for a number past a double ("1e400"): the
    // parser throws both (the fuzz target json_readers found the second).
    throw JsonInputError(source + ": not valid JSON: " + e.what());
  }
}

template <typename Json>
std::string describeAny(const Json& value) {
  if (value.is_array()) return "an array of " + std::to_string(value.size()) + " items";
  if (value.is_object()) return "an object with " + std::to_string(value.size()) + " fields";
  if (value.is_string() && value.template get_ref<const std::string&>().size() > 60) {
    // Cut at a character's first byte: half a UTF-8 sequence makes dump() throw.
    const std::string& text = value.template get_ref<const std::string&>();
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return Json(text.substr(0, cut)).dump() + "...";
  }
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void checkJsonShape(const std::string& text, const std::string& source, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw JsonInputError(source + ": " + std::to_string(text.size()) + " bytes, more than the limit of " +
                         std::to_string(limits.max_bytes) + " for this kind of file");
  }
  // Brackets inside strings do not count; the parser reports any other mistake.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limits.max_depth) {
        throw JsonInputError(source + ": nested more than " + std::to_string(limits.max_depth) +
                             " levels deep at byte " + std::to_string(i));
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}

nlohmann::json parseJsonText(const std::string& text, const std::string& source, const JsonLimits& limits) {
  return parseWith<nlohmann::json>(text, source, limits);
}

nlohmann::ordered_json parseOrderedJsonText(const std::string& text, const std::string& source,
                                            const JsonLimits& limits) {
  return parseWith<nlohmann::ordered_json>(text, source, limits);
}

std::string readInputFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) throw JsonInputError(path + ": cannot open the file");
  }
  std::istream& in = path == "-" ? std::cin : file;
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      throw JsonInputError(path + ": larger than the limit of " + std::to_string(max_bytes) +
                           " bytes for this kind of file");
    }
  }
  if (in.bad()) throw JsonInputError(path + ": read error");
  return text;
}

nlohmann::json readJsonFile(const std::string& path, const JsonLimits& limits) {
  return parseJsonText(readInputFile(path, limits.max_bytes), path, limits);
}

nlohmann::ordered_json readOrderedJsonFile(const std::string& path, const JsonLimits& limits) {
  return parseOrderedJsonText(readInputFile(path, limits.max_bytes), path, limits);
}

std::string describeJson(const nlohmann::json& value) { return describeAny(value); }
std::string describeJson(const nlohmann::ordered_json& value) { return describeAny(value); }

}  // namespace tollgate
