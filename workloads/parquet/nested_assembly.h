#pragma once
// Nested columns into Arrow's layout. A nested field (field_tree.h) is read as
// one ColumnValues whose `nodes` are its arrays: validity per slot, int32
// offsets for each list or map, values for each leaf. Each leaf column's
// (repetition, definition) level pairs are walked down its path of nodes
// (the Dremel encoding): a repetition level of 0 starts a row, r > 0 a new
// element of the list whose elements repeat at level r; the definition level
// says how deep the entry is defined: a null, an empty list, or a value.
//
// Each node is filled by one leaf below it, its owner (the first); every other
// leaf below it computes the same node for itself and must find it identical,
// else the file is refused (sibling leaves disagreeing on their parents' shape
// would otherwise give arrays of different lengths).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "column_values.h"
#include "schema.h"

namespace tollgate::parquet {

// The top-level field holding `column`.
std::uint32_t topFieldOf(const Schema& schema, const ColumnDescriptor& column);
// The first of a field's leaf columns that this reader refuses, or nullptr.
const ColumnDescriptor* refusedLeaf(const Schema& schema, std::uint32_t field);
// The leaf columns below `field`, in order (a leaf field: itself).
std::vector<std::size_t> leavesOf(const Schema& schema, std::uint32_t field);

// Prepares `out` for top-level field `field`: every node of it, or with
// `only_column` the nodes on that leaf's path alone. Memory reserved first.
void initNested(ColumnValues& out, const Schema& schema, std::uint32_t field, std::uint32_t only_column,
                MemoryBudget& budget);

// One leaf column chunk's levels, assembled into `out` for the rows in `rows`.
class LeafAssembler {
 public:
  LeafAssembler(const ColumnDescriptor& leaf, const Schema& schema, ColumnValues& out, const RowRanges& rows,
                std::uint32_t group_rows, MemoryBudget& budget);
  // The next entry starts row `row` (a span of pages located by the offset index).
  void seekRow(std::uint64_t row);
  // The leaf's values, to append a present value to.
  ColumnValues& leafValues() { return *leaf_values_; }

  // One page of `n` entries (`rep` null when the column repeats nowhere, `def`
  // null when it is required all the way down). For each present value of a
  // requested row, calls emit(value position in the page, leafValues()).
  // Returns the rows that started in the page.
  template <typename Emit>
  std::size_t page(const std::uint8_t* rep, const std::uint8_t* def, std::size_t n, Emit&& emit) {
    std::size_t vi = 0, rows = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t r = rep ? rep[i] : 0, d = def ? def[i] : max_def_;
      if (r > max_rep_ || d > max_def_) levelTooHigh(r, d);
      if (r == 0) {
        startRow();
        ++rows;
      } else if (row_ < 0 || expect_row_start_) {
        continuesNothing(r);
      }
      if (selected_ && enter(r, d)) emit(vi, *leaf_values_);
      vi += d == max_def_;
    }
    return rows;
  }
  // Checks that every requested row was found and that the nodes this leaf
  // does not own came out as their owners made them.
  void finish();

 private:
  bool enter(std::uint8_t r, std::uint8_t d);  // true: the slot takes a value
  void startRow();
  void addElement(NestedNode& list);
  [[noreturn]] void levelTooHigh(std::uint8_t r, std::uint8_t d) const;
  [[noreturn]] void continuesNothing(std::uint8_t r) const;
  [[noreturn]] void fail(const std::string& message) const;

  const ColumnDescriptor& leaf_;
  const Schema& schema_;
  ColumnValues& out_;
  const RowRanges& rows_;
  std::uint32_t group_rows_;
  std::uint8_t max_def_, max_rep_;
  std::vector<std::int32_t> path_;      // positions in out_.nodes, from the field down to the leaf
  std::vector<NestedNode*> target_;     // per path position: the node itself (owned) or a scratch copy
  std::vector<NestedNode> scratch_;
  ColumnValues* leaf_values_ = nullptr;
  bool unknown_ = false;                // UNKNOWN: every value reads as null
  std::int64_t row_ = -1;               // row of the group the current entry belongs to
  std::size_t range_ = 0;               // first request range not wholly before row_
  bool selected_ = false;
  bool expect_row_start_ = false;
  std::uint64_t found_ = 0;             // requested rows seen
};

}  // namespace tollgate::parquet
