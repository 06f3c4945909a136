#pragma once
// The native runner's profiling pass (--profile-dir): a case's kernel in a loop for a
// few seconds, apart from any timing run. CPU samples come from perf around a whole
// process (scripts/profile.sh), so the CPU part and the instrumented part (allocation
// sites with their call stacks, probe traces) run in separate processes: perf never
// samples the instrumentation.

#include <string>

#include "tollgate/native_case.h"

namespace tollgate::native {

// The part of a profile a process runs: `cpu`, the plain operation in a loop for perf
// to sample (nothing instrumented, nothing written); `instrumented`, the loop with
// probes, their trace and allocation sites on, written as
// <dir>/<case>/native-<variant>/{hotspots,trace,memory}.json. Returns that folder.
enum class ProfilePart { cpu, instrumented };

std::string profileCase(NativeCase& nc, const SuiteCase& sc, const std::string& name, const std::string& dir,
                        double seconds, ProfilePart part);

}  // namespace tollgate::native
