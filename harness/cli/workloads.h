#pragma once
// Which suites a run measures: the build's workload manifest (tollgate/workloads.h,
// written by tollgate_add_workload) lists them; a user may also name a folder.

#include <string>
#include <vector>

namespace tollgate::cli {

struct SuiteRef {
  std::string name;  // as the JS runners take it: a workload's name, or a folder
  std::string file;  // its suite.json, as the native runner takes it
};

// Every listed workload of the manifest at `manifest`, by name.
std::vector<SuiteRef> discoverSuites(const std::string& manifest);

// A suite the user named: a registered workload ("vector"), or a folder holding a
// suite.json (from the working directory, else from the checkout's `root`).
// Throws a UsageError naming the known workloads when neither fits.
SuiteRef namedSuite(const std::string& manifest, const std::string& root, const std::string& name);

}  // namespace tollgate::cli
