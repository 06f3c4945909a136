#include "analysis/hotspots.h"

#include <algorithm>
#include <map>

#include "analysis/profiles.h"
#include "tollgate/probe.h"

namespace tollgate {
namespace {

bool libraryFrame(const std::string& name) {
  for (const char* prefix : {"std::", "void std::", "__gnu_cxx::", "operator ", "?"}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::string phaseText(int phase) {
  return phase >= 0 && phase < kPhaseCount ? kPhaseNames[phase] : "(none)";
}

}  // namespace

std::string siteLabel(const std::vector<std::string>& frames, int phase) {
  if (frames.empty()) {
    return phase >= 0 ? "phase " + phaseText(phase) : "outside the probes (setup between operations)";
  }
  std::size_t own = 0;
  while (own < frames.size() && libraryFrame(frames[own])) ++own;
  if (own == frames.size()) return shortFrameName(frames.front());
  std::string label = shortFrameName(frames[own]);
  // Through the library: name its innermost frame that has a name (the allocation itself).
  for (std::size_t i = 0; i < own; ++i) {
    if (frames[i] != "?") return label + " via " + shortFrameName(frames[i]);
  }
  return label;
}

nlohmann::ordered_json hotspotTable(const std::vector<NamedSite>& sites, std::uint64_t peak_bytes,
                                    const std::string& title, const std::string& runtime, std::uint64_t ops) {
  struct Row {
    std::string label, scope, stack;
    NamedSite sum;
  };
  std::map<std::pair<std::string, int>, Row> merged;
  for (const NamedSite& s : sites) {
    Row& r = merged[{siteLabel(s.frames, s.phase), s.phase}];
    if (r.label.empty()) {
      r.label = siteLabel(s.frames, s.phase);
      r.scope = phaseText(s.phase);
      for (auto it = s.frames.rbegin(); it != s.frames.rend(); ++it) r.stack += (r.stack.empty() ? "" : ";") + shortFrameName(*it);
    }
    r.sum.allocations += s.allocations;
    r.sum.bytes += s.bytes;
    r.sum.peak_live_bytes += s.peak_live_bytes;  // an upper bound when merged: each site's own peak
    r.sum.live_bytes += s.live_bytes;
    r.sum.live_at_heap_peak += s.live_at_heap_peak;
  }
  std::vector<const Row*> ranked;
  for (const auto& [key, row] : merged) ranked.push_back(&row);
  std::stable_sort(ranked.begin(), ranked.end(), [](const Row* a, const Row* b) { return a->sum.bytes > b->sum.bytes; });
  nlohmann::ordered_json table = {{"format", "tollgate-hotspots/1"}, {"runtime", runtime}, {"title", title},
                                  {"ops", ops}, {"peak_bytes", peak_bytes}, {"sites", nlohmann::ordered_json::array()}};
  for (const Row* r : ranked) {
    nlohmann::ordered_json site = {{"site", r->label}, {"scope", r->scope}, {"allocations", r->sum.allocations},
                                   {"bytes", r->sum.bytes}, {"peak_live_bytes", r->sum.peak_live_bytes},
                                   {"live_end_bytes", r->sum.live_bytes},
                                   {"share_of_peak", peak_bytes > 0 ? double(r->sum.live_at_heap_peak) / double(peak_bytes) : 0.0}};
    if (!r->stack.empty()) site["stack"] = r->stack;
    table["sites"].push_back(site);
  }
  return table;
}

}  // namespace tollgate
