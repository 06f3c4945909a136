#include "cli/verbs.h"

namespace tollgate::cli {

std::string inRoot(const Args& args, const std::string& name, const Env& env) {
  const std::string value = args.value(name);
  if (args.has(name) || value.empty() || value[0] == '/' || env.root.empty()) return value;
  return env.root + "/" + value;
}

std::vector<Verb> allVerbs() {
  return {
      runVerb(),
      profileVerb(),
      gateVerb(),
      baselineVerb(),
      reportVerb(),
      summaryVerb(),
      validateVerb(),
      mergeVerb(),
      foldVerb(),
      fuzzVerb(),
      machineVerb(),
      toolchainVerb(),
  };
}

}  // namespace tollgate::cli
