#pragma once
// Count gates: each row's executed instructions per item against a baseline,
// with a small allowance and no statistics. A count has no run-to-run variance
// and does not depend on the machine's speed or load, only on the code and its
// toolchain, so count baselines are keyed by toolchain (the results'
// context.counting.toolchain), not by machine kind:
//
//   <baselines>/counts/<toolchain id>/<runtime>.json
//
// Against another toolchain's baseline a count gate still compares, but warns
// instead of failing and says which toolchains differ. And one build must count
// alike wherever it runs: rows of the same name and toolchain in two runtimes
// (the same .wasm in Node and in Chromium) must have identical counts.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/gate_config.h"
#include "analysis/results_io.h"

namespace tollgate {

struct GateReport;

// A directory name for a toolchain: the compiler's words, then a digest of the
// whole description ("emscripten-3-1-6-clang-14-0-6-1f2e3d4c").
std::string toolchainId(const std::string& toolchain);

// The count baseline one runtime is gated against.
struct CountBaseline {
  std::string runtime;
  std::string path;
  LoadedResults file;
  std::string toolchain;       // the baseline's
  bool same_toolchain = true;
  std::string note;            // how the toolchains differ
};

// For each current file that has counts, its runtime's baseline under
// root/counts/: the one of the same toolchain, else another toolchain's (noted).
std::vector<CountBaseline> findCountBaselines(const std::string& root, const std::vector<LoadedResults>& current);

// Adds the count gates' results to `report`.
void evaluateCountGates(const GateConfig& config, const std::vector<LoadedResults>& current,
                        const std::vector<CountBaseline>& baselines, GateReport& report);

}  // namespace tollgate
