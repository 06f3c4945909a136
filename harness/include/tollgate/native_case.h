#pragma once
// A workload's cases as the native runner drives them: the kernel called directly,
// the no-boundary baseline every wasm adapter is compared with. A workload's
// native_cases.cc (NATIVE_CASES in tollgate_add_workload) implements NativeCase and
// registers a factory under the workload's name; tollgate_native links it in.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "tollgate/suite.h"

namespace tollgate::native {

class NativeCase {
 public:
  virtual ~NativeCase() = default;
  // Untimed, once: generate data, build what the operation needs.
  virtual void prepare() = 0;
  // Untimed, before every operation (a fresh index for inserts, say).
  virtual void beforeOp() {}
  // The measured operation, its phases probed (probes cost nothing unless enabled).
  virtual void runOp() = 0;
  // Digest of the last operation's results, comparable with the wasm adapters'.
  virtual std::string resultDigest() = 0;
  // Optional figures of merit (recall_at_k...), computed untimed.
  virtual nlohmann::ordered_json quality() { return nlohmann::ordered_json::object(); }
  // Optional workload counters of the last operation (source_bytes_read...): exact
  // non-negative integers, reported beside the harness's own.
  virtual std::map<std::string, std::uint64_t> counters() { return {}; }
  // Optional workload memory figures of the last operation, in bytes.
  virtual std::map<std::string, std::uint64_t> memory() { return {}; }
};

// Called once per (case, native variant): a workload with several native
// variants (suite.json "variants.native") builds the one named.
using CaseFactory = std::function<std::unique_ptr<NativeCase>(const SuiteCase&, const std::string& variant)>;

// Each workload registers a factory under its name (workloads/example/native_cases.cc).
std::map<std::string, CaseFactory>& caseFactories();

// The folder the runner keeps generated data files in (<build>/data): a workload
// that reads files writes them under it once, never into its source folder.
const std::string& nativeDataDir();

struct RegisterWorkload {
  RegisterWorkload(const std::string& workload, CaseFactory factory) {
    caseFactories()[workload] = std::move(factory);
  }
};

}  // namespace tollgate::native
