#pragma once
// The native runner's profiling pass (--profile-dir): a case's kernel in a loop for a
// few seconds, with allocation sites (with their call stacks) and probe traces on,
// apart from any timing run. CPU samples come from perf around the whole process
// (scripts/profile.sh), which the process cannot do for itself.

#include <string>

#include "native_case.h"

namespace tollgate::native {

// Writes <dir>/<case>/native/{hotspots,trace,memory}.json; returns that folder.
std::string profileCase(NativeCase& nc, const SuiteCase& sc, const std::string& name, const std::string& dir,
                        double seconds);

}  // namespace tollgate::native
