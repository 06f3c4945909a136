// The fold verb: folded stacks from a V8 CPU profile, perf script output or a probe trace.

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "analysis/profiles.h"
#include "cli/verbs.h"
#include "tollgate/json_input.h"

namespace tollgate::cli {
namespace {

// Profiles are large but shallow: the results files' limits fit them (tollgate/json_input.h).
std::string readAll(const std::string& path) { return readInputFile(path, kResultsJsonLimits.max_bytes); }

nlohmann::json parseJson(const std::string& text, const std::string& source) {
  return parseJsonText(text, source, kResultsJsonLimits);
}

// A profile with a field of the wrong type or missing is named, never a bare nlohmann error.
template <typename Fold>
std::string folding(const std::string& input, const char* what, Fold&& fold) {
  try {
    return fold();
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(input + ": not a " + what + ": " + e.what());
  }
}

int fold(const Args& args, Env& env) {
  const int inputs = args.has("cpuprofile") + args.has("perf-script") + args.has("trace");
  if (inputs != 1) throw UsageError("give exactly one of --cpuprofile, --perf-script, --trace");
  std::map<std::string, std::string> aliases;
  for (const std::string& pair : args.values("alias")) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--alias expects NAME=NEW, got '" + pair + "'");
    aliases[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  const int top = args.integer("top", 0);
  std::string folded;
  if (args.has("perf-script")) {
    folded = foldPerfScript(readAll(args.value("perf-script")));
  } else if (args.has("cpuprofile")) {
    const std::string input = args.value("cpuprofile");
    const nlohmann::json doc = parseJson(readAll(input), input);
    folded = folding(input, "V8 CPU profile", [&] { return foldCpuProfile(doc, input); });
  } else {
    const std::string input = args.value("trace");
    const nlohmann::json doc = parseJson(readAll(input), input);
    folded = folding(input, "Chrome trace", [&] { return foldTrace(doc, input); });
  }
  if (!aliases.empty()) folded = aliasFrames(folded, aliases);
  if (top > 0) {
    const auto self = selfTimes(folded);
    double total = 0;
    for (const auto& [frame, value] : self) total += value;
    for (int i = 0; i < top && i < static_cast<int>(self.size()); ++i) {
      env.out << std::fixed << std::setprecision(1) << 100 * self[i].second / total << "%\t" << self[i].first << "\n";
    }
    return 0;
  }
  const std::string out = args.value("out");
  if (out.empty()) {
    env.out << folded;
  } else if (!(std::ofstream(out) << folded)) {
    throw std::runtime_error("cannot write " + out);
  }
  return 0;
}

}  // namespace

Verb foldVerb() {
  Verb v;
  v.name = "fold";
  v.summary = "Converts a V8 CPU profile, perf script output or a phase-probe trace into folded stacks "
              "(frame;frame;frame count), or prints the hottest frames.";
  v.options = {
      option("cpuprofile", "FILE", "a V8 .cpuprofile (Node, Chromium)"),
      option("perf-script", "FILE", "perf script output; - reads stdin"),
      option("trace", "FILE", "a probe trace (trace.json, Chrome trace events)"),
      option("out", "FILE", "where the folded stacks go; stdout when absent"),
      option("alias", "NAME=NEW", "rename a frame (to line variants up in a differential view)").repeated(),
      option("top", "N", "print the N frames with the most self time instead").defaults("0"),
  };
  v.run = fold;
  return v;
}

}  // namespace tollgate::cli
