#include "html/verdict_html.h"

#include "html/cells.h"

namespace tollgate::html {
namespace {

// A gate's measured value as it reads: a change (+12.3%), a ratio (1.234x) or a count.
std::string gateValue(const std::string& kind, double v) {
  if (kind == "baseline") return (v >= 1 ? "+" : "") + fixed(100 * (v - 1), 1) + "%";
  if (kind == "relative") return fixed(v, 3) + "x";
  return fixed(v, 0);
}

void attentionItem(const Json& a, std::ostringstream& h) {
  const std::string kind = str(a, "kind");
  h << "<li class=\"attention-" << (kind == "gate failed" ? "gate" : kind == "failure" ? "failure" : "digest") << "\">";
  if (kind == "gate failed") {
    const std::string gk = str(a, "gate_kind");
    h << "<strong>gate <code>" << escapeHtml(str(a, "gate")) << "</code> failed</strong>: " << escapeHtml(str(a, "subject"));
    if (!str(a, "expected").empty()) {  // nothing was measured when the gate matched no row
      h << " measured <strong>" << gateValue(gk, a.value("measured", 0.0)) << "</strong>";
      if (a.contains("interval")) h << " [" << gateValue(gk, a["interval"][0]) << ", " << gateValue(gk, a["interval"][1]) << "]";
      h << ", expected " << escapeHtml(str(a, "expected"));
    }
    if (!str(a, "note").empty()) h << " <span class=\"note\">(" << escapeHtml(str(a, "note")) << ")</span>";
  } else if (kind == "failure") {
    h << "<strong><code>" << escapeHtml(str(a, "subject")) << "</code> failed</strong> (" << escapeHtml(str(a, "text")) << ")";
  } else {
    h << "<strong>" << escapeHtml(kind) << "</strong>: " << escapeHtml(str(a, "subject")) << ": " << escapeHtml(str(a, "text"));
  }
  h << "</li>";
}

void changeItem(const Json& c, const char* way, std::ostringstream& h) {
  h << "<li><span class=\"" << way << "\">" << fixed(c["ratio"], 2) << "x</span> [" << fixed(c["lower"], 2) << ", "
    << fixed(c["upper"], 2) << "] " << escapeHtml(str(c, "runtime")) << " <code>" << escapeHtml(str(c, "name"))
    << "</code>: " << duration(c["now_ns"]) << ", was " << duration(c["baseline_ns"]) << "</li>";
}

// Lists the first `shown` items, the rest behind a summary line.
template <typename Render>
void shortList(const Json& items, std::size_t shown, const std::string& more, std::ostringstream& h, Render render) {
  h << "<ul class=\"findings\">";
  for (std::size_t i = 0; i < items.size() && i < shown; ++i) render(items[i]);
  h << "</ul>";
  if (items.size() <= shown) return;
  h << "<details><summary>" << items.size() - shown << " more " << escapeHtml(more) << "</summary><ul class=\"findings\">";
  for (std::size_t i = shown; i < items.size(); ++i) render(items[i]);
  h << "</ul></details>";
}

}  // namespace

// The first screen: the verdict in a line, what needs attention with its numbers,
// significant changes against the baseline, counts of everything else.
void verdictSection(const Json& model, std::ostringstream& h) {
  const Json& v = model["verdict"];
  const std::string status = str(v, "status");
  const Json& g = v["gate_counts"];
  const Json& c = v["comparisons"];
  h << "<section id=\"verdict\"><h2>Verdict</h2><p id=\"overall-verdict\"><span class=\"badge "
    << escapeHtml(status) << "\">" << (status == "none" ? "no gates" : escapeHtml(status)) << "</span> ";
  if (status != "none") {
    h << "gates: " << g.value("fail", 0) << " failed, " << g.value("pass", 0) << " passed, " << g.value("undecided", 0)
      << " undecided" << (g.value("warn", 0) > 0 ? ", " + std::to_string(g.value("warn", 0)) + " warnings" : "") << ". ";
  }
  h << "Comparisons: " << c.value("faster", 0) + c.value("slower", 0) + c.value("same", 0) << " of " << c.value("total", 0)
    << " decided (" << c.value("faster", 0) << " faster, " << c.value("slower", 0) << " slower, " << c.value("same", 0)
    << " within ±3%), " << c.value("undecided", 0) << " undecided; " << v.value("rows", 0) << " rows, "
    << v.value("rounds", 0) << " process round(s).</p>";
  const Json& attention = v["attention"];
  if (attention.empty()) {
    h << "<p class=\"ok\" id=\"attention\">Nothing needs attention: every case ran, every runtime computed the same "
         "results, no gate failed.</p>";
  } else {
    h << "<div class=\"alert\" id=\"attention\"><strong>Needs attention (" << attention.size() << ")</strong>";
    shortList(attention, 4, "", h, [&](const Json& a) { attentionItem(a, h); });
    h << "</div>";
  }
  if (!model["baseline"].is_null()) {
    const Json& slower = v["slower"];
    const Json& faster = v["faster"];
    h << "<div id=\"changes\"><p><strong>Against the baseline</strong> <span class=\"note\">("
      << escapeHtml(str(model["baseline"], "dir"))
      << (model["baseline"].value("same_machine", true) ? "" : ", a different machine")
      << "; a change counts when its whole 95% interval lies beyond ±3%)</span>: " << slower.size() << " slower, "
      << faster.size() << " faster, " << v.value("baseline_compared", 0) - slower.size() - faster.size()
      << " without a clear change.</p>";
    if (!slower.empty()) shortList(slower, 3, "slower", h, [&](const Json& x) { changeItem(x, "slower", h); });
    if (!faster.empty()) {
      h << "<details><summary>" << faster.size() << " faster</summary><ul class=\"findings\">";
      for (const Json& x : faster) changeItem(x, "faster", h);
      h << "</ul></details>";
    }
    h << "</div>";
  }
  h << "</section>";
}

// Every gate, collapsed: the verdict above already names the failures.
void gateDetailsSection(const Json& gates, std::ostringstream& h) {
  if (gates.is_null()) return;
  const Json& counts = gates["counts"];
  h << "<section id=\"gates\"><h2>Gates</h2><p class=\"note\">" << escapeHtml(str(gates, "config")) << ": "
    << counts.value("pass", 0) << " passed, " << counts.value("fail", 0) << " failed, " << counts.value("undecided", 0)
    << " undecided, " << counts.value("warn", 0) << " warnings; " << gates["sampling"].value("rounds", 0)
    << " process round(s)";
  if (gates.contains("baseline") && gates["baseline"].is_object()) {
    h << "; baseline " << escapeHtml(str(gates["baseline"], "dir"));
    if (!gates["baseline"].value("same_machine", true)) h << " (different machine: " << escapeHtml(str(gates["baseline"], "note")) << ")";
  }
  h << ".</p>";
  auto table = [&](const std::string& id, bool passing) {
    h << "<div class=\"scroll\"><table id=\"" << id << "\" class=\"sortable gates\"><thead><tr><th class=\"text\">verdict</th>"
         "<th class=\"text\">gate</th><th class=\"text\">runtime</th><th class=\"text\">subject</th><th class=\"text\">expected</th>"
         "<th>measured</th><th>interval</th><th class=\"text\">note</th></tr></thead><tbody>";
    for (const Json& g : gates["gates"]) {
      const std::string v = str(g, "verdict");
      if ((v == "pass") != passing) continue;
      const std::string kind = str(g, "kind");
      const double measured = g.value("measured", 0.0);
      std::string interval = "-";
      if (g.contains("interval")) interval = "[" + gateValue(kind, g["interval"][0]) + ", " + gateValue(kind, g["interval"][1]) + "]";
      h << "<tr class=\"verdict-" << escapeHtml(v) << "\" data-gate=\"" << escapeHtml(str(g, "id")) << "\">"
        << txt(v, "text v-" + v) << txt(str(g, "id")) << txt(str(g, "runtime")) << txt(str(g, "subject") +
        (kind == "relative" ? " vs " + str(g, "reference") : ""), "text mono")
        << txt(str(g, "expected")) << num(measured, gateValue(kind, measured))
        << txt(interval, "mono") << txt(str(g, "note"), "text note") << "</tr>";
    }
    h << "</tbody></table></div>";
  };
  const int attention = counts.value("fail", 0) + counts.value("undecided", 0) + counts.value("warn", 0);
  h << "<details><summary>Failed, undecided and warning gates (" << attention << ")</summary>";
  table("gates-attention", false);
  h << "</details><details><summary>Passing gates (" << counts.value("pass", 0) << ")</summary>";
  table("gates-passing", true);
  h << "</details></section>";
}


}  // namespace tollgate::html
