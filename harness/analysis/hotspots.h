#pragma once
// The memory hotspot table (tollgate-hotspots/1), from allocation sites: per site,
// ranked by bytes, its allocations, bytes, own peak live bytes, bytes still live at
// the end, and the share of the heap's peak it explains. Pure: the sites come named.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tollgate {

struct NamedSite {
  int phase = -1;                   // tollgate::Phase, or -1 outside every probe scope
  std::vector<std::string> frames;  // innermost first; empty where there are no stacks (wasm)
  std::uint64_t allocations = 0;
  std::uint64_t bytes = 0;
  std::uint64_t peak_live_bytes = 0;
  std::uint64_t live_bytes = 0;
  std::uint64_t live_at_heap_peak = 0;
};

// The frame a reader should see for a site: the innermost one that is not the
// standard library's, with the library frame it went through ("f via std::vector<…>::reserve").
std::string siteLabel(const std::vector<std::string>& frames, int phase);

// Sites with the same label and phase are merged.
nlohmann::ordered_json hotspotTable(const std::vector<NamedSite>& sites, std::uint64_t peak_bytes,
                                    const std::string& title, const std::string& runtime, std::uint64_t ops);

}  // namespace tollgate
