#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>

#include <cstdlib>

#include "tollgate/stack.h"

namespace tollgate {

int captureStack(void** frames, int max) { return backtrace(frames, max); }

std::string describeFrame(void* frame) {
  Dl_info info{};
  // A return address points after the call: step back one byte into the caller.
  if (dladdr(static_cast<char*>(frame) - 1, &info) == 0 || info.dli_sname == nullptr) return "";
  int status = 0;
  char* demangled = abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status);
  std::string name = status == 0 && demangled != nullptr ? demangled : info.dli_sname;
  std::free(demangled);
  return name;
}

}  // namespace tollgate
