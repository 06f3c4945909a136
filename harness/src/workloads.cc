#include "tollgate/workloads.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace tollgate {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& field, const std::string& what) {
  throw std::runtime_error(path + ": " + field + ": " + what);
}

std::string text(const nlohmann::json& entry, const char* key, const std::string& path, const std::string& where) {
  if (!entry.contains(key) || !entry[key].is_string()) fail(path, where + key, "expected a string");
  return entry[key].get<std::string>();
}

std::optional<std::string> optionalText(const nlohmann::json& entry, const char* key, const std::string& path,
                                        const std::string& where) {
  if (!entry.contains(key) || entry[key].is_null()) return std::nullopt;
  return text(entry, key, path, where);
}

}  // namespace

const Workload* WorkloadManifest::find(const std::string& name) const {
  for (const Workload& w : workloads) {
    if (w.name == name) return &w;
  }
  return nullptr;
}

std::string WorkloadManifest::names() const {
  std::string out;
  for (const Workload& w : workloads) out += (out.empty() ? "" : ", ") + w.name;
  return out.empty() ? "none" : out;
}

WorkloadManifest loadWorkloadManifest(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the workload manifest (configure the build first: scripts/build.sh)");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(path + ": not valid JSON: " + e.what());
  }
  if (doc.value("format", "") != "tollgate-workloads/1") fail(path, "format", "expected \"tollgate-workloads/1\"");
  if (!doc.contains("workloads") || !doc["workloads"].is_array()) fail(path, "workloads", "expected an array");
  WorkloadManifest manifest;
  manifest.path = path;
  for (std::size_t i = 0; i < doc["workloads"].size(); ++i) {
    const nlohmann::json& entry = doc["workloads"][i];
    const std::string where = "workloads[" + std::to_string(i) + "].";
    Workload w;
    w.name = text(entry, "name", path, where);
    w.dir = text(entry, "dir", path, where);
    w.suite = text(entry, "suite", path, where);
    w.adapters = text(entry, "adapters", path, where);
    w.module = optionalText(entry, "module", path, where);
    w.gates = optionalText(entry, "gates", path, where);
    w.native_cases = entry.value("native_cases", false);
    w.listed = entry.value("listed", true);
    manifest.workloads.push_back(std::move(w));
  }
  return manifest;
}

std::string resolveSuite(const WorkloadManifest& manifest, const std::string& name_or_path) {
  namespace fs = std::filesystem;
  if (const Workload* w = manifest.find(name_or_path)) return w->suite;
  if (fs::is_regular_file(name_or_path)) return name_or_path;
  if (fs::is_regular_file(fs::path(name_or_path) / "suite.json")) return (fs::path(name_or_path) / "suite.json").string();
  throw std::runtime_error("no workload named '" + name_or_path + "' (registered in " + manifest.path + ": " +
                           manifest.names() + "), and no suite file at that path");
}

}  // namespace tollgate
