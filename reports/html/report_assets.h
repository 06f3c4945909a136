#pragma once
#include <string>

namespace tollgate {

// The files the report page inlines, embedded at build time: "chart.js", "d3.js",
// "d3-flamegraph.js" (from the pinned npm packages), "report.css", "report-page.js".
const std::string& reportAsset(const std::string& name);

}  // namespace tollgate
