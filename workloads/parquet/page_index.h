#pragma once
// A query's view of the page index (parquet-format's PageIndex.md): for each
// chunk it reads, where each page lies and which rows it holds (the offset
// index) and, for the predicate column, each page's maximum (the column index).
//
// The page index is optional metadata: one that cannot be read or fails
// validation is ignored with a warning, and its chunk is read whole as if it
// had none. Writers do get it wrong: parquetjs writes offset indexes whose
// every page starts at row 0.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fetcher.h"
#include "metadata.h"
#include "parquet_file.h"

namespace tollgate::parquet {

// What a query ignored and why, for the caller: the first few messages and how many.
struct Warnings {
  static constexpr std::size_t kKept = 16;
  std::vector<std::string> messages;
  std::uint64_t count = 0;
  void add(std::string message);
};

struct ChunkIndex {
  std::optional<OffsetIndex> offsets;
  std::optional<ColumnIndex> stats;  // the predicate column's only
  Reservation memory;                // what both hold
};

class PageIndexes {
 public:
  PageIndexes(const ParquetFile& file, MemoryBudget& budget);

  // Room for the chunks of row group `group`, which the query will read.
  void addGroup(std::size_t group);
  // The byte ranges holding the offset indexes of the `wanted` columns in
  // every added group, and the column index of `where` too. An index that
  // lies outside the file's data is skipped with a warning.
  std::vector<ByteRange> locate(const std::vector<bool>& wanted, std::optional<std::size_t> where, Warnings& warnings);
  // Parses what locate() listed from the bytes `source` holds; what fails
  // validation is dropped with a warning.
  void parse(const Fetcher& source, Warnings& warnings);
  // The index of a chunk: empty when it has none or it was ignored.
  const ChunkIndex& at(std::size_t group, std::size_t column) const { return chunks_[group][column]; }

 private:
  struct Located {
    std::size_t group, column;
    ByteRange offsets;
    std::optional<ByteRange> stats;
  };
  // Throws InputError naming the first lie.
  void validate(std::size_t group, std::size_t column, const OffsetIndex& index) const;
  std::string chunkName(std::size_t group, std::size_t column) const;

  const ParquetFile& file_;
  MemoryBudget& budget_;
  Reservation table_memory_;
  std::vector<std::vector<ChunkIndex>> chunks_;  // [group][column]; groups not added stay empty
  std::vector<Located> located_;
};

}  // namespace tollgate::parquet
