#include "cli/executor.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

extern char** environ;

namespace tollgate::cli {
namespace {

// The environment a child gets: ours, with the command's variables set on top.
std::vector<std::string> childEnvironment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    if (!extra.count(name)) out.push_back(entry);
  }
  for (const auto& [name, value] : extra) out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

std::string commandLine(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& arg : argv) {
    const bool plain = !arg.empty() && arg.find_first_of(" \t'\"\\$*?()[]{}|;&<>") == std::string::npos;
    std::string quoted;
    if (plain) {
      quoted = arg;
    } else {
      quoted = "'";
      for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      quoted += "'";
    }
    out += (out.empty() ? "" : " ") + quoted;
  }
  return out;
}

Outcome ProcessExecutor::run(const Command& command) {
  Outcome outcome;
  if (command.argv.empty()) {
    outcome.status = 127;
    outcome.error = "empty command";
    return outcome;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!command.stdout_path.empty()) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, command.stdout_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  if (!command.stderr_path.empty()) {
    if (command.stderr_path == command.stdout_path) {
      posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    } else {
      posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, command.stderr_path.c_str(),
                                       O_WRONLY | O_CREAT | O_TRUNC, 0644);
    }
  }
  std::vector<std::string> argv = command.argv;
  std::vector<std::string> env = childEnvironment(command.env);
  std::vector<char*> argv_ptrs = pointers(argv), env_ptrs = pointers(env);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, argv_ptrs.data(), env_ptrs.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    outcome.status = 127;
    outcome.error = "cannot start " + argv[0] + ": " + std::strerror(spawned);
    return outcome;
  }
  int raw = 0;
  while (waitpid(pid, &raw, 0) < 0) {
    if (errno != EINTR) {
      outcome.status = 127;
      outcome.error = "lost track of " + argv[0] + ": " + std::strerror(errno);
      return outcome;
    }
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  outcome.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : 127;
  return outcome;
}

}  // namespace tollgate::cli
