// The profile verb, the developer's profiling command: why is the wasm build slower
// or heavier than native, and where? Each matching case is profiled in native, Node
// and Chromium apart from any timing run, its CPU profiles and probe traces folded,
// and one report per case written beside them.
//
// Natively two processes per case: perf samples only the plain loop (the cpu part),
// never the instrumentation (the instrumented part: allocation sites, probe trace).

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "analysis/profiles.h"
#include "cli/run_rounds.h"
#include "cli/verbs.h"
#include "html/html_writer.h"
#include "html/report_model.h"

namespace tollgate::cli {
namespace {

namespace fs = std::filesystem;

std::string readText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeText(const fs::path& path, const std::string& text) {
  if (!(std::ofstream(path) << text)) throw std::runtime_error("cannot write " + path.string());
}

nlohmann::json readJson(const fs::path& path) {
  try {
    return nlohmann::json::parse(readText(path));
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(path.string() + ": not valid JSON: " + e.what());
  }
}

// A temporary file for a child's output, removed when done.
struct TempFile {
  fs::path path = fs::temp_directory_path() / ("tollgate-" + std::to_string(getpid()) + "-" + std::to_string(++count));
  ~TempFile() { fs::remove(path); }
  static inline int count = 0;
};

// Why perf cannot sample here, or "" when it can.
std::string perfProblem(Env& env) {
  TempFile log;
  Command probe;
  probe.argv = {"perf", "record", "-e", "cpu-clock", "-o", "/dev/null", "-q", "--", "true"};
  probe.stdout_path = probe.stderr_path = log.path.string();
  const Outcome o = env.executor->run(probe);
  if (!o.error.empty()) return "perf is not installed (Debian: linux-perf)";
  if (o.status != 0) {
    std::string why = readText(log.path);
    std::replace(why.begin(), why.end(), '\n', ' ');
    return "perf cannot sample here: " + why;
  }
  return "";
}

void check(Env& env, const Command& command) {
  const Outcome o = env.executor->run(command);
  if (!o.error.empty()) throw std::runtime_error(o.error);
  if (o.status != 0) {
    throw std::runtime_error(commandLine(command.argv) + " exited with status " + std::to_string(o.status));
  }
}

void profileNative(const Args& args, Env& env, const SuiteRef& suite, const std::string& out) {
  const std::string runner = env.bin_dir + "/tollgate_native";
  TempFile listed;
  Command list;
  list.argv = {runner, "--suite", suite.file, "--filter", args.value("filter").empty() ? "." : args.value("filter"), "--list"};
  list.stdout_path = listed.path.string();
  check(env, list);
  const std::string problem = perfProblem(env);
  if (!problem.empty()) env.out << "native CPU profiles unavailable: " << problem << "\n";
  std::istringstream names(readText(listed.path));
  for (std::string name; std::getline(names, name);) {
    if (name.empty()) continue;
    env.out << "==> native: " << name << std::endl;
    const std::vector<std::string> base = {runner, "--suite", suite.file, "--filter", exactNamesRegex({name}),
                                           "--profile-dir", out, "--profile-seconds", args.value("seconds")};
    Command instrumented;
    instrumented.argv = base;
    instrumented.argv.insert(instrumented.argv.end(), {"--profile-part", "instrumented"});
    check(env, instrumented);
    const std::string variant = name.substr(name.find('/') + 1, name.find('/', name.find('/') + 1) - name.find('/') - 1);
    const fs::path dir = fs::path(out) / profileCaseFolder(name) / ("native-" + variant);
    if (!problem.empty()) {
      writeText(dir / "cpu-unavailable.txt", problem + "\n");
      continue;
    }
    Command record;
    record.argv = {"perf", "record", "-e", "cpu-clock", "-F", "999", "--call-graph", "dwarf", "-q", "-o",
                   (dir / "perf.data").string(), "--"};
    record.argv.insert(record.argv.end(), base.begin(), base.end());
    record.argv.insert(record.argv.end(), {"--profile-part", "cpu"});
    record.stdout_path = "/dev/null";
    check(env, record);
    TempFile script;
    Command dump;
    dump.argv = {"perf", "script", "-i", (dir / "perf.data").string()};
    dump.stdout_path = script.path.string();
    dump.stderr_path = "/dev/null";
    check(env, dump);
    writeText(dir / "cpu.folded", foldPerfScript(readText(script.path)));
  }
}

void profileJs(const Args& args, Env& env, const std::string& runtime, const SuiteRef& suite, const std::string& out) {
  env.out << "==> " << runtime << std::endl;
  Command c;
  c.argv = {"node", env.root + (runtime == "node" ? "/runners/node/profile-node.mjs" : "/runners/browser/profile-browser.mjs"),
            "--suite", suite.name, "--seconds", args.value("seconds"), "--out-dir", out};
  if (args.has("filter")) c.argv.insert(c.argv.end(), {"--filter", args.value("filter")});
  if (args.has("variants")) c.argv.insert(c.argv.end(), {"--variants", args.value("variants")});  // as given: one list
  check(env, c);
}

// Folds what the runtimes wrote: probe traces, V8 CPU profiles, and a copy of each
// CPU profile with the variant's own frame renamed, so variants line up in a diff.
void foldProfiles(const fs::path& dir) {
  if (fs::exists(dir / "trace.json")) {
    writeText(dir / "phases.folded", foldTrace(readJson(dir / "trace.json"), (dir / "trace.json").string()));
  }
  const std::string label = dir.filename().string();
  const std::string variant = label.substr(label.find('-') + 1);
  if (fs::exists(dir / "cpu.cpuprofile")) {
    const std::string folded = foldCpuProfile(readJson(dir / "cpu.cpuprofile"), (dir / "cpu.cpuprofile").string());
    writeText(dir / "cpu.folded", folded);
    writeText(dir / "cpu.aligned.folded", aliasFrames(folded, {{variant, "(variant)"}}));
  } else if (fs::exists(dir / "cpu.folded")) {
    fs::copy_file(dir / "cpu.folded", dir / "cpu.aligned.folded", fs::copy_options::overwrite_existing);
  }
}

// One report per case: every runtime and variant, each against the suite's naive variant.
void caseReport(const fs::path& case_dir, const std::string& naive, const std::string& against, Env& env) {
  ReportInputs in;
  in.title = "Profile: " + case_dir.filename().string();
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(case_dir)) {
    // memory.json alone: a module measured from outside (no allocation sites).
    if (entry.is_directory() && (fs::exists(entry.path() / "hotspots.json") || fs::exists(entry.path() / "memory.json"))) {
      dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    const std::string label = dir.filename().string();
    const std::string runtime = label.substr(0, label.find('-'));
    if (fs::exists(dir / "cpu.folded")) in.flames.push_back({label + ", CPU", runtime, (dir / "cpu.folded").string(), ""});
    if (fs::exists(dir / "phases.folded")) {
      in.flames.push_back({label + ", boundary phases", runtime, (dir / "phases.folded").string(), ""});
    }
    if (fs::exists(dir / "hotspots.json")) in.hotspot_files.push_back((dir / "hotspots.json").string());
    if (fs::exists(dir / "memory.json")) in.memory_files.push_back((dir / "memory.json").string());
    const fs::path base = case_dir / (runtime + "-" + naive);
    if (dir != base && fs::exists(dir / "cpu.aligned.folded") && fs::exists(base / "cpu.aligned.folded")) {
      in.flames.push_back({label + " against " + naive + ", CPU", runtime, (dir / "cpu.aligned.folded").string(),
                           (base / "cpu.aligned.folded").string()});
    }
    const fs::path old = fs::path(against) / case_dir.filename() / label / "cpu.aligned.folded";
    if (!against.empty() && fs::exists(dir / "cpu.aligned.folded") && fs::exists(old)) {
      in.flames.push_back({label + ", this build against " + against, runtime, (dir / "cpu.aligned.folded").string(),
                           old.string()});
    }
  }
  if (dirs.empty()) return;
  writeText(case_dir / "report.html", renderReportHtml(buildReportModel(in)));
  env.out << "report: " << (case_dir / "report.html").string() << "\n";
}

int profile(const Args& args, Env& env) {
  const SuiteRef suite = namedSuite(env.manifest, env.root, args.value("suite"));
  const std::string out = args.value("out");
  fs::create_directories(out);
  const std::vector<std::string> runtimes = args.values("runtime");
  auto wants = [&](const char* runtime) { return std::find(runtimes.begin(), runtimes.end(), runtime) != runtimes.end(); };
  if (wants("native")) profileNative(args, env, suite, out);
  for (const char* runtime : {"node", "chromium"}) {
    if (wants(runtime)) profileJs(args, env, runtime, suite, out);
  }
  const nlohmann::json suite_json = readJson(suite.file);
  // The base of the differential views: the suite's naive variant.
  const std::string naive = suite_json.value("naive", suite_json.at("variants").at("wasm").at(0).get<std::string>());
  for (const auto& case_entry : fs::directory_iterator(out)) {
    if (!case_entry.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(case_entry.path())) {
      if (entry.is_directory()) foldProfiles(entry.path());
    }
    caseReport(case_entry.path(), naive, args.value("against"), env);
  }
  env.out << "profiles in " << out << "/ (open <case>/report.html)\n";
  return 0;
}

}  // namespace

Verb profileVerb() {
  Verb v;
  v.name = "profile";
  v.summary = "Profiles each matching case in native, Node and Chromium, apart from any timing run: CPU "
              "flamegraphs with every frame tagged by layer, the boundary phases, memory and allocation hotspots, "
              "and one report per case.";
  v.options = {
      option("suite", "NAME", "a workload (vector) or a suite folder").defaults("vector"),
      option("filter", "REGEX", "only benchmarks whose name matches"),
      option("variants", "LIST", "only these wasm adapters").commaList(),
      option("runtime", "LIST", "the runtimes to profile in").commaList().oneOf(kRuntimes).defaults("native,node,chromium"),
      option("seconds", "SECONDS", "how long each variant is profiled").defaults("2"),
      option("out", "DIR", "where the profiles go: DIR/<case>/<runtime>-<variant>/").defaults("profiles"),
      option("against", "DIR", "an older profile folder: differential flamegraphs of this build against it"),
  };
  v.details =
      "Writes per case and runtime-variant: cpu.folded (sampled CPU profile, frames tagged [wasm], [boundary], "
      "[glue], [binding], [js], [runtime], [native]; natively from perf record -e cpu-clock, or "
      "cpu-unavailable.txt saying why not), cpu.cpuprofile (V8), phases.folded and trace.json (the phase probes), "
      "hotspots.json (allocation sites), memory.json; and <case>/report.html.";
  v.run = [](const Args& args, Env& env) {
    args.number("seconds", 0.001);
    return profile(args, env);
  };
  return v;
}

}  // namespace tollgate::cli
