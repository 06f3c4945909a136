#include "instruction_count.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tollgate/clock.h"
#include "tollgate/probe.h"

namespace tollgate::native {
namespace {

namespace fs = std::filesystem;

// Runs argv[0] (a path) with exactly the environment `env`, in `cwd`, its output
// into `log`; returns the exit status (or 128 + signal, or -1 when it did not start).
int runProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env_text,
               const std::string& cwd, const std::string& log) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> env;
  for (const std::string& e : env_text) env.push_back(const_cast<char*>(e.c_str()));
  env.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string findInPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    if (access(candidate.c_str(), X_OK) == 0) return fs::absolute(candidate).string();
  }
  return "";
}

std::string tail(const std::string& path, std::size_t max_chars) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() <= max_chars ? all : "..." + all.substr(all.size() - max_chars);
}

std::string selfExecutable() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error("cannot find this executable (/proc/self/exe): " + error.message());
  return self.string();
}

// The instruction set glibc picks its string and memory routines for (memcpy,
// strlen...), as valgrind's virtual CPU presents it: another level means other
// routines, so other counts.
std::string isaLevel() {
  __builtin_cpu_init();
  const char* vendor = __builtin_cpu_is("intel") ? "intel" : __builtin_cpu_is("amd") ? "amd" : "other";
  const char* level = __builtin_cpu_supports("avx512f") ? "avx512f"
                      : __builtin_cpu_supports("avx2")  ? "avx2"
                      : __builtin_cpu_supports("avx")   ? "avx"
                      : __builtin_cpu_supports("sse4.2") ? "sse4.2"
                                                          : "sse2";
  return std::string(vendor) + " " + level;
}

// The child's probe clock: each read dumps what was counted since the last one
// (collection off meanwhile, so reading costs nothing counted) and returns the
// running total.
struct ProbeCounter {
  std::string dump_base;
  int dumps = 0;  // callgrind numbers its dumps from 1 in each process
  std::uint64_t total = 0;
};
ProbeCounter* g_probe_counter = nullptr;

std::uint64_t dumpNow(ProbeCounter& c, const char* why) {
  CALLGRIND_DUMP_STATS_AT(why);
  static char path[4096];  // no allocation (see dumpTotal)
  std::snprintf(path, sizeof path, "%s.%d", c.dump_base.c_str(), ++c.dumps);
  return dumpTotal(path);
}

double countingClock() {
  CALLGRIND_TOGGLE_COLLECT;
  g_probe_counter->total += dumpNow(*g_probe_counter, "probe");
  CALLGRIND_TOGGLE_COLLECT;
  return static_cast<double>(g_probe_counter->total);
}

}  // namespace

std::uint64_t dumpTotal(const char* path) {
  // Read with no heap allocation: the probe clock reads dumps in the middle of an
  // operation, and allocations sized by the dump's text (its pid line) would
  // move the operation's own allocations, and their counts, from run to run.
  // "totals:" is the dump's last line; the tail holds it.
  static char tail_bytes[4096 + 1];
  const int fd = open(path, O_RDONLY);
  if (fd < 0) throw std::runtime_error(std::string("callgrind wrote no dump ") + path);
  const off_t size = lseek(fd, 0, SEEK_END);
  const off_t from = size > 4096 ? size - 4096 : 0;
  const ssize_t got = size < 0 ? -1 : pread(fd, tail_bytes, static_cast<std::size_t>(size - from), from);
  close(fd);
  if (got < 0) throw std::runtime_error(std::string("cannot read ") + path);
  tail_bytes[got] = '\0';
  for (const char* key : {"\ntotals: ", "\nsummary: "}) {
    const char* at = std::strstr(tail_bytes, key);
    if (at != nullptr) return std::strtoull(at + std::strlen(key), nullptr, 10);
  }
  throw std::runtime_error(std::string(path) + ": a callgrind dump without totals");
}

CallgrindCounter::CallgrindCounter() {
  valgrind_ = findInPath("valgrind");
  if (valgrind_.empty()) {
    throw std::runtime_error("--instructions needs valgrind (Debian's valgrind package; scripts/setup.sh installs it)");
  }
  char dir[] = "/tmp/tollgate-count-XXXXXX";  // /tmp, not $TMPDIR: a fixed length
  if (mkdtemp(dir) == nullptr) throw std::runtime_error(std::string("cannot make a folder under /tmp: ") + std::strerror(errno));
  work_dir_ = dir;
  const std::string log = work_dir_ + "/valgrind-version.txt";
  if (runProcess({valgrind_, "--version"}, {}, "/", log) != 0) throw std::runtime_error(valgrind_ + " --version failed");
  std::ifstream in(log);
  std::getline(in, valgrind_version_);
  fs::create_symlink(selfExecutable(), work_dir_ + "/runner");
}

CallgrindCounter::~CallgrindCounter() {
  std::error_code ignored;
  fs::remove_all(work_dir_, ignored);
}

CountingContext CallgrindCounter::context(const std::string& compiler, const std::string& flags,
                                          const std::string& libc, const std::string& isa) const {
  return {"callgrind", valgrind_version_, "x86-64 instructions (callgrind Ir)",
          compiler + " | " + flags + " | " + libc + " | " + valgrind_version_ + " | " + isa};
}

CountedRow CallgrindCounter::count(const std::string& row_name, const std::vector<std::string>& suites,
                                   const std::string& profile, const std::string& data_dir,
                                   const std::vector<std::string>& extra_args) const {
  auto link = [&](const std::string& target, const std::string& name) {
    const std::string path = work_dir_ + "/" + name;
    fs::remove(path);
    fs::create_symlink(fs::absolute(target), path);
    return path;
  };
  const std::string dir = work_dir_ + "/row";  // one row at a time, under one name
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string answer = dir + "/counts.json";
  std::vector<std::string> argv = {valgrind_, "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no",
                                   "--dump-instr=no", "--dump-line=no", "--compress-strings=no",
                                   "--callgrind-out-file=" + dir + "/callgrind.out", "--log-file=" + dir + "/valgrind.log",
                                   work_dir_ + "/runner"};
  for (std::size_t i = 0; i < suites.size(); ++i) {
    argv.push_back("--suite=" + link(suites[i], "suite-" + std::to_string(i) + ".json"));
  }
  argv.push_back("--profile=" + profile);
  argv.push_back("--data-dir=" + link(data_dir, "data"));
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  argv.push_back("--count-row=" + row_name);
  argv.push_back("--count-out=" + answer);
  // A fixed environment; eager binding, so no first-call symbol resolution lands
  // in a counted operation.
  const int status = runProcess(argv, {"LD_BIND_NOW=1", "PATH=/usr/bin:/bin"}, work_dir_, dir + "/child.log");
  if (status != 0) {
    throw std::runtime_error("counting under callgrind failed (status " + std::to_string(status) + "): " +
                             tail(dir + "/child.log", 600) + tail(dir + "/valgrind.log", 300));
  }
  std::ifstream in(answer);
  if (!in) throw std::runtime_error("the counting child wrote no " + answer);
  const nlohmann::json j = nlohmann::json::parse(in);
  CountedRow row;
  row.per_op = j.at("per_op").get<std::uint64_t>();
  for (int p = 0; p < kPhaseCount; ++p) row.phases[p] = j.at("phases").at(kPhaseNames[p]).get<double>();
  row.isa = j.at("isa").get<std::string>();
  return row;
}

void countInChild(NativeCase& nc, int warmup_ops, const std::string& dump_base, const std::string& out_file) {
  if (!RUNNING_ON_VALGRIND) throw std::runtime_error("--count-row runs under callgrind only (use --instructions)");
  ProbeCounter counter{dump_base};
  // Translations made from here on are instrumented; nothing is collected yet.
  // The warm-up operations fill what a first operation fills (lazy statics,
  // pools), as the timed operations find them.
  CALLGRIND_START_INSTRUMENTATION;
  for (int i = 0; i < warmup_ops; ++i) {
    nc.beforeOp();
    nc.runOp();
  }
  nc.beforeOp();
  CALLGRIND_ZERO_STATS;
  CALLGRIND_TOGGLE_COLLECT;
  nc.runOp();
  CALLGRIND_TOGGLE_COLLECT;
  const std::uint64_t per_op = dumpNow(counter, "operation");

  // The phase split: one more operation, its probes reading the count.
  nc.beforeOp();
  resetLedger();
  setProbesEnabled(true);
  g_probe_counter = &counter;
  setClockSource(countingClock);
  CALLGRIND_ZERO_STATS;
  CALLGRIND_TOGGLE_COLLECT;
  nc.runOp();
  CALLGRIND_TOGGLE_COLLECT;
  setClockSource(nullptr);
  g_probe_counter = nullptr;
  setProbesEnabled(false);
  CALLGRIND_STOP_INSTRUMENTATION;

  nlohmann::json out = {{"per_op", per_op}, {"isa", isaLevel()}, {"phases", nlohmann::json::object()}};
  for (int p = 0; p < kPhaseCount; ++p) out["phases"][kPhaseNames[p]] = ledger().phase_ns[p];
  std::ofstream file(out_file);
  file << out.dump() << "\n";
  if (!file) throw std::runtime_error("cannot write " + out_file);
}

InstructionCounts toInstructionCounts(const CountedRow& counted) {
  InstructionCounts n;
  n.per_op = counted.per_op;
  PhaseCounts phases{};
  for (int p = 0; p < kPhaseCount; ++p) phases[p] = static_cast<std::uint64_t>(counted.phases[p]);
  n.phases = phases;
  return n;
}

}  // namespace tollgate::native
