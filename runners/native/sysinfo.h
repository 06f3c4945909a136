#pragma once
// What the native runner knows about the machine and the process. Linux only
// (/proc), like the rest of the harness's native side.

#include <cstdint>
#include <string>

namespace tollgate::native {

std::string cpuModel();
std::string osDescription();       // "Linux 6.1.0-... x86_64"
std::string libcVersion();         // "glibc 2.36"
std::uint64_t rssBytes();          // now
std::uint64_t peakRssBytes();      // process high-water mark so far
double timerResolutionNs();        // smallest observed step of the clock
double loadAverage();              // 1-minute load average, 0 if unknown
std::string isoDateNow();

}  // namespace tollgate::native
