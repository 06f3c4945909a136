#pragma once
// The flat view of a file's schema this reader works with: one descriptor per
// leaf column, in row-group column order. Columns this reader cannot read
// (nested, repeated, INT96) are kept, marked with the reason, so that reading
// them is refused by name while the rest of the file stays readable.

#include <cstdint>
#include <string>
#include <vector>

#include "field_tree.h"
#include "memory_budget.h"
#include "metadata.h"

namespace tollgate::parquet {

// What a column's values mean, from its LogicalType (or, in older files, its
// ConvertedType). Values stay in their physical form; this says how to read
// them (workloads/parquet/README.md gives the conversions):
//   date       INT32 days since 1970-01-01
//   time       INT32 (millis) or INT64 (micros, nanos) since midnight
//   timestamp  INT64 units since 1970-01-01 00:00:00, UTC when `utc`
//              (isAdjustedToUTC), else local wall-clock time
//   decimal    the unscaled integer: INT32, INT64, or big-endian two's complement
//              bytes (FIXED_LEN_BYTE_ARRAY, BYTE_ARRAY); value = unscaled / 10^scale
//   uuid       FIXED_LEN_BYTE_ARRAY(16), big-endian
//   string, enumeration, json  UTF-8 text (is_string); bson  bytes
//   float16    FIXED_LEN_BYTE_ARRAY(2), IEEE half precision, little-endian
//   unknown    always null (the column reads as nulls, whatever it stores)
// An annotation that does not fit its physical type is ignored (kind none).
struct LogicalType {
  enum class Kind : std::uint8_t {
    none, string, enumeration, json, bson, uuid, decimal, date, time, timestamp, integer, unknown, float16, interval,
  };
  Kind kind = Kind::none;
  TimeUnit unit = TimeUnit::none;  // time, timestamp
  bool utc = false;                // time, timestamp
  std::int32_t precision = 0, scale = 0;  // decimal
};

struct ColumnDescriptor {
  std::string name;  // dotted path
  PhysicalType type = PhysicalType::int32;
  std::int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY width
  bool optional = false;         // max definition level 1
  bool is_string = false;        // UTF8 / STRING annotation
  bool is_unsigned = false;      // INT32 / INT64 annotated UINT_* or INTEGER(unsigned)
  LogicalType logical;
  std::string unsupported;       // why this column cannot be read; empty if it can
  std::size_t index = 0;         // position among the leaves (and in each row group)
  // Nested columns (field_tree.h): a leaf below a group or a repeated field.
  // Flat columns (nested false) are read as before: `optional` alone says it all.
  bool nested = false;
  std::uint8_t max_def = 0, max_rep = 0;  // its definition and repetition levels
  std::uint32_t field = FieldNode::kNone;  // its node in Schema::fields

  // Bytes per value as decoded: 0 for BYTE_ARRAY (offsets + bytes instead).
  std::uint32_t width() const;
};

struct Schema {
  std::vector<ColumnDescriptor> columns;
  std::vector<std::uint32_t> by_name;  // column indexes ordered by name, then index: lookups in log time
  std::vector<FieldNode> fields;       // the Arrow-shaped tree, pre-order (field_tree.h)
  std::vector<std::uint32_t> top_fields;  // nodes of the top-level fields, in order
  const FileMetaData* metadata = nullptr;  // names the fields (ParquetFile keeps it)
  Reservation memory;                  // what the descriptors and their names hold

  // Throws InputError naming the column when absent.
  const ColumnDescriptor& column(const std::string& name) const;
  const ColumnDescriptor* find(const std::string& name) const;  // nullptr when absent
  // A top-level field by name (a group or a flat column); kNone when absent.
  std::uint32_t topField(const std::string& name) const;
  const std::string& fieldName(std::uint32_t node) const { return metadata->schema[fields[node].element].name; }
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
// "DATE", "TIMESTAMP", "DECIMAL"...: the logical type's name; "" for none.
std::string logicalName(LogicalType::Kind kind);
// "MILLIS", "MICROS", "NANOS"; "" for none.
std::string timeUnitName(TimeUnit unit);

// A name as error messages quote it: whole when short, else its start and end
// around the byte count (a hostile path can be hundreds of kilobytes).
std::string quoted(const std::string& name);

}  // namespace tollgate::parquet
