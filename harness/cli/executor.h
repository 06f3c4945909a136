#pragma once
// How the CLI starts child processes (the native runner, the Node and Chromium
// runners, perf): an interface, so that the run and profile verbs are tested with a
// mock that records the commands and writes what a runner would have written
// (hyperfine's Executor), and run for real through ProcessExecutor.

#include <map>
#include <string>
#include <vector>

namespace tollgate::cli {

struct Command {
  std::vector<std::string> argv;               // argv[0] is looked up on PATH when it has no '/'
  std::string stdout_path;                     // stdout into this file; "" = ours
  std::string stderr_path;                     // stderr into this file ("" = ours; may equal stdout_path)
  std::map<std::string, std::string> env;      // set on top of our environment
};

struct Outcome {
  int status = 0;         // the exit status, or 128 + the signal that ended it
  double seconds = 0;     // wall time
  std::string error;      // why it could not start ("" when it ran)
};

class Executor {
 public:
  virtual ~Executor() = default;
  virtual Outcome run(const Command& command) = 0;
};

// Runs each command as a real process (posix_spawn) and waits for it.
class ProcessExecutor : public Executor {
 public:
  Outcome run(const Command& command) override;
};

// "a b 'c d'": a command as a person would retype it, for logs and errors.
std::string commandLine(const std::vector<std::string>& argv);

}  // namespace tollgate::cli
