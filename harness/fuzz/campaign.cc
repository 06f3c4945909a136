// Manifest, libFuzzer output parsing and the campaign table: pure functions.
#include "campaign.h"

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "format.h"
#include "tollgate/json_input.h"

namespace tollgate::fuzz {
namespace {

std::string text(const nlohmann::json& object, const char* key, const std::string& where) {
  if (!object.contains(key) || !object[key].is_string()) {
    throw std::runtime_error(where + "." + key + ": expected a string");
  }
  return object[key].get<std::string>();
}

std::string baseName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Manifest loadManifest(const std::string& path) {
  // The lines below can only be reached through a line the lines above wrote
  // (the JSON reader bounds the file first).
  const nlohmann::json doc = readJsonFile(path, kConfigJsonLimits);
  if (!doc.is_object() || doc.value("format", nlohmann::json()) != "tollgate-fuzzers/1") {
    throw std::runtime_error(path + ": not a tollgate-fuzzers/1 manifest");
  }
  Manifest m;
  m.path = path;
  m.libfuzzer = doc.value("libfuzzer", nlohmann::json(false)) == true;
  if (!doc.contains("targets") || !doc["targets"].is_array()) throw std::runtime_error(path + ": targets: expected an array");
  for (std::size_t i = 0; i < doc["targets"].size(); ++i) {
    const nlohmann::json& t = doc["targets"][i];
    const std::string where = path + ": targets[" + std::to_string(i) + "]";
    if (!t.is_object()) throw std::runtime_error(where + ": expected an object");
    TargetSpec spec;
    spec.name = text(t, "name", where);
    spec.binary = text(t, "binary", where);
    spec.corpus = text(t, "corpus", where);
    if (t.contains("seeds") && t["seeds"].is_array()) {
      for (const auto& s : t["seeds"]) {
        if (s.is_string()) spec.seeds.push_back(s.get<std::string>());
      }
    }
    if (t.contains("dict") && t["dict"].is_string()) spec.dict = t["dict"].get<std::string>();
    if (t.contains("max_len") && t["max_len"].is_number_integer()) spec.max_len = t["max_len"].get<long long>();
    m.targets.push_back(std::move(spec));
  }
  return m;
}

RunStats parseLibFuzzerOutput(const std::string& log) {
  static const std::regex status(R"(^#(\d+)\s+\S+\s+cov: (\d+) ft: (\d+) corp: (\d+)/)");
  static const std::regex stat(R"(^stat::(\w+):\s+(\d+))");
  static const std::regex written(R"(Test unit written to (\S+))");
  static const std::regex started(R"(^(?:Running|replay): (\S+))");
  RunStats s;
  std::istringstream lines(log);
  std::string line, previous, before_error;
  while (std::getline(lines, line)) {
    std::smatch m;
    // Each line is short: std::regex's recursion stays shallow on what libFuzzer prints.
    if (line.size() > 1024) line.resize(1024);
    if (std::regex_search(line, m, status)) {
      s.executions = std::stoull(m[1]);
      s.coverage = std::stoull(m[2]);
      s.features = std::stoull(m[3]);
      s.corpus = std::stoull(m[4]);
    } else if (std::regex_search(line, m, stat)) {
      const unsigned long long v = std::stoull(m[2]);
      if (m[1] == "number_of_executed_units") s.executions = v;
      if (m[1] == "average_exec_per_sec") s.exec_per_second = v;
      if (m[1] == "peak_rss_mb") s.peak_rss_mb = v;
    } else if (std::regex_search(line, m, written)) {
      const std::string file = m[1];
      const std::string name = baseName(file);
      // slow-unit-*: a note, not a finding.
      for (const char* kind : {"crash", "timeout", "oom", "leak"}) {
        if (name.find(std::string(kind) + "-") != std::string::npos && name.find("slow-unit-") == std::string::npos) {
          s.artifact = file;
          s.finding = kind;
          break;
        }
      }
    } else if (std::regex_search(line, m, started)) {
      s.input = m[1];
    } else if (line.rfind("SUMMARY: ", 0) == 0) {
      s.summary = line.substr(9);
      if (s.summary.find("deadly signal") != std::string::npos && !before_error.empty()) {
        s.summary += " (after: " + before_error + ")";
      }
    }
    if (line.find("ERROR: libFuzzer: deadly signal") != std::string::npos) before_error = previous;
    if (!line.empty() && line.find("==") != 0) previous = line;
  }
  if (s.finding.empty() && !s.summary.empty()) {
    // Replaying named files, libFuzzer may report without writing an artifact.
    const std::string& t = s.summary;
    s.finding = t.find("timeout") != std::string::npos         ? "timeout"
                : t.find("out-of-memory") != std::string::npos ? "oom"
                : t.find("leaked") != std::string::npos        ? "leak"
                                                               : "crash";
  }
  return s;
}

nlohmann::ordered_json campaignJson(const std::vector<TargetResult>& results, const std::string& machine,
                                    double seconds) {
  nlohmann::ordered_json out = {{"format", "tollgate-fuzz-campaign/1"}, {"machine", machine},
                                {"seconds_per_target", seconds}, {"targets", nlohmann::ordered_json::array()}};
  for (const TargetResult& r : results) {
    out["targets"].push_back({{"target", r.name},
                              {"executions", r.fuzz.executions},
                              {"exec_per_second", r.fuzz.exec_per_second},
                              {"coverage_edges", r.fuzz.coverage},
                              {"coverage_features", r.fuzz.features},
                              {"corpus", r.corpus_after_run},
                              {"replayed", r.replayed},
                              {"finding", r.fuzz.finding},
                              {"artifact", r.fuzz.artifact},
                              {"summary", r.fuzz.summary},
                              {"replay_failure", r.replay_failure},
                              {"slowest_ms", r.slowest_ms},
                              {"slowest_bytes", r.slowest_bytes},
                              {"slowest_input", r.slowest_input},
                              {"peak_rss_mb", r.fuzz.peak_rss_mb},
                              {"error", r.error},
                              {"seconds", r.seconds},
                              {"cpu_seconds", r.fuzz_cpu_seconds},
                              {"campaigns", r.campaigns},
                              {"total_cpu_seconds", r.total_cpu_seconds}});
  }
  return out;
}

std::string campaignMarkdown(const std::vector<TargetResult>& results, const std::string& machine, double seconds) {
  std::ostringstream md;
  md << "Fuzzing campaign: " << fixed(seconds, 0) << " s per target on " << machine << ".\n\n"
     << "| target | CPU time | executions | exec/s | coverage (edges / features) | corpus | crashes | timeouts | "
        "OOMs | slowest input | all campaigns: CPU time (runs) | result |\n"
     << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  std::ostringstream notes;
  for (const TargetResult& r : results) {
    const std::string& f = r.fuzz.finding;
    const int crashes = f == "crash" || f == "leak" ? 1 : 0;
    const std::string slowest = r.slowest_ms < 0 ? "-"
                                                 : fixed(r.slowest_ms, r.slowest_ms < 10 ? 2 : 0) + " ms (" +
                                                       grouped(r.slowest_bytes) + " B)";
    std::string result = "ok";
    if (!r.error.empty()) result = "ERROR";
    else if (!r.replay_failure.empty()) result = "REGRESSION";
    else if (!f.empty()) result = "FOUND " + f;
    const std::string all = r.campaigns == 0 ? "-" : duration(r.total_cpu_seconds) + " (" + std::to_string(r.campaigns) + ")";
    md << "| " << r.name << " | " << duration(r.fuzz_cpu_seconds) << " | " << grouped(r.fuzz.executions) << " | " << grouped(r.fuzz.exec_per_second) << " | "
       << grouped(r.fuzz.coverage) << " / " << grouped(r.fuzz.features) << " | " << grouped(r.corpus_after_run)
       << " | " << crashes << " | " << (f == "timeout" ? 1 : 0) << " | " << (f == "oom" ? 1 : 0) << " | " << slowest
       << " | " << all << " | " << result << " |\n";
    if (!r.error.empty()) notes << "- " << r.name << ": " << r.error << "\n";
    if (!r.replay_failure.empty()) notes << "- " << r.name << ": replaying the corpus: " << r.replay_failure << "\n";
    if (!f.empty()) notes << "- " << r.name << ": " << f << " (" << r.fuzz.summary << "), input " << r.fuzz.artifact << "\n";
  }
  const std::string n = notes.str();
  if (!n.empty()) md << "\n" << n;
  return md.str();
}

std::string sourceOfBuild(const std::string& build_dir) {
  std::ifstream cache(build_dir + "/CMakeCache.txt");
  const std::string key = "CMAKE_HOME_DIRECTORY:INTERNAL=";
  for (std::string line; std::getline(cache, line);) {
    if (line.rfind(key, 0) == 0) return line.substr(key.size());
  }
  return "";
}

}  // namespace tollgate::fuzz
