// The native side of tools/duckdb-bench.mjs: times Q1-Q3 of the late path on one
// file, in this process, and prints one JSON object on stdout.
//
//   parquet_bench FILE QUERY OPS [THRESHOLD]     QUERY: footer | count_sum | select
//
// Each operation is what DuckDB's `SELECT ... FROM read_parquet(FILE)` does, so the
// timed region holds the same work: the file opened (its size looked up), the
// footer read and parsed, then the query's range reads, decompression, decoding
// and the predicate, up to results in memory (Q3: the selected names and prices,
// materialized). What an operation held is released after its time is taken,
// untimed, like DuckDB's result object, freed by the garbage collector later.
// One warm-up operation runs first. The checks (rows, sum, name bytes) let the
// caller verify that every engine counted the same rows.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "file_source.h"
#include "query.h"

using namespace tollgate::parquet;

namespace {

struct Check {
  std::uint64_t rows = 0;
  double sum = 0;
  std::uint64_t name_bytes = 0;  // Q3: bytes of the selected names
  std::uint64_t nulls = 0;       // Q3: selected rows whose name is null
};

// What one operation made, released after it is timed.
struct Held {
  std::unique_ptr<FileSource> source;
  std::unique_ptr<ParquetFile> file;
  std::unique_ptr<Query> query;
  void release() {
    query.reset();  // before the file it borrows bytes from
    file.reset();
    source.reset();
  }
};

// One operation, timed by the caller: open, footer, query, results in memory.
void runOnce(const std::string& path, const std::string& op, double threshold, MemoryBudget& budget, Held& held) {
  held.source = std::make_unique<FileSource>(path);
  held.file = std::make_unique<ParquetFile>(held.source->size(), budget);
  drive(*held.file, *held.source);
  if (op == "footer") return;
  QuerySpec spec;
  spec.where = GreaterThan{"price", threshold};
  spec.sum = op == "count_sum";
  if (!spec.sum) spec.columns = {"name", "price"};
  held.query = std::make_unique<Query>(*held.file, spec);
  drive(*held.query, *held.source);
}

// What the operation found, read after its clock stopped.
Check checkOf(const Held& held) {
  Check check;
  if (!held.query) {
    check.rows = static_cast<std::uint64_t>(held.file->metadata().num_rows);
    return check;
  }
  const QueryResult& r = held.query->result();
  check.rows = r.rows;
  check.sum = r.sum;
  if (!r.columns.empty()) {
    const ColumnValues& names = r.columns[0];
    const ColumnValues& prices = r.columns[1];
    check.name_bytes = names.data.size();
    check.nulls = names.nulls;
    check.sum = 0;
    for (std::size_t i = 0; i < prices.rows; ++i) check.sum += prices.number(i);
  }
  return check;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || argc > 5) {
    std::fprintf(stderr, "usage: parquet_bench FILE footer|count_sum|select OPS [THRESHOLD]\n");
    return 2;
  }
  const std::string path = argv[1], op = argv[2];
  if (op != "footer" && op != "count_sum" && op != "select") {
    std::fprintf(stderr, "parquet_bench: unknown query '%s' (footer, count_sum or select)\n", op.c_str());
    return 2;
  }
  const long ops = std::strtol(argv[3], nullptr, 10);
  if (ops < 1 || ops > 100000) {
    std::fprintf(stderr, "parquet_bench: OPS must be 1..100000, got '%s'\n", argv[3]);
    return 2;
  }
  const double threshold = argc == 5 ? std::strtod(argv[4], nullptr) : 990;
  try {
    MemoryBudget budget(std::uint64_t{1536} << 20);
    Held held;
    runOnce(path, op, threshold, budget, held);  // warm-up
    Check check = checkOf(held);
    held.release();
    std::vector<double> times_ns;
    for (long i = 0; i < ops; ++i) {
      const auto start = std::chrono::steady_clock::now();
      runOnce(path, op, threshold, budget, held);
      const auto end = std::chrono::steady_clock::now();
      check = checkOf(held);
      held.release();
      times_ns.push_back(static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count()));
    }
    std::printf("{\"times_ns\":[");
    for (std::size_t i = 0; i < times_ns.size(); ++i) std::printf("%s%.0f", i ? "," : "", times_ns[i]);
    std::printf("],\"rows\":%llu,\"sum\":%.17g,\"name_bytes\":%llu,\"nulls\":%llu}\n", static_cast<unsigned long long>(check.rows),
                check.sum, static_cast<unsigned long long>(check.name_bytes), static_cast<unsigned long long>(check.nulls));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parquet_bench: %s: %s\n", path.c_str(), e.what());
    return 1;
  }
}
