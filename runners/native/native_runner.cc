// The native runner: Google Benchmark over each workload's kernel (the no-boundary
// baseline), then a phase pass and a counting pass apart from the timed one, all
// written as Tollgate results (schema v1).
//
//   tollgate_native [--suite vector] [--suite ...] --profile quick
//                   --out results/native.json [--filter REGEX] [--benchmark_* flags]
//                   [--manifest <build>/workloads.json]
//   A suite is a registered workload's name (the build's workload manifest, see
//   tollgate/workloads.h) or a suite.json path; without --suite, every registered
//   workload that has native cases.
//   tollgate_native --suite ... --filter REGEX --profile-dir DIR [--profile-seconds 2]
//                   [--profile-part cpu|instrumented]   the profiling pass instead (native_profiler.h)
//   tollgate_native --suite ... --filter REGEX --list      the matching cases' names
//   tollgate_native ... --instructions   also count each row's executed instructions
//                   under callgrind, in a child process per row (instruction_count.h)
//   tollgate_native --help
//
// Options as everywhere in Tollgate (harness/cli/cli.h): `--name value` or `--name=value`.
// Google Benchmark's own --benchmark_* flags pass through to it. One progress line is
// printed per case; Google Benchmark's console table is not (its samples are kept).
//
// The results file is rewritten after every case, and names the case in progress
// as a failure until it completes: a run that dies part-way keeps what it measured
// and says where it stopped. Exit status: 0 all measured, 1 some cases failed,
// 2 usage or I/O error.

#include <benchmark/benchmark.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <valgrind/valgrind.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <iostream>
#include <regex>
#include <string>
#include <vector>

#include "analysis/statistics.h"
#include "calibration.h"
#include "cli/cli.h"
#include "format.h"
#include "instruction_count.h"
#include "tollgate/native_case.h"
#include "native_profiler.h"
#include "sysinfo.h"
#include "tollgate/alloc_hook.h"
#include "tollgate/build_info.h"
#include "tollgate/clock.h"
#include "tollgate/inject.h"
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

namespace {
// The build's paths in arrays of fixed size: a string as long as the checkout's
// path would move every constant after it in the binary, and counts depend on
// where data sits (memcpy and friends take alignment-dependent paths; see
// instruction_count.h). The counting child gets links of fixed length instead.
// Nor does the child allocate anything sized by them: --data-dir replaces the
// default before it is ever made, and the manifest is not read.
constexpr char kBuildDataDir[4096] = TOLLGATE_NATIVE_DATA_DIR;
constexpr char kBuildManifest[4096] = TOLLGATE_WORKLOAD_MANIFEST;
std::string g_data_dir;  // --data-dir; empty: the build's
}  // namespace

const std::string& nativeDataDir() {
  if (g_data_dir.empty()) g_data_dir = kBuildDataDir;
  return g_data_dir;
}

namespace {

struct Options {
  std::vector<std::string> suites;  // suite files, resolved from names by parseOptions
  std::string manifest;  // empty: the build's (kBuildManifest)
  std::string profile = "quick";
  std::string out = "results/native.json";
  std::string filter;
  std::string profile_dir;  // profiling pass instead of timing (native_profiler.h)
  double profile_seconds = 2;
  ProfilePart profile_part = ProfilePart::instrumented;
  bool list = false;        // print the matching cases' names and stop
  bool instructions = false;  // count each row under callgrind too
  std::string count_row;    // child mode: count this row, under callgrind
  std::string count_out;    // where the child writes its count
  std::vector<std::string> inject;  // deliberate regressions: kernel_work_<percent> (tollgate/inject.h)
};

// kernel_work_<percent>: extra work inside every kernel, for the gate proofs.
std::uint32_t kernelWorkPercent(const std::string& injection) {
  static const std::regex pattern("kernel_work_([1-9][0-9]*)");
  std::smatch m;
  if (!std::regex_match(injection, m, pattern)) {
    throw std::runtime_error("--inject: the native runner knows only kernel_work_<percent>, not '" + injection + "'");
  }
  return static_cast<std::uint32_t>(std::stoul(m[1].str()));
}

cli::Verb commandLine() {
  cli::Verb v;
  v.command = "tollgate_native";
  v.summary = "The native runner: each workload's kernel under Google Benchmark (the no-boundary baseline), then a "
              "phase pass and a counting pass apart from the timed one, written as Tollgate results.";
  v.options = {
      cli::option("suite", "NAME", "a registered workload (vector) or a suite.json path; every registered "
                  "workload with native cases when absent").repeated(),
      cli::option("manifest", "FILE", "the build's workload manifest (default: the one this runner was built with)"),
      cli::option("profile", "NAME", "the suite's profile").defaults("quick"),
      cli::option("out", "FILE", "the results file, rewritten after every case").defaults("results/native.json"),
      cli::option("filter", "REGEX", "only benchmarks whose name matches"),
      cli::flag("list", "print the matching benchmarks' names and stop"),
      cli::option("profile-dir", "DIR", "profile the matching cases into DIR instead of timing them"),
      cli::option("profile-seconds", "SECONDS", "how long each case is profiled").defaults("2"),
      cli::option("profile-part", "PART", "what this process profiles: the plain loop for perf (cpu), or "
                  "allocation sites and the probe trace (instrumented)").oneOf({"cpu", "instrumented"})
          .defaults("instrumented"),
      cli::flag("instructions", "also count each row's executed instructions under valgrind's callgrind, in a "
                "child process per row (needs Debian's valgrind)"),
      cli::option("inject", "NAMES", "deliberate regressions, comma-separated: kernel_work_<percent> adds that "
                  "share of work inside every kernel (the count gates' proofs)"),
      cli::option("count-row", "NAME", "internal: the --instructions child counts this row"),
      cli::option("count-out", "FILE", "internal: where the --instructions child writes its count"),
      cli::option("data-dir", "DIR", "where workloads keep generated data files (default: the build's)"),
  };
  v.details = "Google Benchmark's flags (--benchmark_*) are passed to it. Exit status: 0 all measured, 1 some cases "
              "failed (named in the results file), 2 usage or I/O error.";
  return v;
}

Options parseOptions(const std::vector<std::string>& argv) {
  const cli::Args args = cli::parseArgs(commandLine(), argv);
  Options o;
  o.suites = args.values("suite");
  o.profile = args.value("profile");
  o.out = args.value("out");
  o.filter = args.value("filter");
  o.list = args.has("list");
  o.profile_dir = args.value("profile-dir");
  o.profile_seconds = args.number("profile-seconds", 0.001);
  o.profile_part = args.value("profile-part") == "cpu" ? ProfilePart::cpu : ProfilePart::instrumented;
  o.manifest = args.value("manifest");
  o.instructions = args.has("instructions");
  o.count_row = args.value("count-row");
  o.count_out = args.value("count-out");
  if (args.has("data-dir")) g_data_dir = args.value("data-dir");
  if (args.has("inject")) {
    std::stringstream names(args.value("inject"));
    for (std::string name; std::getline(names, name, ',');) {
      setInjectedWorkPercent(kernelWorkPercent(name));
      o.inject.push_back(name);
    }
  }
  // The counting child is handed suite files under names of fixed length, and
  // reads nothing whose size depends on where the checkout is (instruction_count.h).
  if (!o.count_row.empty()) return o;
  if (o.manifest.empty()) o.manifest = kBuildManifest;
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

// Collects each repetition's times and the machine's description; prints nothing
// (the runner prints one line per case, and Google Benchmark's console table would
// repeat it at length).
class SampleReporter : public benchmark::BenchmarkReporter {
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
  }
  bool ReportContext(const Context& context) override {
    num_cpus = context.cpu_info.num_cpus;
    mhz_per_cpu = context.cpu_info.cycles_per_second / 1e6;
    host_name = context.sys_info.name;
    return true;
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
  if (!o.inject.empty()) c["injected"] = o.inject;
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
  // Under valgrind every instruction costs tens of times its time: never time there.
  if (RUNNING_ON_VALGRIND) throw std::runtime_error("the timing pass is running under valgrind");
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

// The row's instructions from a child under callgrind. A row that cannot be
// counted keeps its times: the failure is recorded beside it.
void countInstructions(const CallgrindCounter& counter, const Options& o, ResultsFile& file, ResultRow& row) {
  try {
    std::vector<std::string> extra;
    for (const std::string& name : o.inject) extra.push_back("--inject=" + name);
    const CountedRow counted = counter.count(row.name(), o.suites, o.profile, nativeDataDir(), extra);
    row.instructions = toInstructionCounts(counted);
    if (!file.context.contains("counting")) {
      const CountingContext c = counter.context(TOLLGATE_COMPILER, TOLLGATE_COMPILER_FLAGS,
                                                 file.context.value("runtime_version", ""), counted.isa);
      file.context["counting"] = {{"tool", c.tool}, {"tool_version", c.tool_version}, {"unit", c.unit},
                                  {"toolchain", c.toolchain}};
    }
  } catch (const std::exception& e) {
    std::cerr << "tollgate_native: " << row.name() << ": instructions not counted: " << e.what() << "\n";
    file.failures.push_back({row.name(), "counting", std::string("instructions not counted: ") + e.what()});
  }
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

// One (case, native variant) the run measures, in order.
struct Planned {
  SuiteCase sc;
  std::string variant;
  std::string name;
  CaseFactory factory;
};

// Every matching case of every suite: what --list prints and the run measures.
std::vector<Planned> plan(const Options& o) {
  const std::regex filter(o.filter.empty() ? ".*" : o.filter);
  std::vector<Planned> out;
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
        const std::string name = rowFor(sc, variant).name();
        if (sc.runs(variant) && std::regex_search(name, filter)) out.push_back({sc, variant, name, factory->second});
      }
    }
  }
  if (out.empty()) throw std::runtime_error("no case matched" + (o.filter.empty() ? "" : " --filter " + o.filter));
  return out;
}

std::string clock(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char text[32];
  std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
  return text;
}

// "native [3/12] vector.insert/kernel/..., per vector: 12.3 us (0:05, ~0:40 left)": the
// same line the JS runners print (runners/node/progress.mjs).
void printProgress(std::size_t done, std::size_t total, const std::string& name, const std::string& what,
                   double elapsed_s) {
  const std::size_t width = std::to_string(total).size();
  std::string index = std::to_string(done);
  index.insert(0, width - index.size(), ' ');
  std::cout << "native [" << index << "/" << total << "] " << name << (what[0] == ':' ? "" : ", ") << what << " ("
            << clock(elapsed_s);
  if (done < total) std::cout << ", ~" << clock(elapsed_s / static_cast<double>(done) * static_cast<double>(total - done)) << " left";
  std::cout << ")" << std::endl;
}

// The profiling pass: every matching case profiled, nothing timed or written as results.
int profile(const Options& o) {
  for (const Planned& p : plan(o)) {
    if (o.list) {
      std::cout << p.name << "\n";
      continue;
    }
    auto nc = p.factory(p.sc, p.variant);
    nc->prepare();
    std::cout << "tollgate_native: profiled " << p.name << " -> "
              << profileCase(*nc, p.sc, p.name, o.profile_dir, o.profile_seconds, o.profile_part) << "\n";
  }
  return 0;
}

// The child of --instructions, under callgrind: prepares the one row named and
// counts it (instruction_count.h).
int countRow(const Options& o) {
  for (const std::string& path : o.suites) {
    const Suite suite = loadSuite(path, o.profile);
    const auto factory = caseFactories().find(suite.workload);
    if (factory == caseFactories().end()) continue;
    for (const SuiteCase& sc : suite.cases) {
      for (const std::string& variant : suite.native_variants) {
        if (!sc.runs(variant) || rowFor(sc, variant).name() != o.count_row) continue;
        auto nc = factory->second(sc, variant);
        nc->prepare();
        const std::string out_dir = std::filesystem::path(o.count_out).parent_path().string();
        countInChild(*nc, std::max(1, sc.counting_warmup_ops), out_dir + "/callgrind.out", o.count_out);
        return 0;
      }
    }
  }
  throw std::runtime_error("no row named '" + o.count_row + "' in the suites given");
}

int run(const Options& o) {
  if (!o.profile_dir.empty() || o.list) return profile(o);
  if (!o.count_row.empty()) return countRow(o);
  std::optional<CallgrindCounter> counter;
  if (o.instructions) counter.emplace();
  const std::vector<Planned> planned = plan(o);
  SampleReporter reporter;
  ResultsFile file;
  file.context = context(o);
  bool context_filled = false;
  const double started = nowNs();
  for (std::size_t i = 0; i < planned.size(); ++i) {
    const Planned& p = planned[i];
    ResultRow row = rowFor(p.sc, p.variant);
    file.failures.push_back({p.name, "runner", "did not finish: the runner stopped while measuring this case"});
    writeResults(file, o.out);
    file.failures.pop_back();
    std::string stage = "setup";
    std::string outcome;
    try {
      auto nc = p.factory(p.sc, p.variant);
      nc->prepare();
      stage = "timing";
      measure(*nc, p.sc, row, reporter);
      outcome = "per " + row.item + ": " + formatDuration(median(row.samples_ns) / static_cast<double>(row.items_per_op));
      nc.reset();  // freed while the counting child prepares a case of its own
      if (counter) {
        countInstructions(*counter, o, file, row);
        if (row.instructions) outcome += ", " + formatMagnitude(static_cast<double>(row.instructions->per_op) /
                                                                 static_cast<double>(row.items_per_op)) + " instructions";
      }
      file.rows.push_back(std::move(row));
    } catch (const std::exception& e) {
      outcome = ": FAILED (" + stage + ")";
      std::cerr << "tollgate_native: " << p.name << " failed (" << stage << "): " << e.what() << "\n";
      file.failures.push_back({p.name, stage, e.what()});
    }
    if (!context_filled && reporter.num_cpus > 0) {
      file.context["host_name"] = reporter.host_name;
      file.context["num_cpus"] = reporter.num_cpus;
      file.context["mhz_per_cpu"] = reporter.mhz_per_cpu;
      context_filled = true;
    }
    writeResults(file, o.out);
    printProgress(i + 1, planned.size(), p.name, outcome, (nowNs() - started) / 1e9);
  }
  std::cout << "tollgate_native: " << file.rows.size() << " rows, " << file.failures.size()
            << " failures -> " << o.out << "\n";
  return file.failures.empty() ? 0 : 1;
}

}  // namespace
}  // namespace tollgate::native

int main(int argc, char** argv) {
  // Freed memory stays in the process, as a wasm module's linear memory does:
  // glibc otherwise gives the top of its heap and blocks from 128 KB up back
  // to the system when they are freed, and an operation that allocates fresh
  // results faults the same pages in again every time: 100 times the page
  // faults and 6% of the site corpus's extraction time, by where its buffers'
  // sizes happened to fall.
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
#endif
  const tollgate::cli::Verb command = tollgate::native::commandLine();
  // Before Google Benchmark sees the arguments: its Initialize answers --help with its own.
  for (int i = 1; i < argc && std::string(argv[i]) != "--"; ++i) {
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
      std::cout << tollgate::cli::verbHelp(command);
      return 0;
    }
  }
  benchmark::Initialize(&argc, argv);  // takes the --benchmark_* flags, leaves ours
  tollgate::native::Options options;
  try {
    options = tollgate::native::parseOptions(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const tollgate::cli::UsageError& e) {
    std::cerr << "tollgate_native: " << e.what() << " (see tollgate_native --help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "tollgate_native: " << e.what() << "\n";
    return 2;
  }
  try {
    return tollgate::native::run(options);
  } catch (const std::exception& e) {
    std::cerr << "tollgate_native: " << e.what() << "\n";
    return 2;
  }
}
