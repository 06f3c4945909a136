#include "native_profiler.h"

#include <filesystem>
#include <fstream>

#include "analysis/hotspots.h"
#include "analysis/profiles.h"
#include "sysinfo.h"
#include "tollgate/alloc_hook.h"
#include "tollgate/clock.h"
#include "tollgate/probe.h"

namespace tollgate::native {
namespace {

void writeJson(const std::filesystem::path& file, const nlohmann::ordered_json& value) {
  std::ofstream out(file);
  if (!(out << value.dump() << "\n")) throw std::runtime_error("cannot write " + file.string());
}

nlohmann::ordered_json traceJson() {
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  const TraceEvent* e = traceEvents();
  for (std::size_t i = 0; i < traceEventCount(); ++i) {
    events.push_back({{"name", kPhaseNames[e[i].phase]}, {"cat", "tollgate,native"}, {"ph", "X"},
                      {"ts", e[i].start_ns / 1000.0}, {"dur", e[i].duration_ns / 1000.0}, {"pid", "native"}, {"tid", "native"}});
  }
  return {{"traceEvents", events}, {"displayTimeUnit", "ns"}, {"otherData", {{"dropped_events", traceEventsDropped()}}}};
}

}  // namespace

std::string profileCase(NativeCase& nc, const SuiteCase& sc, const std::string& name, const std::string& dir,
                        double seconds, ProfilePart part) {
  const std::string variant = name.substr(name.find('/') + 1, name.find('/', name.find('/') + 1) - name.find('/') - 1);
  const std::filesystem::path folder = std::filesystem::path(dir) / profileCaseFolder(name) / ("native-" + variant);
  std::filesystem::create_directories(folder);
  // Warm-up, as the timing pass does.
  const double warm_start = nowNs();
  for (int w = 0; w < sc.warmup_ops || nowNs() - warm_start < sc.warmup_ms * 1e6; ++w) {
    nc.beforeOp();
    nc.runOp();
  }
  if (part == ProfilePart::cpu) {
    const double start = nowNs();
    while (nowNs() - start < seconds * 1e9) {
      nc.beforeOp();
      nc.runOp();
    }
    return folder.string();
  }
  setProbesEnabled(true);
  startTrace(1 << 17);
  startAllocProfile();
  const double start = nowNs();
  std::uint64_t ops = 0;
  while (nowNs() - start < seconds * 1e9) {
    nc.beforeOp();
    nc.runOp();
    ++ops;
  }
  stopAllocProfile();
  stopTrace();
  setProbesEnabled(false);

  const AllocProfile profile = allocProfile();
  std::vector<NamedSite> sites;
  for (const AllocSite& s : profile.sites) {
    sites.push_back({s.phase, allocSiteFrames(s), s.allocations, s.bytes, s.peak_live_bytes, s.live_bytes,
                     s.live_at_heap_peak});
  }
  writeJson(folder / "hotspots.json", hotspotTable(sites, profile.peak_bytes, name + ", native", "native", ops));
  writeJson(folder / "trace.json", traceJson());
  writeJson(folder / "memory.json",
            {{"format", "tollgate-memory/1"}, {"runtime", "native"}, {"case", name}, {"ops", ops},
             {"heap_peak_bytes", profile.heap_peak_bytes},
             {"process", {{"rss_bytes", rssBytes()}, {"rss_peak_bytes", peakRssBytes()}}},
             {"alloc_hook_overhead_ns", measureAllocHookOverheadNs(20000, false)},
             {"alloc_profile_overhead_ns", measureAllocHookOverheadNs(2000, true)},
             {"probe_overhead_ns", measureProbeOverheadNs(100000)}});
  return folder.string();
}

}  // namespace tollgate::native
