#pragma once
// Decoded values of one column for some rows, laid out for typed-array views:
// fixed-width values densely (a null row holds zeros), byte arrays as offsets
// (rows + 1) into one byte buffer, and a validity byte per row for optional
// columns. Every buffer is reserved against the memory budget.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "memory_budget.h"
#include "schema.h"

namespace tollgate::parquet {

// Rows of one row group, as sorted, disjoint [begin, end) ranges.
struct RowRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};
using RowRanges = std::vector<RowRange>;

std::uint64_t rowCount(const RowRanges& ranges);

struct NestedNode;

struct ColumnValues {
  PhysicalType type = PhysicalType::int32;
  std::uint32_t width = 0;  // bytes per value; 0 for BYTE_ARRAY
  bool optional = false;
  bool is_unsigned = false;  // INT32 / INT64 holding unsigned values
  std::size_t rows = 0;
  std::size_t nulls = 0;
  Bytes data;                       // fixed-width values, or the bytes of all byte arrays
  Buffer<std::uint32_t> offsets;    // BYTE_ARRAY: rows + 1 offsets into data
  Bytes valid;                      // optional columns: 1 present, 0 null
  // A nested field (nested_assembly.h): its Arrow arrays, one node per field
  // node projected, in pre-order; nodes[0] is the field itself, of `rows` slots.
  // Empty for a flat column.
  std::vector<NestedNode> nodes;
  Reservation nested_memory;        // what `nodes` holds itself

  // Empty values of `column`, charged to `budget` (what they held is released).
  void init(const ColumnDescriptor& column, MemoryBudget& budget);
  // No rows, the buffers (and their reservations) kept for the next rows.
  void clearRows();
  // Room for `count` more rows (and `bytes` more byte-array bytes), reserved
  // first; InputError if byte arrays would pass what 32-bit offsets address.
  void reserveRows(std::size_t count, std::size_t bytes, const char* what);
  bool isNull(std::size_t row) const { return optional && valid[row] == 0; }
  // A numeric value as a double (INT32, INT64, FLOAT, DOUBLE; unsigned integers
  // zero-extended): predicates and sums.
  double number(std::size_t row) const;
};

// One array of a nested field, as Arrow lays it out: `length` slots, a
// validity byte per slot when nullable, for a list or map `length + 1` int32
// offsets into its child's slots, for a leaf its values (slot by slot, a null
// slot holding zeros or an empty byte array, like a flat optional column).
struct NestedNode {
  std::uint32_t field = 0;     // Schema::fields index
  std::int32_t parent = -1;    // position in ColumnValues::nodes; -1 for the field itself
  std::uint32_t owner = 0;     // the leaf column whose levels fill it (the first below it); the others check it
  std::size_t length = 0;
  std::size_t group_start = 0; // length when its owner began the current row group
  Bytes valid;
  Buffer<std::int32_t> offsets;
  ColumnValues values;         // leaves
};

bool isNumeric(PhysicalType type);

}  // namespace tollgate::parquet
