#pragma once
// A query over an opened ParquetFile, sans-IO like the file itself:
//   SELECT columns..., [count(*), sum(where_column)] WHERE where_column > threshold
//
// Row groups whose statistics exclude the predicate are never read. With a page
// index, only the pages of the predicate column whose maxima pass are fetched,
// and of the projected columns only the pages holding selected rows (late
// materialization at the I/O level); without one, whole column chunks are read
// but pages holding no selected row are still skipped undecompressed. Row groups
// are processed one at a time: what one holds is released before the next.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chunk_decoder.h"
#include "column_values.h"
#include "page_index.h"
#include "parquet_file.h"

namespace tollgate::parquet {

struct GreaterThan {
  std::string column;  // numeric: INT32, INT64, FLOAT, DOUBLE; nulls never match
  double threshold = 0;
};

struct QuerySpec {
  // Projected, in this order: flat columns, nested fields by their top-level
  // name (a ColumnValues with `nodes`, nested_assembly.h), or one leaf of a
  // nested field by its dotted path (its nodes down to that leaf).
  std::vector<std::string> columns;
  std::optional<GreaterThan> where;   // none: every row
  bool sum = false;                   // sum of the where column over the selected rows
};

struct QueryStats {
  std::uint64_t row_groups = 0;
  std::uint64_t row_groups_pruned = 0;   // by chunk statistics
  std::uint64_t pages_pruned = 0;        // by the column index, never fetched
  std::uint64_t rows_evaluated = 0;      // predicate values decoded
  DecodeStats decode;
};

struct QueryResult {
  std::uint64_t rows = 0;   // selected
  double sum = 0;           // in row order, so every runtime adds the same way
  std::vector<ColumnValues> columns;
  QueryStats stats;
  // Optional metadata (page index, statistics) that failed validation and was
  // ignored: the results are right without it, only more was read.
  Warnings warnings;
};

class Query : public Fetcher {
 public:
  // Validates the spec against the schema (InputError naming the column) and
  // wants its first bytes (or finishes at once when nothing needs reading).
  Query(const ParquetFile& file, QuerySpec spec);
  const QueryResult& result() const { return result_; }
  QueryResult& result() { return result_; }

 private:
  void onData() override;
  void planRowGroups();
  void wantIndexes();
  bool startRowGroup();  // false: nothing to read in it
  void evaluatePredicate();
  bool wantProjection();  // false: every page needed is held already
  void decodeProjection();
  void nextRowGroup(bool done_with_current);
  // The pages of a chunk holding some of `rows` (with a page index; else the
  // whole chunk), in file order, each with its first row (-1: the dictionary page).
  struct WantedPage {
    ByteRange range;
    std::int64_t first_row;
  };
  std::vector<WantedPage> wantedPages(std::size_t group, std::size_t column, const RowRanges& rows) const;
  std::vector<ByteRange> pagesFor(std::size_t group, std::size_t column, const RowRanges& rows) const;
  std::vector<PageSpan> spansFor(std::size_t group, std::size_t column, const RowRanges& rows) const;
  RowRanges candidateRows(std::size_t group);

  enum class Stage { indexes, predicate, projection };
  const ParquetFile& file_;
  QuerySpec spec_;
  std::vector<std::size_t> projected_;   // column indexes; SIZE_MAX for a nested field
  std::vector<std::vector<std::size_t>> leaves_;  // per projected column, the leaf columns read into it
  std::size_t where_ = 0;                // column index of the predicate
  std::vector<std::size_t> groups_;      // row groups left after pruning
  std::size_t cursor_ = 0;               // into groups_
  Stage stage_ = Stage::indexes;
  RowRanges candidates_;  // rows of the current group whose predicate is decoded
  RowRanges selection_;   // rows of the current group that pass
  PageIndexes indexes_;
  Reservation memory_;  // the result's column headers
  // Kept from row group to row group: the predicate column's decoded values and
  // the page buffers (each allocated once per query, not once per chunk).
  ColumnValues predicate_values_;
  PageBuffers buffers_;
  QueryResult result_;
};

// Every column of every row group, whole, from a file in memory: the eager path.
// A column the schema marks unsupported is left empty (no rows), not refused.
std::vector<ColumnValues> decodeAll(const ParquetFile& file, const std::uint8_t* data, DecodeStats& stats);

// Reads a numeric statistic (PLAIN bytes) of `column` as a double, unsigned
// integers zero-extended; nullopt if unusable.
std::optional<double> statNumber(const ColumnDescriptor& column, const std::string& bytes);

}  // namespace tollgate::parquet
