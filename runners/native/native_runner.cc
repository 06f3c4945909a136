// The native runner: Google Benchmark over each workload's kernel (the no-boundary
// baseline), then a phase pass and a counting pass apart from the timed one, all
// written as Tollgate results (schema v1).
//
//   tollgate_native [--suite=vector] [--suite=...] --profile=quick
//                   --out=results/native.json [--filter=REGEX] [--benchmark_* flags]
//                   [--manifest=<build>/workloads.json]
//   A suite is a registered workload's name (the build's workload manifest, see
//   tollgate/workloads.h) or a suite.json path; without --suite, every registered
//   workload that has native cases.
//   tollgate_native --suite=... --filter=REGEX --profile-dir=DIR [--profile-seconds=2]
//                   [--profile-part=cpu|instrumented]   the profiling pass instead (native_profiler.h)
//   tollgate_native --suite=... --filter=REGEX --list      the matching cases' names
//
// The results file is rewritten after every case, and names the case in progress
// as a failure until it completes: a run that dies part-way keeps what it measured
// and says where it stopped. Exit status: 0 all measured, 1 some cases failed,
// 2 usage or I/O error.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <regex>
#include <string>
#include <vector>

#include "calibration.h"
#include "tollgate/native_case.h"
#include "native_profiler.h"
#include "sysinfo.h"
#include "tollgate/alloc_hook.h"
#include "tollgate/build_info.h"
#include "tollgate/clock.h"
#include "tollgate/probe.h"
#include "tollgate/results.h"
#include "tollgate/schema_validator.h"
#include "tollgate/suite.h"
#include "tollgate/workloads.h"

namespace tollgate::native {

std::map<std::string, CaseFactory>& caseFactories() {
  static std::map<std::string, CaseFactory> factories;
  return factories;
}

const std::string& nativeDataDir() {
  static const std::string dir = TOLLGATE_NATIVE_DATA_DIR;
  return dir;
}

namespace {

struct Options {
  std::vector<std::string> suites;  // suite files, resolved from names by parseOptions
  std::string manifest = TOLLGATE_WORKLOAD_MANIFEST;
  std::string profile = "quick";
  std::string out = "results/native.json";
  std::string filter;
  std::string profile_dir;  // profiling pass instead of timing (native_profiler.h)
  double profile_seconds = 2;
  ProfilePart profile_part = ProfilePart::instrumented;
  bool list = false;        // print the matching cases' names and stop
};

Options parseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* flag) -> const char* {
      const std::string prefix = std::string(flag) + "=";
      return arg.rfind(prefix, 0) == 0 ? argv[i] + prefix.size() : nullptr;
    };
    if (const char* v = value("--suite")) o.suites.push_back(v);
    else if (const char* v = value("--manifest")) o.manifest = v;
    else if (const char* v = value("--profile")) o.profile = v;
    else if (const char* v = value("--out")) o.out = v;
    else if (const char* v = value("--filter")) o.filter = v;
    else if (const char* v = value("--profile-dir")) o.profile_dir = v;
    else if (const char* v = value("--profile-seconds")) o.profile_seconds = std::stod(v);
    else if (arg == "--list") o.list = true;
    else if (const char* v = value("--profile-part")) {
      const std::string part = v;
      if (part != "cpu" && part != "instrumented") throw std::runtime_error("--profile-part is cpu or instrumented");
      o.profile_part = part == "cpu" ? ProfilePart::cpu : ProfilePart::instrumented;
    }
    else throw std::runtime_error("unknown argument '" + arg + "'");
  }
  const WorkloadManifest manifest = loadWorkloadManifest(o.manifest);
  if (o.suites.empty()) {
    for (const Workload& w : manifest.workloads) {
      if (w.listed && w.native_cases) o.suites.push_back(w.suite);
    }
    if (o.suites.empty()) throw std::runtime_error(o.manifest + " registers no workload with native cases");
  } else {
    for (std::string& suite : o.suites) suite = resolveSuite(manifest, suite);
  }
  return o;
}

// Collects each repetition's times; the console reporter still prints progress.
class SampleReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration) continue;
      if (run.error_occurred) {
        error = run.error_message;
        continue;
      }
      const double iterations = static_cast<double>(run.iterations);
      real_ns.push_back(run.real_accumulated_time * 1e9 / iterations);
      cpu_ns.push_back(run.cpu_accumulated_time * 1e9 / iterations);
    }
    ConsoleReporter::ReportRuns(runs);
  }
  bool ReportContext(const Context& context) override {
    num_cpus = context.cpu_info.num_cpus;
    mhz_per_cpu = context.cpu_info.cycles_per_second / 1e6;
    host_name = context.sys_info.name;
    return ConsoleReporter::ReportContext(context);
  }
  void reset() {
    real_ns.clear();
    cpu_ns.clear();
    error.clear();
  }

  std::vector<double> real_ns, cpu_ns;
  std::string error;
  int num_cpus = 0;
  double mhz_per_cpu = 0;
  std::string host_name;
};

nlohmann::ordered_json context(const Options& o) {
  const char* commit = std::getenv("TOLLGATE_GIT_COMMIT");
  nlohmann::ordered_json c = {
      {"date", isoDateNow()},
      {"host_name", ""},
      {"num_cpus", 1},
      {"cpu_model", cpuModel()},
      {"os", osDescription()},
      {"runtime", "native"},
      {"runtime_version", libcVersion()},
      {"compiler", TOLLGATE_COMPILER},
      {"compiler_flags", TOLLGATE_COMPILER_FLAGS},
      {"build_type", TOLLGATE_BUILD_TYPE},
      {"tollgate_version", TOLLGATE_VERSION},
      {"profile", o.profile},
      {"timer_resolution_ns", timerResolutionNs()},
      {"probe_overhead_ns", measureProbeOverheadNs(1000000)},
      {"calibration_ns", calibrationNs()},
      {"library_build_type", "google-benchmark 1.7"}};
  if (commit != nullptr && *commit != '\0') c["git_commit"] = commit;
  return c;
}

void writeResults(ResultsFile& file, const std::string& path) {
  // The busiest the machine was while this run wrote results (see the schema).
  file.context["load_average"] = std::max(file.context.value("load_average", 0.0), loadAverage());
  const nlohmann::ordered_json json = toJson(file);
  const auto violations = validateResults(nlohmann::json::parse(json.dump()));
  if (!violations.empty()) {
    throw std::runtime_error("internal error: results for " + path + " violate the schema at " +
                             violations[0].path + ": " + violations[0].message);
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    out << json.dump(2) << "\n";
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot rename " + tmp + " to " + path);
}

std::string regexEscape(const std::string& text) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  return std::regex_replace(text, special, R"(\$&)");
}

// Runs one case: timing pass (Google Benchmark), phase pass, counting pass.
void measure(NativeCase& nc, const SuiteCase& sc, ResultRow& row, SampleReporter& reporter) {
  int calls = 0;
  auto* bench = benchmark::RegisterBenchmark(row.name().c_str(), [&](benchmark::State& state) {
    try {
      if (calls++ == 0) {
        const double start = nowNs();
        row.warmup_ops = 0;
        while (row.warmup_ops < sc.warmup_ops || (nowNs() - start) < sc.warmup_ms * 1e6) {
          nc.beforeOp();
          nc.runOp();
          ++row.warmup_ops;
        }
      }
      nc.beforeOp();
      for (auto _ : state) nc.runOp();
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
    }
  });
  bench->Iterations(1)->Repetitions(sc.samples)->Unit(benchmark::kMillisecond);
  reporter.reset();
  // Google Benchmark appends "/iterations:1/repetitions:N" to the registered name.
  benchmark::RunSpecifiedBenchmarks(&reporter, "^" + regexEscape(row.name()) + "(/|$)");
  benchmark::ClearRegisteredBenchmarks();
  if (!reporter.error.empty()) throw std::runtime_error(reporter.error);
  if (reporter.real_ns.empty()) throw std::runtime_error("Google Benchmark reported no samples");
  row.samples_ns = reporter.real_ns;
  row.cpu_samples_ns = reporter.cpu_ns;

  for (int s = 0; s < sc.phase_samples; ++s) {
    nc.beforeOp();
    setProbesEnabled(true);
    resetLedger();
    nc.runOp();
    setProbesEnabled(false);
    row.phase_samples.push_back(ledger().phase_ns);
  }

  nc.beforeOp();
  resetLedger();
  resetAllocCounters();
  const std::uint64_t live_before = allocStats().live_bytes;
  nc.runOp();
  const AllocStats& a = allocStats();
  row.counters.allocations = a.allocations;
  row.counters.bytes_allocated = a.bytes_allocated;
  row.counters.bytes_in = ledger().bytes_in;
  row.counters.bytes_out = ledger().bytes_out;
  row.memory["heap_peak_bytes"] = a.peak_live_bytes - live_before;
  row.memory["heap_end_bytes"] = a.live_bytes > live_before ? a.live_bytes - live_before : 0;
  row.memory["rss_bytes"] = rssBytes();
  row.memory["rss_peak_bytes"] = peakRssBytes();
  row.counters.extra = nc.counters();
  for (const auto& [key, value] : nc.memory()) row.memory[key] = value;
  row.result_digest = nc.resultDigest();
  row.quality = nc.quality();
}

// The row a case and variant are measured into (its name is what --filter matches).
ResultRow rowFor(const SuiteCase& sc, const std::string& variant) {
  ResultRow row;
  row.workload = sc.workload;
  row.operation = sc.operation;
  row.variant = variant;
  row.runtime = "native";
  row.params = sc.params;
  row.name_params = sc.name_params;
  row.items_per_op = sc.items_per_op;
  row.item = sc.item;
  row.warmup_ops = sc.warmup_ops;
  return row;
}

// The profiling pass: every matching case profiled, nothing timed or written as results.
int profile(const Options& o) {
  const std::regex filter(o.filter.empty() ? ".*" : o.filter);
  int profiled = 0;
  for (const std::string& path : o.suites) {
    const Suite suite = loadSuite(path, o.profile);
    if (suite.native_variants.empty()) continue;  // measured from outside only (a wasm package)
    const auto factory = caseFactories().find(suite.workload);
    if (factory == caseFactories().end()) {
      throw std::runtime_error(path + ": no native cases for workload '" + suite.workload +
                               "' in this runner (its CMake call gives no NATIVE_CASES, or its "
                               "suite's variants.native should be empty)");
    }
    for (const SuiteCase& sc : suite.cases) {
      for (const std::string& variant : suite.native_variants) {
        const ResultRow row = rowFor(sc, variant);
        if (!sc.runs(variant) || !std::regex_search(row.name(), filter)) continue;
        ++profiled;
        if (o.list) {
          std::cout << row.name() << "\n";
          continue;
        }
        auto nc = factory->second(sc, variant);
        nc->prepare();
        std::cout << "tollgate_native: profiled " << row.name() << " -> "
                  << profileCase(*nc, sc, row.name(), o.profile_dir, o.profile_seconds, o.profile_part) << "\n";
      }
    }
  }
  if (profiled == 0) throw std::runtime_error("no case matched" + (o.filter.empty() ? "" : " --filter=" + o.filter));
  return 0;
}

int run(const Options& o) {
  if (!o.profile_dir.empty() || o.list) return profile(o);
  SampleReporter reporter;
  ResultsFile file;
  file.context = context(o);
  const std::regex filter(o.filter.empty() ? ".*" : o.filter);
  bool context_filled = false;

  for (const std::string& path : o.suites) {
    const Suite suite = loadSuite(path, o.profile);
    if (suite.native_variants.empty()) continue;  // measured from outside only (a wasm package)
    const auto factory = caseFactories().find(suite.workload);
    if (factory == caseFactories().end()) {
      throw std::runtime_error(path + ": no native cases for workload '" + suite.workload +
                               "' in this runner (its CMake call gives no NATIVE_CASES, or its "
                               "suite's variants.native should be empty)");
    }
    for (const SuiteCase& sc : suite.cases) {
      for (const std::string& variant : suite.native_variants) {
        if (!sc.runs(variant)) continue;
        ResultRow row = rowFor(sc, variant);
        if (!std::regex_search(row.name(), filter)) continue;

        file.failures.push_back({row.name(), "runner", "did not finish: the runner stopped while measuring this case"});
        writeResults(file, o.out);
        file.failures.pop_back();
        std::string stage = "setup";
        try {
          auto nc = factory->second(sc, variant);
          nc->prepare();
          stage = "timing";
          measure(*nc, sc, row, reporter);
          file.rows.push_back(std::move(row));
        } catch (const std::exception& e) {
          std::cerr << "tollgate_native: " << row.name() << " failed (" << stage << "): " << e.what() << "\n";
          file.failures.push_back({row.name(), stage, e.what()});
        }
        if (!context_filled && reporter.num_cpus > 0) {
          file.context["host_name"] = reporter.host_name;
          file.context["num_cpus"] = reporter.num_cpus;
          file.context["mhz_per_cpu"] = reporter.mhz_per_cpu;
          context_filled = true;
        }
        writeResults(file, o.out);
      }
    }
  }
  writeResults(file, o.out);
  if (file.rows.empty() && file.failures.empty()) {
    std::cerr << "tollgate_native: no case matched" << (o.filter.empty() ? "" : " --filter=" + o.filter) << "\n";
    return 2;
  }
  std::cout << "tollgate_native: " << file.rows.size() << " rows, " << file.failures.size()
            << " failures -> " << o.out << "\n";
  return file.failures.empty() ? 0 : 1;
}

}  // namespace
}  // namespace tollgate::native

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);  // takes the --benchmark_* flags, leaves ours
  try {
    return tollgate::native::run(tollgate::native::parseOptions(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "tollgate_native: " << e.what() << "\n";
    return 2;
  }
}
