#pragma once
// The module-side half of both Parquet boundary adapters, plain C++: the embind
// file binds it for JS, tests call it directly. One session holds one memory
// budget and, at a time, either a whole staged file (eager_rows) or a sans-IO
// reading step, a file being opened or a query on it (late_columns).
//
// A step that fails (bad input, budget exceeded) is dropped with everything it
// held before the error reaches the caller, so the session stays usable.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../parquet_file.h"
#include "../query.h"

namespace tollgate::parquet {

class ParquetSession {
 public:
  explicit ParquetSession(std::uint64_t budget_bytes, ReaderOptions options = {});

  MemoryBudget& budget() { return budget_; }
  const ParquetFile& file() const;  // logic_error unless a file is open

  // eager_rows: the whole file staged in memory, its footer parsed from there,
  // then every column of every row group decoded.
  std::uint8_t* stageFile(std::size_t size);
  void openStaged();
  void decodeStaged();
  const std::vector<ColumnValues>& table() const { return table_; }

  // late_columns: open footer first, then queries, each step driven by wanted()
  // / buffer() / advance() until wanted() returns 0.
  void beginOpen(std::uint64_t file_size);
  void beginQuery(const QuerySpec& spec);
  std::size_t wanted();  // ranges the current step wants; 0 when it has finished
  const double* wantedRanges() const { return ranges_.data(); }  // offset, length per range
  std::uint8_t* buffer(std::size_t i);
  void advance();
  const QueryResult& result() const;
  // Reads (requests, bytes) of the current file's open and its last query.
  IoStats io() const;

  // Frees the staged file, the decoded table, the file and the query.
  void release();

 private:
  Fetcher* step();
  template <typename Body>
  auto dropOnFailure(Body&& body) -> decltype(body());

  MemoryBudget budget_;
  ReaderOptions options_;
  Bytes staged_;
  std::vector<ColumnValues> table_;
  std::unique_ptr<ParquetFile> file_;
  std::unique_ptr<Query> query_;
  std::vector<double> ranges_;
};

}  // namespace tollgate::parquet
