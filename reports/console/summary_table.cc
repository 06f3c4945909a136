#include "console/summary_table.h"

#include "format.h"

#include <cstdio>
#include <iomanip>
#include <sstream>

namespace tollgate {
namespace {

std::string fixed(double value, int decimals) { return formatFixed(value, decimals); }
std::string compactCount(double value) { return formatCount(value); }

std::string bytes(const std::optional<double>& value) {
  if (!value) return "-";
  if (*value < 1024) return fixed(*value, 0) + " B";
  if (*value < 1024 * 1024) return fixed(*value / 1024, *value < 10 * 1024 ? 1 : 0) + " KiB";
  return fixed(*value / (1024 * 1024), *value < 10 * 1024 * 1024 ? 1 : 0) + " MiB";
}

std::string contextLine(const LoadedResults& loaded) {
  const auto& c = loaded.file.context;
  auto text = [&](const char* key) { return c.contains(key) && c[key].is_string() ? c[key].get<std::string>() : ""; };
  std::string line = text("runtime") + "  " + text("runtime_version") + " | " + text("cpu_model") + " (" +
                     std::to_string(c.value("num_cpus", 0)) + " CPUs) | " + text("os") + " | " + text("date") +
                     " | profile " + text("profile");
  if (c.contains("wasm")) {
    for (const auto& [name, w] : c["wasm"].items()) {
      line += " | " + name + ".wasm " + std::to_string(w.value("size_bytes", 0) / 1024) + " KiB (" +
              std::to_string(w.value("gzip_bytes", 0) / 1024) + " KiB gzip";
      // The first instantiation in the process, after compiling: what a page pays once.
      if (w.contains("instantiate_ms")) line += ", instantiated in " + formatDuration(w["instantiate_ms"].get<double>() * 1e6);
      line += ")";
    }
  }
  if (c.contains("cross_origin_isolated")) {
    line += c["cross_origin_isolated"].get<bool>() ? " | cross-origin isolated" : " | NOT cross-origin isolated";
  }
  if (c.contains("timer_resolution_ns")) line += " | timer " + formatDuration(c["timer_resolution_ns"].get<double>());
  if (c.contains("probe_overhead_ns")) line += " | probe " + formatDuration(c["probe_overhead_ns"].get<double>());
  if (c.contains("rounds")) line += " | " + std::to_string(c["rounds"].get<int>()) + " process rounds pooled";
  return line + "\n      " + loaded.path;
}

}  // namespace


void printSummary(const Summary& summary, std::ostream& out) {
  out << "Tollgate summary: " << summary.files.size() << " results file(s)\n";
  bool single_process = false;
  for (const LoadedResults* f : summary.files) {
    out << "  " << contextLine(*f) << "\n";
    single_process = single_process || f->file.context.value("rounds", 1) < 2;
  }
  if (single_process && summary.files.size() > 1) {
    out << "  note: some runtimes ran in a single process; on a shared machine a process can sit in a slow\n"
           "  or fast mode for its whole life, so 'x native' across processes carries that noise. The main\n"
           "  job pools several process rounds per runtime (scripts/main.sh --rounds).\n";
  }

  bool any_uncounted = false;
  for (const SummaryCase& c : summary.cases) {
    out << "\n" << c.workload << "." << c.operation << "   " << c.params << "\n";
    out << "  " << std::left << std::setw(9) << "runtime" << std::setw(13) << "variant" << std::right
        << std::setw(12) << ("per " + c.item) << std::setw(9) << "spread" << std::setw(9) << "x native"
        << std::setw(10) << "outside" << std::setw(11) << "crossings" << std::setw(10) << "bytes in"
        << std::setw(10) << "bytes out" << std::setw(9) << "allocs" << std::setw(8) << "recall" << std::setw(11)
        << "heap peak" << std::setw(11) << "wasm mem" << std::setw(10) << "instr" << std::setw(10) << "ns/instr"
        << "\n";
    out << "  " << std::setw(22) << "" << std::setw(12) << "(median)" << std::setw(9) << "(MAD)" << std::setw(9) << ""
        << std::setw(10) << "compute" << std::setw(11) << ("/" + c.item) << std::setw(10) << ("/" + c.item)
        << std::setw(10) << ("/" + c.item) << std::setw(9) << ("/" + c.item) << std::setw(8) << "" << std::setw(11)
        << "(per op)" << std::setw(11) << "(after op)" << std::setw(10) << ("/" + c.item) << "\n";
    for (const SummaryEntry& e : c.entries) {
      out << "  " << std::left << std::setw(9) << e.runtime << std::setw(13) << e.variant << std::right
          << std::setw(12) << formatDuration(e.per_item_ns) << std::setw(8) << fixed(e.spread_pct, 1) << "%"
          << std::setw(9) << (e.ratio_to_native ? fixed(*e.ratio_to_native, 2) : "-") << std::setw(10)
          << (e.outside_compute_share ? fixed(100.0 * *e.outside_compute_share, 1) + "%" : "-")
          << std::setw(11) << compactCount(e.crossings_per_item) << std::setw(10) << compactCount(e.bytes_in_per_item)
          << std::setw(10) << compactCount(e.bytes_out_per_item) << std::setw(9)
          << (e.allocations_per_item ? compactCount(*e.allocations_per_item) : "-") << std::setw(8) << (e.recall ? fixed(*e.recall, 3) : "-")
          << std::setw(11) << bytes(e.heap_peak_bytes) << std::setw(11) << bytes(e.linear_memory_bytes)
          << std::setw(10)
          << (e.instructions_per_item ? formatMagnitude(*e.instructions_per_item) + (e.js_uncounted ? "+" : "")
              : e.not_counted.empty() ? "-" : "n/c -")
          << std::setw(10) << (e.ns_per_instruction ? fixed(*e.ns_per_instruction, 3) : "-") << "\n";
      any_uncounted = any_uncounted || e.js_uncounted;
    }
    if (!c.counts_agree) out << "  INSTRUCTION COUNTS DIFFER between runtimes running the same build\n";
    if (c.digests_agree) {
      out << "  results identical across " << c.entries.size() << " measurement(s): " << c.entries.front().digest << "\n";
    } else {
      out << "  RESULTS DIFFER:";
      for (const SummaryEntry& e : c.entries) out << " " << e.runtime << "/" << e.variant << "=" << e.digest;
      out << "\n";
    }
  }
  if (any_uncounted) {
    out << "\n+ instructions of the module only: the JS side (glue, adapters) is not counted, so ns/instr\n"
           "  there includes JS time.\n";
  }
  bool distorted = false;
  for (const SummaryCase& c : summary.cases) {
    for (const SummaryEntry& e : c.entries) distorted = distorted || (e.probe_inflation && *e.probe_inflation > kProbeInflationLimit);
  }
  bool outside = false;
  for (const SummaryCase& c : summary.cases) {
    for (const SummaryEntry& e : c.entries) outside = outside || (e.row && e.row->measured_outside);
  }
  if (outside) {
    out << "\n- measured from outside (a module built without Tollgate): the time inside its calls is not split,\n"
           "  so 'outside compute' is unknown, and so are its allocations and C++ heap; its instructions are\n"
           "  not counted (n/c): a module built without Tollgate has no counting build.\n";
  }
  if (distorted) {
    out << "\n* phase split distorted: with probes on, the operation took over " << fixed(kProbeInflationLimit, 2)
        << "x its timed\n  duration (calls too short for the probes' own cost); read 'outside compute' as an upper bound.\n";
  }
  if (!summary.failures.empty()) {
    out << "\nFailures (" << summary.failures.size() << "):\n";
    for (const SummaryFailure& f : summary.failures) {
      out << "  " << f.file << ": " << f.failure.name << " [" << f.failure.stage << "] " << f.failure.message << "\n";
    }
  }
}

}  // namespace tollgate
