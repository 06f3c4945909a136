#include "cli/workloads.h"

#include <filesystem>

#include "cli/cli.h"
#include "tollgate/workloads.h"

namespace tollgate::cli {

std::vector<SuiteRef> discoverSuites(const std::string& manifest) {
  std::vector<SuiteRef> out;
  for (const Workload& w : loadWorkloadManifest(manifest).workloads) {
    if (w.listed) out.push_back({w.name, w.suite});
  }
  if (out.empty()) throw std::runtime_error(manifest + " registers no workload");
  return out;
}

SuiteRef namedSuite(const std::string& manifest_path, const std::string& root, const std::string& name) {
  const WorkloadManifest manifest = loadWorkloadManifest(manifest_path);
  if (const Workload* w = manifest.find(name)) return {name, w->suite};
  namespace fs = std::filesystem;
  for (const fs::path& dir : {fs::path(name), fs::path(root) / name}) {
    if (fs::is_regular_file(dir / "suite.json")) return {fs::absolute(dir).string(), fs::absolute(dir / "suite.json").string()};
  }
  throw UsageError("no workload named '" + name + "' (registered: " + manifest.names() + "), and no folder with a "
                   "suite.json at that path");
}

}  // namespace tollgate::cli
