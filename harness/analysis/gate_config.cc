#include "analysis/gate_config.h"

#include <set>
#include <stdexcept>

#include "tollgate/json_input.h"

namespace tollgate {
namespace {

using Json = nlohmann::json;

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw std::runtime_error(path_ + ": " + field + ": " + problem);
  }
  const Json& member(const Json& object, const std::string& key, const std::string& where) const {
    if (!object.contains(key)) fail(where + key, "missing");
    return object[key];
  }
  std::string text(const Json& object, const std::string& key, const std::string& where) const {
    const Json& v = member(object, key, where);
    if (!v.is_string() || v.get<std::string>().empty()) fail(where + key, "expected a non-empty string");
    return v.get<std::string>();
  }
  std::string optionalText(const Json& object, const std::string& key, const std::string& where) const {
    if (!object.contains(key)) return "";
    if (!object[key].is_string()) fail(where + key, "expected a string, found " + describeJson(object[key]));
    return object[key].get<std::string>();
  }
  double number(const Json& object, const std::string& key, const std::string& where, double fallback,
                double low, double high) const {
    if (!object.contains(key)) return fallback;
    const Json& v = object[key];
    if (!v.is_number()) fail(where + key, "expected a number, found " + describeJson(v));
    const double x = v.get<double>();
    if (!(x >= low && x <= high)) {
      fail(where + key, "expected a number in [" + std::to_string(low) + ", " + std::to_string(high) + "], found " + v.dump());
    }
    return x;
  }
  void onlyKeys(const Json& object, const std::set<std::string>& allowed, const std::string& where) const {
    if (!object.is_object()) fail(where.empty() ? "/" : where.substr(0, where.size() - 1), "expected an object");
    for (const auto& [key, value] : object.items()) {
      if (!allowed.count(key)) fail(where + key, "unknown field (a typo?)");
    }
  }
  RowSelector selector(const Json& v, const std::string& where) const {
    onlyKeys(v, {"workload", "operation", "variant", "runtime", "params"}, where + ".");
    RowSelector s;
    for (const char* key : {"workload", "operation", "variant", "runtime"}) {
      if (v.contains(key)) s.fields[key] = text(v, key, where + ".");
    }
    if (v.contains("params")) {
      if (!v["params"].is_object()) fail(where + ".params", "expected an object");
      s.params = v["params"];
    }
    return s;
  }
  Metric metric(const Json& object, const std::string& where, const std::string& fallback) const {
    Metric m;
    m.path = object.contains("metric") ? text(object, "metric", where) : fallback;
    const bool instructions = m.path == "instructions" || m.path.rfind("instructions.", 0) == 0;
    if (m.path != "time" && m.path.rfind("counters.", 0) != 0 && m.path.rfind("memory.", 0) != 0 && !instructions) {
      fail(where + "metric", "expected time, counters.<name>, memory.<name>, instructions or instructions.<phase>, found '" +
                                 m.path + "'");
    }
    if (m.path.rfind("instructions.", 0) == 0 && phaseIndex(m.path.substr(13)) < 0) {
      fail(where + "metric", "'" + m.path + "': no phase named '" + m.path.substr(13) + "'");
    }
    return m;
  }
  const Json& list(const Json& doc, const std::string& key) const {
    static const Json empty = Json::array();
    if (!doc.contains(key)) return empty;
    if (!doc[key].is_array()) fail(key, "expected an array");
    return doc[key];
  }

 private:
  std::string path_;
};

}  // namespace

int phaseIndex(const std::string& name) {
  for (int p = 0; p < kPhaseCount; ++p) {
    if (name == kPhaseNames[p]) return p;
  }
  return -1;
}

bool RowSelector::matches(const ResultRow& row) const {
  for (const auto& [key, value] : fields) {
    const std::string& actual = key == "workload"    ? row.workload
                                : key == "operation" ? row.operation
                                : key == "variant"   ? row.variant
                                                     : row.runtime;
    if (actual != value) return false;
  }
  for (const auto& [key, value] : params.items()) {
    if (!row.params.contains(key) || Json(row.params[key]) != value) return false;
  }
  return true;
}

std::string RowSelector::describe() const {
  std::string out;
  for (const auto& [key, value] : fields) out += (out.empty() ? "" : " ") + key + "=" + value;
  for (const auto& [key, value] : params.items()) out += (out.empty() ? "" : " ") + key + "=" + value.dump();
  return out.empty() ? "every row" : out;
}

std::optional<double> Metric::value(const ResultRow& row) const {
  const auto dot = path.find('.');
  const std::string group = path.substr(0, dot);
  const std::string name = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (group == "counters") {
    const Counters& c = row.counters;
    if (name == "crossings") return static_cast<double>(c.crossings());
    if (name == "crossings_js_to_wasm") return static_cast<double>(c.crossings_js_to_wasm);
    if (name == "crossings_wasm_to_js") return static_cast<double>(c.crossings_wasm_to_js);
    if (name == "bytes_in") return static_cast<double>(c.bytes_in);
    if (name == "bytes_out") return static_cast<double>(c.bytes_out);
    if (name == "allocations" || name == "bytes_allocated") {
      if (row.measured_outside) return std::nullopt;  // not known from outside
      return static_cast<double>(name == "allocations" ? c.allocations : c.bytes_allocated);
    }
    const auto it = c.extra.find(name);
    if (it != c.extra.end()) return static_cast<double>(it->second);
    return std::nullopt;
  }
  if (group == "memory" && row.memory.contains(name)) return row.memory[name].get<double>();
  if (group == "instructions" && row.instructions) {
    const double items = static_cast<double>(row.items_per_op);
    if (name.empty()) return static_cast<double>(row.instructions->per_op) / items;
    const int phase = phaseIndex(name);
    if (phase >= 0 && row.instructions->phases) return static_cast<double>((*row.instructions->phases)[phase]) / items;
  }
  return std::nullopt;
}

namespace {

// The gates of one file, appended to `config`. `workload`: the file is that
// workload's gates.json, so ids are prefixed with its name ("example/<id>") and
// every selector is limited to its rows.
void parseGates(const Reader& r, const Json& doc, const std::string& workload, GateConfig& config) {
  r.optionalText(doc, "description", "");
  std::set<std::string> ids;
  for (const auto& g : config.relative) ids.insert(g.id);
  for (const auto& g : config.baseline) ids.insert(g.id);
  for (const auto& g : config.exact) ids.insert(g.id);
  for (const auto& g : config.count) ids.insert(g.id);
  auto uniqueId = [&](const Json& g, const std::string& where) {
    const std::string id = (workload.empty() ? "" : workload + "/") + r.text(g, "id", where);
    if (!ids.insert(id).second) r.fail(where + "id", "duplicate gate id '" + id + "'");
    return id;
  };
  auto scoped = [&](RowSelector s, const std::string& where) {
    if (workload.empty()) return s;
    const auto it = s.fields.find("workload");
    if (it != s.fields.end() && it->second != workload) {
      r.fail(where + ".workload", "a workload's gates select only its own rows ('" + workload + "')");
    }
    s.fields["workload"] = workload;
    return s;
  };
  // "rows": the file's rows when absent (a workload's own rows in its gates.json).
  auto rowsOf = [&](const Json& g, const std::string& where) {
    return scoped(g.contains("rows") ? r.selector(g["rows"], where + "rows") : RowSelector{}, where + "rows");
  };

  const Json& relative = r.list(doc, "relative");
  for (std::size_t i = 0; i < relative.size(); ++i) {
    const std::string where = "relative[" + std::to_string(i) + "].";
    const Json& g = relative[i];
    r.onlyKeys(g, {"id", "description", "subject", "reference", "metric", "max_ratio"}, where);
    RelativeGate gate;
    gate.id = uniqueId(g, where);
    gate.workload = workload;
    gate.description = r.optionalText(g, "description", where);
    gate.subject = scoped(r.selector(r.member(g, "subject", where), where + "subject"), where + "subject");
    const Json& ref = r.member(g, "reference", where);
    r.onlyKeys(ref, {"runtime", "variant"}, where + "reference.");
    for (const char* key : {"runtime", "variant"}) {
      if (ref.contains(key)) gate.reference[key] = r.text(ref, key, where + "reference.");
    }
    if (gate.reference.empty()) r.fail(where + "reference", "name the reference's runtime and/or variant");
    gate.metric = r.metric(g, where, "time");
    if (!g.contains("max_ratio")) r.fail(where + "max_ratio", "missing");
    gate.max_ratio = r.number(g, "max_ratio", where, 1.0, 1e-9, 1e9);
    config.relative.push_back(std::move(gate));
  }

  const Json& baseline = r.list(doc, "baseline");
  for (std::size_t i = 0; i < baseline.size(); ++i) {
    const std::string where = "baseline[" + std::to_string(i) + "].";
    const Json& g = baseline[i];
    r.onlyKeys(g, {"id", "description", "rows", "except", "max_slowdown"}, where);
    BaselineGate gate;
    gate.id = uniqueId(g, where);
    gate.workload = workload;
    r.optionalText(g, "description", where);
    gate.rows = rowsOf(g, where);
    if (g.contains("except")) gate.except = r.selector(g["except"], where + "except");
    if (!g.contains("max_slowdown")) r.fail(where + "max_slowdown", "missing");
    gate.max_slowdown = r.number(g, "max_slowdown", where, 0.1, 0.0, 100.0);
    config.baseline.push_back(std::move(gate));
  }

  const Json& exact = r.list(doc, "exact");
  for (std::size_t i = 0; i < exact.size(); ++i) {
    const std::string where = "exact[" + std::to_string(i) + "].";
    const Json& g = exact[i];
    r.onlyKeys(g, {"id", "description", "rows", "metric", "context", "allowance", "allowance_fraction"}, where);
    ExactGate gate;
    gate.id = uniqueId(g, where);
    gate.workload = workload;
    r.optionalText(g, "description", where);
    gate.rows = rowsOf(g, where);
    if (g.contains("context") == g.contains("metric")) r.fail(where + "metric", "give exactly one of metric and context");
    if (g.contains("context")) {
      gate.context_path = r.text(g, "context", where);
    } else {
      gate.metric = r.metric(g, where, "");
      if (gate.metric.isTime()) r.fail(where + "metric", "exact gates compare counts and sizes, not time");
      if (gate.metric.path.rfind("instructions", 0) == 0) r.fail(where + "metric", "instructions belong in a count gate");
    }
    gate.allowance = r.number(g, "allowance", where, 0.0, 0.0, 1e18);
    gate.allowance_fraction = r.number(g, "allowance_fraction", where, 0.0, 0.0, 100.0);
    config.exact.push_back(std::move(gate));
  }

  const Json& count = r.list(doc, "count");
  for (std::size_t i = 0; i < count.size(); ++i) {
    const std::string where = "count[" + std::to_string(i) + "].";
    const Json& g = count[i];
    r.onlyKeys(g, {"id", "description", "rows", "except", "metric", "max_increase"}, where);
    CountGate gate;
    gate.id = uniqueId(g, where);
    gate.description = r.optionalText(g, "description", where);
    gate.rows = rowsOf(g, where);
    if (g.contains("except")) gate.except = r.selector(g["except"], where + "except");
    gate.metric = r.metric(g, where, "instructions");
    if (gate.metric.path.rfind("instructions", 0) != 0) {
      r.fail(where + "metric", "count gates compare instructions, found '" + gate.metric.path + "'");
    }
    if (!g.contains("max_increase")) r.fail(where + "max_increase", "missing");
    gate.max_increase = r.number(g, "max_increase", where, 0.01, 0.0, 10.0);
    config.count.push_back(std::move(gate));
  }
}

// Bounded in size and depth (tollgate/json_input.h), errors naming the file.
Json readConfig(const std::string& path) { return readJsonFile(path, kConfigJsonLimits); }

}  // namespace

GateConfig parseGateConfig(const Json& doc, const std::string& path) {
  const Reader r(path);
  r.onlyKeys(doc, {"version", "description", "confidence", "resamples", "min_rounds", "workload_gates", "relative",
                   "baseline", "exact", "count"}, "");
  if (!doc.contains("version") || doc["version"] != 1) r.fail("version", "expected 1");
  GateConfig config;
  config.path = path;
  config.confidence = r.number(doc, "confidence", "", 0.95, 0.5, 0.999);
  config.resamples = static_cast<int>(r.number(doc, "resamples", "", 2000, 100, 100000));
  config.min_rounds = static_cast<int>(r.number(doc, "min_rounds", "", 3, 1, 100));
  if (doc.contains("workload_gates") && !doc["workload_gates"].is_boolean()) r.fail("workload_gates", "expected true or false");
  config.workload_gates = doc.value("workload_gates", false);
  parseGates(r, doc, "", config);
  return config;
}

void addWorkloadGates(GateConfig& config, const Json& doc, const std::string& path, const std::string& workload) {
  const Reader r(path);
  r.onlyKeys(doc, {"version", "description", "relative", "baseline", "exact", "count"}, "");
  if (doc.contains("version") && doc["version"] != 1) r.fail("version", "expected 1");
  parseGates(r, doc, workload, config);
  config.sources.push_back(path);
}

void addWorkloadGates(GateConfig& config, const WorkloadManifest& manifest) {
  for (const Workload& w : manifest.workloads) {
    if (w.gates) addWorkloadGates(config, readConfig(*w.gates), *w.gates, w.name);
  }
}

GateConfig loadGateConfig(const std::string& path) {
  return parseGateConfig(readConfig(path), path);
}

}  // namespace tollgate
