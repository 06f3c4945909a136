#pragma once
// The flat view of a file's schema this reader works with: one descriptor per
// leaf column, in row-group column order. Columns this reader cannot read
// (nested, repeated, INT96) are kept, marked with the reason, so that reading
// them is refused by name while the rest of the file stays readable.

#include <cstdint>
#include <string>
#include <vector>

#include "memory_budget.h"
#include "metadata.h"

namespace tollgate::parquet {

struct ColumnDescriptor {
  std::string name;  // dotted path
  PhysicalType type = PhysicalType::int32;
  std::int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY width
  bool optional = false;         // max definition level 1
  bool is_string = false;        // UTF8 / STRING annotation
  bool is_unsigned = false;      // INT32 / INT64 annotated UINT_* or INTEGER(unsigned)
  std::string unsupported;       // why this column cannot be read; empty if it can
  std::size_t index = 0;         // position among the leaves (and in each row group)

  // Bytes per value as decoded: 0 for BYTE_ARRAY (offsets + bytes instead).
  std::uint32_t width() const;
};

struct Schema {
  std::vector<ColumnDescriptor> columns;
  std::vector<std::uint32_t> by_name;  // column indexes ordered by name, then index: lookups in log time
  Reservation memory;                  // what the descriptors and their names hold

  // Throws InputError naming the column when absent.
  const ColumnDescriptor& column(const std::string& name) const;
  const ColumnDescriptor* find(const std::string& name) const;  // nullptr when absent
};

// What building a schema may cost, against the footer it came from. Leaf names
// are dotted paths: a chain of nested groups makes every leaf below it repeat
// the chain's names, so paths could total the square of the footer's size.
// A legitimate file repeats each path in every row group's path_in_schema, so
// its footer is at least as long as its paths; past this multiple, refused.
inline constexpr std::uint64_t kMaxPathBytesPerFooterByte = 8;

// Builds the flat schema and checks the row groups against it (column counts,
// offsets inside the file, row counts); throws InputError naming the problem.
// `data_end` is where the footer starts (column data must lie before it) and
// `footer_bytes` its length. Explicit stack, no recursion: any depth is walked
// in time and memory linear in the schema plus the paths (bounded above), all
// reserved against `budget` before they are allocated.
Schema buildSchema(const FileMetaData& metadata, std::uint64_t data_end, std::uint64_t footer_bytes, MemoryBudget& budget);

// Where a column chunk's pages lie in the file: from its dictionary page when
// there is one (some writers put 0 there for "none"), total_compressed_size long.
struct ChunkRange {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};
ChunkRange chunkRange(const ColumnMetaData& meta);

// "INT64", "DOUBLE", "STRING", "UINT32"..., as Q1 reports types.
std::string typeLabel(const ColumnDescriptor& column);

// A name as error messages quote it: whole when short, else its start and end
// around the byte count (a hostile path can be hundreds of kilobytes).
std::string quoted(const std::string& name);

}  // namespace tollgate::parquet
