#pragma once
// How the native side finds workloads: the build's workload manifest
// (<build>/workloads.json, format tollgate-workloads/1), written by CMake from the
// tollgate_add_workload calls (harness/cmake/TollgateWorkload.cmake). The JS
// runners read the same file (runners/node/workload-registry.mjs).

#include <optional>
#include <string>
#include <vector>

namespace tollgate {

struct Workload {
  std::string name;
  std::string dir;       // the workload's folder, absolute
  std::string suite;     // <dir>/suite.json
  std::string adapters;  // <dir>/adapters/<name>-adapters.mjs
  std::optional<std::string> module;  // the wasm module it builds; none: measured from outside
  std::optional<std::string> gates;   // <dir>/gates.json when the folder has one
  bool native_cases = false;          // NATIVE_CASES given: tollgate_native runs it
  bool listed = true;                 // part of "every workload" (not INTERNAL)
};

struct WorkloadManifest {
  std::string path;
  std::vector<Workload> workloads;
  const Workload* find(const std::string& name) const;
  std::string names() const;  // "vector, parquet, ..." for error messages
};

// Throws std::runtime_error naming the file and the field at fault.
WorkloadManifest loadWorkloadManifest(const std::string& path);

// A suite as a user names it: a registered workload ("vector"), or a suite file or
// workload folder by path. Returns the suite file's path; throws naming the known
// workloads when neither fits.
std::string resolveSuite(const WorkloadManifest& manifest, const std::string& name_or_path);

}  // namespace tollgate
