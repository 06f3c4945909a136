// A small native command for working with the Parquet kernel by hand:
//   parquet_tool gen --rows N --rg N --page N --seed N [--v2] [--plain] [--noindex] --out FILE
//   parquet_tool describe FILE        schema, row groups and sizes
//   parquet_tool query FILE THRESHOLD counts, sum and I/O of Q2 and Q3 on it
//   parquet_tool dump FILE eager|late [COLUMN THRESHOLD]
//                                     every value read, as JSON (tools/value_dump.h)
// Not part of any measurement.

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "bench_data.h"
#include "file_source.h"
#include "query.h"
#include "tools/value_dump.h"

using namespace tollgate::parquet;

namespace {

int gen(int argc, char** argv) {
  BenchSpec spec;
  std::string out;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--rows") spec.rows = std::stoull(next());
    else if (a == "--rg") spec.row_group_rows = static_cast<std::uint32_t>(std::stoul(next()));
    else if (a == "--page") spec.page_rows = static_cast<std::uint32_t>(std::stoul(next()));
    else if (a == "--seed") spec.seed = std::stoull(next());
    else if (a == "--v2") spec.data_page_v2 = true;
    else if (a == "--plain") spec.codec = Codec::uncompressed;
    else if (a == "--noindex") spec.page_index = false;
    else if (a == "--out") out = next();
    else throw std::runtime_error("unknown argument " + a);
  }
  if (out.empty()) throw std::runtime_error("--out is required");
  writeWholeFile(out, writeBenchFile(spec));
  return 0;
}

int describe(const std::string& path) {
  MemoryBudget budget(1ull << 32);
  FileSource source(path);
  ParquetFile file(source.size(), budget);
  drive(file, source);
  std::cout << path << ": " << source.size() << " bytes, " << file.metadata().num_rows << " rows, "
            << file.metadata().row_groups.size() << " row groups, footer " << source.size() - file.footerOffset() - 8
            << " bytes\n";
  for (const ColumnDescriptor& c : file.schema().columns) {
    std::uint64_t bytes = 0;
    for (const RowGroup& g : file.metadata().row_groups) bytes += chunkRange(*g.columns[c.index].meta_data).length;
    std::cout << "  " << c.name << ": " << typeLabel(c) << (c.optional ? " (nullable)" : "") << ", " << bytes
              << " bytes" << (c.unsupported.empty() ? "" : "  [" + c.unsupported + "]") << "\n";
  }
  return 0;
}

int readAll(const std::string& path) {
  MemoryBudget budget(1ull << 31);
  const std::vector<std::uint8_t> bytes = readWholeFile(path);
  ParquetFile file(bytes.size(), budget);
  driveFromMemory(file, bytes.data(), bytes.size());
  DecodeStats stats;
  const auto cols = decodeAll(file, bytes.data(), stats);
  std::cout << "ok: " << file.metadata().num_rows << " rows, " << cols.size() << " columns, budget peak " << budget.stats().peak << "\n";
  return 0;
}

int query(const std::string& path, double threshold) {
  MemoryBudget budget(1ull << 32);
  FileSource source(path);
  ParquetFile file(source.size(), budget);
  drive(file, source);
  for (const bool project : {false, true}) {
    QuerySpec spec;
    spec.where = GreaterThan{"price", threshold};
    spec.sum = !project;
    if (project) spec.columns = {"name", "price"};
    budget.resetPeak();
    Query q(file, spec);
    drive(q, source);
    const QueryResult& r = q.result();
    std::printf("%s: rows %llu sum %.17g | read %llu bytes (%.2f%%) in %llu requests | groups pruned %llu/%llu, pages pruned %llu, decoded %llu, skipped %llu | budget peak %llu\n",
                project ? "Q3" : "Q2", static_cast<unsigned long long>(r.rows), r.sum,
                static_cast<unsigned long long>(q.io().bytes_read), 100.0 * q.io().bytes_read / source.size(),
                static_cast<unsigned long long>(q.io().requests), static_cast<unsigned long long>(r.stats.row_groups_pruned),
                static_cast<unsigned long long>(r.stats.row_groups), static_cast<unsigned long long>(r.stats.pages_pruned),
                static_cast<unsigned long long>(r.stats.decode.pages_decoded), static_cast<unsigned long long>(r.stats.decode.pages_skipped),
                static_cast<unsigned long long>(budget.stats().peak));
    for (const std::string& w : r.warnings.messages) std::printf("  warning: %s\n", w.c_str());
    if (r.warnings.count > r.warnings.messages.size()) {
      std::printf("  and %llu more warnings\n", static_cast<unsigned long long>(r.warnings.count - r.warnings.messages.size()));
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "gen") return gen(argc, argv);
    if (cmd == "describe" && argc == 3) return describe(argv[2]);
    if (cmd == "read" && argc == 3) return readAll(argv[2]);
    if (cmd == "query" && argc == 4) return query(argv[2], std::stod(argv[3]));
    if (cmd == "dump" && (argc == 4 || argc == 6)) {
      DumpSpec spec;
      spec.eager = std::string(argv[3]) == "eager";
      if (argc == 6) {
        spec.where = argv[4];
        spec.threshold = std::stod(argv[5]);
      }
      // Names and messages come from the file: bytes that are not UTF-8 are replaced.
      std::cout << dumpValues(argv[2], spec).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      return 0;
    }
    std::cerr << "usage: parquet_tool gen ... --out FILE | describe FILE | query FILE THRESHOLD | dump FILE eager|late [COLUMN THRESHOLD]\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "parquet_tool: " << e.what() << "\n";
    return 1;
  }
}
