#pragma once
// Table cells and numbers as the report writes them (html_writer.cc, verdict_html.cc):
// formatting only, by format.h's rules.

#include <string>

#include <nlohmann/json.hpp>

#include "format.h"
#include "html/html_writer.h"

namespace tollgate::html {

using Json = nlohmann::ordered_json;

inline std::string fixed(double v, int decimals) { return formatFixed(v, decimals); }
inline std::string duration(double ns) { return formatDuration(ns, "µs"); }
inline std::string bytes(double b) { return formatBytes(b); }
inline std::string count(double v) { return formatCount(v); }

// A numeric cell: shown as `shown`, sorted by `value`.
inline std::string num(double value, const std::string& shown, const std::string& cls = "") {
  return "<td" + (cls.empty() ? "" : " class=\"" + cls + "\"") + " data-value=\"" + fixed(value, 6) + "\">" +
         escapeHtml(shown) + "</td>";
}
inline std::string txt(const std::string& shown, const std::string& cls = "text") {
  return "<td class=\"" + cls + "\">" + escapeHtml(shown) + "</td>";
}
inline std::string str(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// "1.23x [1.10, 1.35]".
inline std::string ratioText(const Json& r) {
  return fixed(r["ratio"], 2) + "x [" + fixed(r["lower"], 2) + ", " + fixed(r["upper"], 2) + "]";
}

}  // namespace tollgate::html
