// The `tollgate` command. Its verbs and their options are defined in verb_*.cc;
// `tollgate --help` lists them and `tollgate VERB --help` shows one.

#include <unistd.h>

#include <climits>
#include <filesystem>
#include <iostream>

#include "cli/cli.h"
#include "cli/executor.h"
#include "cli/verbs.h"

namespace {

// Where this executable is: tollgate_native is built beside it.
std::string binDir() {
  char path[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return ".";
  return std::filesystem::path(std::string(path, static_cast<std::size_t>(n))).parent_path().string();
}

// The checkout the runners and workloads are read from: TOLLGATE_ROOT, else the
// source tree this binary was built from.
std::string repositoryRoot() {
  if (const char* root = std::getenv("TOLLGATE_ROOT"); root != nullptr && *root != '\0') return root;
  return TOLLGATE_SOURCE_DIR;
}

}  // namespace

int main(int argc, char** argv) {
  tollgate::cli::ProcessExecutor executor;
  tollgate::cli::Env env(std::cout, std::cerr);
  env.executor = &executor;
  env.root = repositoryRoot();
  env.bin_dir = binDir();
  env.manifest = TOLLGATE_WORKLOAD_MANIFEST;
  return tollgate::cli::runCli(tollgate::cli::allVerbs(), std::vector<std::string>(argv + 1, argv + argc), env);
}
