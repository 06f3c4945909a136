#pragma once
// The report as one self-contained HTML file: tables rendered here (the page reads
// without its script), the model embedded as JSON for the charts and flamegraphs,
// and every library inlined. No network, no CDN: it opens from disk.

#include <string>

#include <nlohmann/json.hpp>

namespace tollgate {

std::string renderReportHtml(const nlohmann::ordered_json& model);

// Text for HTML content and attribute values.
std::string escapeHtml(const std::string& text);

}  // namespace tollgate
