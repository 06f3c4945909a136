#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>

#include <cstdio>
#include <cstdlib>
#include <map>

#include "tollgate/stack.h"

namespace tollgate {
namespace {

std::string demangle(const char* symbol) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(symbol, nullptr, nullptr, &status);
  std::string name = status == 0 && demangled != nullptr ? demangled : symbol;
  std::free(demangled);
  return name;
}

// dladdr sees only exported symbols; addr2line reads the whole symbol table, so
// functions with internal linkage get their names too. Called when a hotspot table
// is written, never while allocations are being recorded.
std::string addr2line(const char* object, std::uintptr_t offset) {
  char command[1024];
  std::snprintf(command, sizeof command, "addr2line -f -C -e '%s' 0x%lx 2>/dev/null", object,
                static_cast<unsigned long>(offset));
  FILE* pipe = popen(command, "r");
  if (pipe == nullptr) return "";
  char line[4096] = {0};
  const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
  pclose(pipe);
  std::string name = read ? line : "";
  while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.pop_back();
  return name == "??" ? "" : name;
}

}  // namespace

int captureStack(void** frames, int max) { return backtrace(frames, max); }

std::string describeFrame(void* frame) {
  static std::map<void*, std::string> cache;
  const auto cached = cache.find(frame);
  if (cached != cache.end()) return cached->second;
  Dl_info info{};
  // A return address points after the call: step back one byte into the caller.
  char* address = static_cast<char*>(frame) - 1;
  std::string name;
  if (dladdr(address, &info) != 0) {
    if (info.dli_sname != nullptr) {
      name = demangle(info.dli_sname);
    } else if (info.dli_fname != nullptr) {
      name = addr2line(info.dli_fname, reinterpret_cast<std::uintptr_t>(address) -
                                           reinterpret_cast<std::uintptr_t>(info.dli_fbase));
    }
  }
  return cache[frame] = name;
}

}  // namespace tollgate
