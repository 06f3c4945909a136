#include "html/html_writer.h"

#include <cstdio>
#include <sstream>

#include "html/cells.h"
#include "html/report_assets.h"
#include "html/verdict_html.h"

namespace tollgate {
namespace {

using namespace html;

// Embedded JSON must not close its script element.
std::string scriptSafe(std::string json) {
  std::string out;
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else {
      out += json[i];
    }
  }
  return out;
}

void contextSection(const Json& files, std::ostringstream& h) {
  h << "<section id=\"context\"><h2>Where and how it ran</h2><div class=\"scroll\"><table id=\"context-table\"><thead><tr>"
       "<th class=\"text\">runtime</th><th class=\"text\">version</th><th class=\"text\">machine</th><th class=\"text\">date</th>"
       "<th class=\"text\">profile</th><th>rounds</th><th class=\"text\">compiler and flags</th><th class=\"text\">wasm modules</th>"
       "<th class=\"text\">timers and probes</th><th class=\"text\">commit</th><th class=\"text\">file</th></tr></thead><tbody>";
  for (const Json& f : files) {
    const Json& c = f["context"];
    std::string wasm;
    if (c.contains("wasm")) {
      for (const auto& [name, w] : c["wasm"].items()) {
        wasm += name + ".wasm " + bytes(w.value("size_bytes", 0.0)) + " (" + bytes(w.value("gzip_bytes", 0.0)) + " gzip)";
        if (w.contains("instantiate_ms")) wasm += ", instantiate " + fixed(w["instantiate_ms"].get<double>(), 1) + " ms";
        wasm += "; ";
      }
    }
    std::string timers;
    if (c.contains("timer_resolution_ns")) timers += "timer " + duration(c["timer_resolution_ns"].get<double>());
    if (c.contains("probe_overhead_ns")) timers += ", probe " + duration(c["probe_overhead_ns"].get<double>());
    if (c.contains("js_probe_overhead_ns")) timers += ", JS probe " + duration(c["js_probe_overhead_ns"].get<double>());
    if (c.contains("cross_origin_isolated")) timers += c["cross_origin_isolated"].get<bool>() ? ", cross-origin isolated" : ", NOT cross-origin isolated";
    if (c.contains("calibration_ns")) timers += ", calibration " + duration(c["calibration_ns"].get<double>());
    h << "<tr>" << txt(str(c, "runtime")) << txt(str(c, "runtime_version")) << txt(str(c, "cpu_model") + " (" +
         std::to_string(c.value("num_cpus", 0)) + " CPUs), " + str(c, "os")) << txt(str(c, "date")) << txt(str(c, "profile"))
      << num(c.value("rounds", 1), std::to_string(c.value("rounds", 1))) << txt(str(c, "compiler") + " " + str(c, "compiler_flags"), "text mono")
      << txt(wasm) << txt(timers) << txt(str(c, "git_commit"), "text mono") << txt(str(f, "path"), "text mono") << "</tr>";
  }
  h << "</tbody></table></div>";
  bool any = false;
  for (const Json& f : files) {
    for (const Json& failure : f["failures"]) {
      if (!any) h << "<div class=\"alert\" id=\"failures\"><strong>Failures</strong><ul>";
      any = true;
      h << "<li><code>" << escapeHtml(str(failure, "name")) << "</code> [" << escapeHtml(str(failure, "stage")) << "] "
        << escapeHtml(str(failure, "message")) << " <span class=\"note\">(" << escapeHtml(str(f, "path")) << ")</span></li>";
    }
  }
  if (any) h << "</ul></div>";
  h << "</section>";
}

// "1.23x [1.10, 1.35]" coloured by what it decided; "-" when there is nothing to compare.
std::string decidedCell(const Json& r) {
  if (r.is_null()) return txt("-", "");
  const std::string decision = str(r, "decision");
  const std::string cls = decision == "slower" ? "slower" : decision == "faster" ? "faster" : decision == "same" ? "same" : "unsure";
  return "<td class=\"" + cls + "\" data-value=\"" + fixed(r["ratio"], 6) + "\" title=\"" + escapeHtml(decision) +
         " (95% interval over " + std::to_string(r.value("rounds", 0)) + " process round(s))\">" + escapeHtml(ratioText(r)) + "</td>";
}

void caseArticle(const Json& kase, const std::string& path, bool has_baseline, std::ostringstream& h) {
  const std::string item = str(kase, "item");
  h << "<article class=\"case\" id=\"case-" << path << "\"><h3>" << escapeHtml(str(kase, "title")) << "</h3><div class=\"params\">"
    << escapeHtml(str(kase, "params")) << "</div>";
  if (kase.value("digests_agree", true)) {
    h << "<p class=\"ok note\">Results identical across " << kase["entries"].size() << " measurements ("
      << escapeHtml(str(kase["entries"][0], "digest")) << ").</p>";
  } else {
    h << "<div class=\"alert\">Results differ between measurements: see the digest column.</div>";
  }
  // Charts first: the side-by-side picture is what a reader looks for.
  h << "<div class=\"charts\">";
  for (const auto& [chart, title] : {std::pair<const char*, std::string>{"time", "Time per " + item + " (median, interquartile range)"},
                                     {"phases", "Boundary phases per " + item},
                                     {"boundary", "Crossings and bytes across per " + item}}) {
    h << "<div class=\"chart-box\"><h4>" << escapeHtml(title) << "</h4><div style=\"height:" << (60 + 22 * kase["entries"].size())
      << "px\"><canvas data-chart=\"" << chart << "\" data-case=\"" << path << "\"></canvas></div></div>";
  }
  h << "</div>";
  std::string naive;
  for (const Json& e : kase["entries"]) {
    if (e["vs_naive"].is_object()) naive = str(e["vs_naive"], "reference");
  }
  naive = naive.substr(naive.find(' ') + 1);
  h << "<div class=\"scroll\"><table class=\"sortable results\"><thead><tr><th class=\"text\">runtime</th><th class=\"text\">variant</th>"
    << "<th>per " << escapeHtml(item) << "</th><th>IQR</th><th>spread</th><th>× native</th>"
    << "<th>× " << escapeHtml(naive.empty() ? "naive" : naive) << "</th>"
    << "<th title=\"executed instructions per item (counting pass); + : the JS side is not counted\">instructions</th>"
    << "<th title=\"median time per item over instructions per item\">ns / instr</th><th>outside compute</th>"
    << "<th>crossings</th><th>bytes in</th><th>bytes out</th><th>allocs</th><th>heap peak</th><th>linear memory</th><th>recall</th>";
  if (has_baseline) h << "<th>vs baseline</th>";
  h << "<th class=\"text\">digest</th></tr></thead><tbody>";
  for (const Json& e : kase["entries"]) {
    const double per = e["per_item_ns"];
    h << "<tr data-runtime=\"" << escapeHtml(str(e, "runtime")) << "\" data-variant=\"" << escapeHtml(str(e, "variant")) << "\">"
      << txt(str(e, "file")) << txt(str(e, "variant")) << num(per, duration(per))
      << txt(duration(e["p25_ns"]) + " – " + duration(e["p75_ns"]), "mono")
      << num(e["spread_pct"], "±" + fixed(e["spread_pct"], 1) + "%") << decidedCell(e["vs_native"]) << decidedCell(e["vs_naive"]);
    if (!e["not_counted"].is_null()) h << "<td title=\"" << escapeHtml(str(e, "not_counted")) << "\">not counted</td>";
    else if (e["instructions"].is_null()) h << txt("-", "");
    else h << num(e["instructions"], formatMagnitude(e["instructions"]) + (e.value("js_uncounted", false) ? "+" : ""));
    if (e["ns_per_instruction"].is_null()) h << txt("-", "");
    else h << num(e["ns_per_instruction"], fixed(e["ns_per_instruction"], 3));
    if (e["outside_compute"].is_null()) h << txt("-", "");
    else {
      const bool distorted = !e["probe_inflation"].is_null() && e["probe_inflation"].get<double>() > 1.25;
      h << num(e["outside_compute"], fixed(100 * e["outside_compute"].get<double>(), 1) + "%" + (distorted ? " *" : ""));
    }
    h << num(e["crossings"], count(e["crossings"])) << num(e["bytes_in"], count(e["bytes_in"]))
      << num(e["bytes_out"], count(e["bytes_out"]));
    if (e["allocations"].is_null()) h << txt("-", "");  // measured from outside: unknown
    else h << num(e["allocations"], count(e["allocations"]));
    const Json& m = e["memory"];
    for (const char* key : {"heap_peak_bytes", "linear_memory_bytes"}) {
      if (m.contains(key)) h << num(m[key], bytes(m[key]));
      else h << txt("-", "");
    }
    if (e["recall"].is_null()) h << txt("-", "");
    else h << num(e["recall"], fixed(e["recall"], 3));
    if (has_baseline) h << (e["baseline"].is_null() ? txt("new", "") : decidedCell(e["baseline"]));
    h << txt(str(e, "digest"), "text mono") << "</tr>";
  }
  h << "</tbody></table></div></article>";
}

// Every row against the baseline, collapsed: the verdict lists the significant ones.
void baselineSection(const Json& model, std::ostringstream& h) {
  if (model["baseline"].is_null()) return;
  h << "<section id=\"baseline\"><h2>Against the baseline</h2><details><summary>Every row against "
    << escapeHtml(str(model["baseline"], "dir"))
    << (model["baseline"].value("same_machine", true) ? "" : " (different machine: " + str(model["baseline"], "note") + ")")
    << "</summary><p class=\"note\">Current over baseline per item, with the 95% interval over process rounds; a change "
       "is shown as faster or slower only when the whole interval lies beyond ±3%.</p>"
       "<div class=\"scroll\"><table id=\"baseline-table\" class=\"sortable\"><thead><tr><th class=\"text\">runtime</th>"
       "<th class=\"text\">benchmark</th><th>baseline</th><th>now</th><th>ratio</th><th class=\"text\">change</th>"
       "</tr></thead><tbody>";
  for (const Json& w : model["workloads"]) {
    for (const Json& kase : w["cases"]) {
      for (const Json& e : kase["entries"]) {
        if (e["baseline"].is_null()) continue;
        const Json& b = e["baseline"];
        const std::string decision = str(b, "decision");
        const std::string change = decision == "slower" || decision == "faster" ? decision
                                 : decision == "same" ? "within ±3%" : "no clear change";
        h << "<tr>" << txt(str(e, "runtime")) << txt(str(e, "name"), "text mono") << num(b["baseline_ns"], duration(b["baseline_ns"]))
          << num(e["per_item_ns"], duration(e["per_item_ns"])) << decidedCell(b) << txt(change, "text " + decision) << "</tr>";
      }
    }
  }
  h << "</tbody></table></div></details></section>";
}

void flameSection(const Json& flames, std::ostringstream& h) {
  h << "<section id=\"flamegraphs\"><h2>Flamegraphs</h2>";
  if (flames.empty()) {
    h << "<p class=\"note\">No flamegraphs in this report.</p></section>";
    return;
  }
  auto options = [&](const char* id, std::size_t selected, bool none) {
    h << "<select id=\"" << id << "\">";
    if (none) h << "<option value=\"-1\">(none)</option>";
    for (std::size_t i = 0; i < flames.size(); ++i) {
      h << "<option value=\"" << i << "\"" << (i == selected ? " selected" : "") << ">" << escapeHtml(str(flames[i], "title")) << "</option>";
    }
    h << "</select>";
  };
  h << "<div class=\"flame-controls\">";
  options("flame-select", 0, false);
  h << "<input id=\"flame-search\" type=\"search\" placeholder=\"search frames\"><button id=\"flame-reset\">Reset zoom</button>"
       "<span class=\"note\">Click a frame to zoom into it. Beside it:</span>";
  options("flame-select-b", flames.size(), true);
  h << "</div><p class=\"note legend\">Frame colours: <span class=\"cat wasm\">wasm</span> <span class=\"cat boundary\">boundary</span> "
       "<span class=\"cat glue\">glue</span> <span class=\"cat binding\">binding</span> <span class=\"cat js\">JS</span> "
       "<span class=\"cat runtime\">runtime</span> <span class=\"cat native\">native</span></p>"
       "<div class=\"flame-panes\"><div id=\"flamegraph\"></div><div id=\"flamegraph-b\" hidden></div></div></section>";
}

// The seed's table: each case and runtime with its peak memory, and the site that
// explains most of the peak.
void memorySection(const Json& memory, const Json& hotspots, std::ostringstream& h) {
  if (memory.empty()) return;
  h << "<section id=\"memory\"><h2>Memory by runtime</h2><p class=\"note\">From the profiling pass: C++ heap peak "
       "above what was live when profiling began (the same allocation hook in every runtime), linear memory (it never "
       "shrinks) with its growth events, the process as the runtime sees it, and what the instrumentation costs "
       "there: a probe scope, the allocation hook per allocation, and the hook while profiling sites (natively that "
       "includes capturing the call stack).</p><div class=\"scroll\">"
       "<table id=\"memory-table\" class=\"sortable\"><thead><tr><th class=\"text\">case</th><th class=\"text\">runtime</th>"
       "<th>operations</th><th>C++ heap peak</th><th>linear memory</th><th>growths</th><th>JS heap</th><th>external</th>"
       "<th>RSS (peak)</th><th class=\"text\">largest site at the peak</th><th>probe</th><th>hook per alloc</th>"
       "<th>profiling per alloc</th></tr></thead><tbody>";
  for (const Json& m : memory) {
    const Json& p = m.value("process", Json::object());
    std::string top;
    double top_share = 0;
    for (const Json& t : hotspots) {
      if (str(t, "runtime") != str(m, "runtime") || t.value("title", "").rfind(str(m, "case"), 0) != 0) continue;
      for (const Json& site : t["sites"]) {
        if (site.value("share_of_peak", 0.0) > top_share) {
          top_share = site.value("share_of_peak", 0.0);
          top = str(site, "site") + " (" + fixed(100 * top_share, 1) + "%)";
        }
      }
    }
    const double rss = p.value("renderer_rss_bytes", p.value("rss_bytes", 0.0));
    const double rss_peak = p.value("renderer_rss_peak_bytes", p.value("rss_peak_bytes", rss));
    h << "<tr>" << txt(str(m, "case"), "text mono") << txt(str(m, "runtime") + (p.contains("renderer_rss_bytes") ? " (renderer)" : ""))
      << num(m.value("ops", 0.0), fixed(m.value("ops", 0.0), 0));
    if (m.contains("heap_peak_bytes")) h << num(m["heap_peak_bytes"], bytes(m["heap_peak_bytes"]));
    else h << txt("-", "");  // measured from outside: the module's heap is unknown
    if (m.contains("linear_memory_bytes")) {
      h << num(m["linear_memory_bytes"], bytes(m["linear_memory_bytes"])) << num(m["linear_memory_growth"].size(), std::to_string(m["linear_memory_growth"].size()));
    } else {
      h << txt("-", "") << txt("-", "");
    }
    for (const char* key : {"js_heap_used_bytes", "external_bytes"}) {
      if (p.contains(key)) h << num(p[key], bytes(p[key]));
      else h << txt("-", "");
    }
    h << num(rss_peak, rss > 0 ? bytes(rss) + " (" + bytes(rss_peak) + ")" : "-") << txt(top);
    // What the instrumentation itself costs here (the profiling pass measures it).
    for (const char* key : {"probe_overhead_ns", "alloc_hook_overhead_ns", "alloc_profile_overhead_ns"}) {
      if (m.contains(key)) h << num(m[key], duration(m[key]));
      else h << txt("-", "");
    }
    h << "</tr>";
  }
  h << "</tbody></table></div></section>";
}

void hotspotSection(const Json& hotspots, std::ostringstream& h) {
  if (hotspots.empty()) return;
  h << "<section id=\"hotspots\"><h2>Memory hotspots</h2>";
  for (const Json& t : hotspots) {
    h << "<h3>" << escapeHtml(str(t, "title").empty() ? str(t, "path") : str(t, "title")) << "</h3>";
    if (t.contains("peak_bytes")) {
      h << "<p class=\"note\">The profiled allocations peaked at " << bytes(t["peak_bytes"].get<double>())
        << " live at once; share of peak is each site's part of that moment (the shares add up to 100% at most).</p>";
    }
    h << "<div class=\"scroll\"><table class=\"sortable hotspots\"><thead><tr><th class=\"text\">site</th><th class=\"text\">scope</th>"
         "<th>allocations</th><th>bytes</th><th>peak live</th><th>live at end</th><th>share of peak</th></tr></thead><tbody>";
    for (const Json& s : t["sites"]) {
      h << "<tr>" << txt(str(s, "site"), "text mono") << txt(str(s, "scope")) << num(s.value("allocations", 0.0), fixed(s.value("allocations", 0.0), 0))
        << num(s.value("bytes", 0.0), bytes(s.value("bytes", 0.0))) << num(s.value("peak_live_bytes", 0.0), bytes(s.value("peak_live_bytes", 0.0)))
        << num(s.value("live_end_bytes", 0.0), bytes(s.value("live_end_bytes", 0.0)))
        << num(s.value("share_of_peak", 0.0), fixed(100 * s.value("share_of_peak", 0.0), 1) + "%") << "</tr>";
    }
    h << "</tbody></table></div>";
  }
  h << "</section>";
}

}  // namespace

std::string escapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string renderReportHtml(const Json& model) {
  std::ostringstream h;
  const std::string title = str(model, "title");
  // A profile's report has no results files: no verdict, cases or context to show.
  const bool measured = !model["files"].empty();
  const bool gates = !model["gates"].is_null();
  h << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
    << "<title>" << escapeHtml(title) << "</title><link rel=\"icon\" href=\"data:,\"><style>" << reportAsset("report.css")
    << "</style></head><body><header class=\"top\"><h1>" << escapeHtml(title) << "</h1><span class=\"meta\">";
  if (measured) h << model["files"].size() << " results file(s)";
  else h << model["memory"].size() << " profile(s)";
  h << "</span></header><nav class=\"toc\">" << (measured || gates ? "<a href=\"#verdict\">Verdict</a>" : "")
    << (measured ? "<a href=\"#workloads\">Workloads</a>" : "") << "<a href=\"#flamegraphs\">Flamegraphs</a>"
    << (model["memory"].empty() ? "" : "<a href=\"#memory\">Memory</a>")
    << (model["hotspots"].empty() ? "" : "<a href=\"#hotspots\">Memory hotspots</a>")
    << (gates ? "<a href=\"#gates\">Gates</a>" : "") << (model["baseline"].is_null() ? "" : "<a href=\"#baseline\">Baseline</a>")
    << (measured ? "<a href=\"#context\">Context</a>" : "") << "</nav><main>";
  if (measured || gates) verdictSection(model, h);
  if (measured) {
    h << "<section id=\"workloads\">";
    const bool has_baseline = !model["baseline"].is_null();
    for (std::size_t w = 0; w < model["workloads"].size(); ++w) {
      const Json& workload = model["workloads"][w];
      h << "<h2 class=\"workload\">" << escapeHtml(str(workload, "workload")) << "</h2>";
      for (std::size_t c = 0; c < workload["cases"].size(); ++c) {
        caseArticle(workload["cases"][c], std::to_string(w) + "/" + std::to_string(c), has_baseline, h);
      }
    }
    h << "<p class=\"note\" id=\"reading\">How to read the tables: times are medians per item over every sample; IQR is "
         "the interquartile range; spread is the median absolute deviation. × native and × the naive adapter are ratios "
         "of per-item times with their 95% interval over process rounds, coloured when decided (slower, faster, within "
         "±3%). Outside compute is the share of the phase-pass time not spent computing (* marks splits the probes "
         "themselves distort).</p></section>";
  }
  flameSection(model["flamegraphs"], h);
  memorySection(model["memory"], model["hotspots"], h);
  hotspotSection(model["hotspots"], h);
  gateDetailsSection(model["gates"], h);
  baselineSection(model, h);
  if (measured) contextSection(model["files"], h);
  h << "</main><script id=\"tollgate-report-data\" type=\"application/json\">" << scriptSafe(model.dump())
    << "</script>\n<script>" << reportAsset("chart.js") << "</script>\n<script>" << reportAsset("d3.js")
    << "</script>\n<script>" << reportAsset("d3-flamegraph.js") << "</script>\n<script>" << reportAsset("report-page.js")
    << "</script></body></html>\n";
  return h.str();
}

}  // namespace tollgate
