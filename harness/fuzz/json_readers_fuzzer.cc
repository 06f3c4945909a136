// The harness's own readers of files a user hands it: results (validate, load,
// summarize, merge), gates (parse, then evaluate over fixed results) and suites.
// Every input goes to all three, so any such file is a seed as it is.
//
// Acceptable outcomes: the file is used, or refused with an error naming it
// (JsonInputError, ResultsFileError, std::runtime_error from a reader). A bare
// nlohmann exception escaping is a bug: it names neither file nor field.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "analysis/gate_config.h"
#include "analysis/gates.h"
#include "analysis/merge.h"
#include "analysis/results_io.h"
#include "analysis/summary.h"
#include "tollgate/fuzz.h"
#include "tollgate/json_input.h"
#include "tollgate/schema_validator.h"
#include "tollgate/suite.h"

namespace tollgate {
namespace {

// Small limits: the fuzzer explores shapes, not sizes (sizes are unit-tested).
constexpr JsonLimits kLimits{1u << 20, 64};

std::vector<LoadedResults> loadResults(const std::string& text) {
  const nlohmann::json doc = parseJsonText(text, "fuzz.json", kLimits);
  if (!validateResults(doc).empty()) return {};
  LoadedResults loaded{"fuzz.json", resultsFromJson(doc)};
  std::vector<LoadedResults> files{loaded};
  summarize(files);
  if (!loaded.file.rows.empty()) {
    files.push_back(loaded);  // two rounds of one runtime
    mergeRounds(files);
  }
  return files;
}

void gates(const std::string& text) {
  GateConfig config = parseGateConfig(parseJsonText(text, "gates.json", kLimits), "gates.json");
  config.resamples = std::min(config.resamples, 200);  // the bootstrap is tested elsewhere; keep inputs fast
  // A fixed pair of results for the gates to select from.
  static const std::vector<LoadedResults> current = [] {
    LoadedResults f;
    f.path = "node.json";
    f.file.context = {{"runtime", "node"}, {"cpu_model", "Fuzz CPU"}, {"num_cpus", 2}, {"rounds", 3}};
    for (const char* variant : {"kernel", "fast"}) {
      ResultRow r;
      r.workload = "vector";
      r.operation = "insert";
      r.variant = variant;
      r.runtime = "node";
      r.params = {{"index", "flat"}, {"n", 10}};
      r.name_params = {"index", "n"};
      r.items_per_op = 10;
      r.samples_ns = {100, 101, 99, 102, 98, 100};
      r.sample_rounds = {1, 1, 2, 2, 3, 3};
      r.counters.bytes_in = 400;
      r.memory["heap_peak_bytes"] = 1000;
      r.result_digest = "fnv1a32:00000000";
      f.file.rows.push_back(r);
    }
    return std::vector<LoadedResults>{f};
  }();
  BaselineSet baseline;
  baseline.files = current;
  evaluateGates(config, current, baseline);
  evaluateGates(config, current, std::nullopt);
}

void suite(const std::string& text) {
  const auto doc = parseOrderedJsonText(text, "suite.json", kLimits);
  for (const char* profile : {"quick", "full"}) {
    try {
      parseSuite(doc, "suite.json", profile);
    } catch (const std::runtime_error&) {
    }
  }
}

}  // namespace
}  // namespace tollgate

TOLLGATE_FUZZ_TARGET(data, size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const char* readers[] = {"results", "gates", "suite"};
  for (int reader = 0; reader < 3; ++reader) {
    try {
      if (reader == 0) tollgate::loadResults(text);
      if (reader == 1) tollgate::gates(text);
      if (reader == 2) tollgate::suite(text);
    } catch (const nlohmann::json::exception& e) {
      std::fprintf(stderr, "a bare nlohmann error escaped the %s reader: %s\n", readers[reader], e.what());
      std::abort();
    } catch (const std::runtime_error&) {
      // A refusal naming the file (JsonInputError, ResultsFileError, reader errors).
    } catch (const std::invalid_argument&) {
    }
  }
}
