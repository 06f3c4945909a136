#pragma once
// A workload's suite file (workloads/<name>/suite.json): which cases to run in
// which profile, with what parameters. The native runner reads it here; the JS
// driver reads the same file. The contract is harness/schema/suite.schema.json.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tollgate {

struct SuiteCase {
  std::string workload;
  std::string operation;
  nlohmann::ordered_json params;  // defaults merged with the case's own
  std::vector<std::string> name_params;
  std::uint64_t items_per_op = 1;
  std::string item;  // what one item is: "vector", "query"
  int samples = 5;
  // Warm-up runs at least warmup_ops operations and at least warmup_ms of them:
  // short operations need many calls before V8 has tiered the code up.
  int warmup_ops = 1;
  int warmup_ms = 0;
  int phase_samples = 3;
  // Untimed operations before the counted one (a pool grown, say); natively at
  // least one, so lazy set-up never lands in a count.
  int counting_warmup_ops = 0;
  // The variants this case runs, of the suite's; empty: all of them.
  std::vector<std::string> variants;
  bool runs(const std::string& variant) const;
};

struct Suite {
  std::string workload;
  std::string module;  // empty: a module built elsewhere, loaded by the adapters
  std::string naive;   // the naive variant, one of wasm_variants
  std::vector<std::string> native_variants;
  std::vector<std::string> wasm_variants;
  std::vector<SuiteCase> cases;  // those of the chosen profile
};

// Checks a suite document against harness/schema/suite.schema.json and for what
// the schema cannot say (the naive variant is a wasm variant, cases name known
// operations, profiles and variants, each case's item count is positive).
// Throws std::runtime_error("<where>: <field>: <problem>"), in the same words as
// the JS driver (runners/driver/suite.mjs).
void checkSuite(const nlohmann::ordered_json& doc, const std::string& where);

// Throws std::runtime_error naming the file and the field at fault.
Suite loadSuite(const std::string& path, const std::string& profile);
Suite parseSuite(const nlohmann::ordered_json& doc, const std::string& where, const std::string& profile);

}  // namespace tollgate
