// Running one target's campaign: processes, folders and files.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "campaign.h"

extern char** environ;

namespace tollgate::fuzz {
namespace fs = std::filesystem;

ProcessExit runProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
               const std::string& log_path, double timeout_s) {
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (!env.count(entry.substr(0, entry.find('=')))) env_text.push_back(entry);
  }
  for (const auto& [key, value] : env) env_text.push_back(key + "=" + value);
  std::vector<char*> args, envp;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (std::string& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);  // its own group: killed whole on time-out
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, args[0], &files, &attributes, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) return -1;

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  int status = 0;
  struct rusage usage {};
  auto cpu = [&usage] {
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  };
  while (wait4(pid, &status, WNOHANG, &usage) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      std::ofstream(log_path, std::ios::app) << "\ntollgate fuzz: killed after " << timeout_s << " s\n";
      return {128 + SIGKILL, cpu()};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), cpu()};
}

namespace {

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file of a file or folder (recursively), sorted; nothing if it is absent.
std::vector<std::string> filesOf(const std::string& path) {
  std::vector<std::string> out;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return {path};
  if (!fs::is_directory(path, ec)) return {};
  for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
    if (entry.is_regular_file()) out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> limits(const TargetSpec& t, const CampaignOptions& o) {
  return {"-timeout=" + std::to_string(o.input_timeout_s), "-rss_limit_mb=" + std::to_string(o.rss_limit_mb),
          "-max_len=" + std::to_string(t.max_len)};
}

}  // namespace

TargetResult runTarget(const TargetSpec& target, const CampaignOptions& o, const Runner& run) {
  const auto started = std::chrono::steady_clock::now();
  TargetResult r;
  r.name = target.name;
  const std::string logs = o.out_dir + "/logs", artifacts = o.out_dir + "/artifacts/" + target.name + "/";
  const std::string work = o.work_dir + "/" + target.name;
  fs::create_directories(logs);
  fs::create_directories(artifacts);
  fs::create_directories(work);
  auto finish = [&]() -> TargetResult {
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
  };
  if (!fs::exists(target.binary)) {
    r.error = "no fuzzer at " + target.binary + " (build it: cmake --preset fuzz && cmake --build --preset fuzz)";
    return finish();
  }

  // 1. Replay what is committed (seeds and every crash ever found) and the seeds,
  // each file whole (libFuzzer would cut corpus inputs at -max_len).
  std::vector<std::string> replay = filesOf(target.corpus);
  if (replay.empty()) {
    r.error = "the committed corpus " + target.corpus + " is empty";
    return finish();
  }
  std::vector<std::string> seeds;
  for (const std::string& s : target.seeds) {
    for (const std::string& f : filesOf(s)) seeds.push_back(f);
  }
  replay.insert(replay.end(), seeds.begin(), seeds.end());
  std::vector<std::string> argv = {target.binary, "-artifact_prefix=" + artifacts};
  for (const std::string& a : limits(target, o)) argv.push_back(a);
  argv.back() = "-max_len=" + std::to_string(1 << 30);  // whole files
  argv.insert(argv.end(), replay.begin(), replay.end());
  const std::string replay_log = logs + "/" + target.name + "-replay.log";
  const int replayed =
      run(argv, {}, replay_log, 60.0 + 2.0 * o.input_timeout_s * static_cast<double>(replay.size())).status;
  r.replayed = replay.size();
  if (replayed != 0) {
    const RunStats s = parseLibFuzzerOutput(readText(replay_log));
    r.replay_failure = (s.input.empty() ? std::string("an input") : s.input) + ": " +
                       (s.summary.empty() ? "exit status " + std::to_string(replayed) : s.summary) +
                       " (log " + replay_log + ")";
    r.fuzz.finding = s.finding.empty() ? "crash" : s.finding;
    r.fuzz.artifact = s.input;
    r.fuzz.summary = s.summary;
    return finish();
  }

  // 2. Seeds join the working corpus once; then fuzz. New inputs go to the first
  // folder (the working corpus); the committed one is read only.
  for (const std::string& f : seeds) {
    const fs::path copy = fs::path(work) / ("seed-" + fs::path(f).filename().string());
    std::error_code ec;
    if (!fs::exists(copy)) fs::copy_file(f, copy, ec);
  }
  argv = {target.binary, "-max_total_time=" + std::to_string(static_cast<long long>(o.seconds_per_target)),
          "-print_final_stats=1", "-artifact_prefix=" + artifacts};
  for (const std::string& a : limits(target, o)) argv.push_back(a);
  if (target.dict) argv.push_back("-dict=" + *target.dict);
  argv.push_back(work);
  argv.push_back(target.corpus);
  const std::string fuzz_log = logs + "/" + target.name + "-fuzz.log";
  const ProcessExit fuzz_exit = run(argv, {}, fuzz_log, o.seconds_per_target + 120.0 + 2.0 * o.input_timeout_s);
  const int fuzzed = fuzz_exit.status;
  r.fuzz_cpu_seconds = fuzz_exit.cpu_seconds;
  r.fuzz = parseLibFuzzerOutput(readText(fuzz_log));
  if (fuzzed != 0 && r.fuzz.finding.empty()) {
    r.error = "the fuzzer exited with status " + std::to_string(fuzzed) + " and no finding (log " + fuzz_log + ")";
  }
  if (fuzzed != 0) {
    r.corpus_after_run = filesOf(work).size();  // not merged: what it held when the finding stopped it
    return finish();
  }

  // 3. Merge: the smallest set of inputs that keeps all coverage, from the
  // working corpus and the committed one, becomes the working corpus.
  const std::string merged = work + ".merged";
  fs::remove_all(merged);
  fs::create_directories(merged);
  argv = {target.binary, "-merge=1"};
  for (const std::string& a : limits(target, o)) argv.push_back(a);
  argv.insert(argv.end(), {merged, work, target.corpus});
  const std::string merge_log = logs + "/" + target.name + "-merge.log";
  if (run(argv, {}, merge_log, 600.0 + 2.0 * o.input_timeout_s).status == 0) {
    fs::remove_all(work);
    fs::rename(merged, work);
  } else {
    r.error = "merging the corpora failed (log " + merge_log + ")";
    fs::remove_all(merged);
  }
  r.corpus_after_run = filesOf(work).size();

  // 4. The slowest input of the merged corpus: every input replayed in one
  // process, timed by the target itself (tollgate/fuzz.h).
  const std::string slowest = artifacts + "slowest-input";
  fs::remove(slowest);
  fs::remove(slowest + ".txt");
  argv = {target.binary, "-runs=0"};
  for (const std::string& a : limits(target, o)) argv.push_back(a);
  argv.push_back(work);
  const std::string slow_log = logs + "/" + target.name + "-slowest.log";
  if (run(argv, {{"TOLLGATE_FUZZ_SLOWEST", slowest}}, slow_log, 600.0 + 2.0 * o.input_timeout_s).status == 0) {
    std::ifstream timing(slowest + ".txt");
    double ns = 0;
    unsigned long long bytes = 0;
    if (timing >> ns >> bytes) {
      r.slowest_ms = ns / 1e6;
      r.slowest_bytes = bytes;
      r.slowest_input = slowest;
    }
  }
  return finish();
}

}  // namespace tollgate::fuzz
