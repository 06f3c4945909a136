#include "nested_assembly.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "tollgate/errors.h"

namespace tollgate::parquet {

std::uint32_t topFieldOf(const Schema& schema, const ColumnDescriptor& column) {
  std::uint32_t node = column.field;
  while (schema.fields[node].parent != FieldNode::kNone) node = schema.fields[node].parent;
  return node;
}

std::vector<std::size_t> leavesOf(const Schema& schema, std::uint32_t field) {
  std::vector<std::size_t> out;
  for (std::uint32_t n = field; n < schema.fields[field].end; ++n) {
    if (schema.fields[n].kind == FieldNode::Kind::leaf) out.push_back(schema.fields[n].column);
  }
  return out;
}

const ColumnDescriptor* refusedLeaf(const Schema& schema, std::uint32_t field) {
  for (std::uint32_t n = field; n < schema.fields[field].end; ++n) {
    const FieldNode& f = schema.fields[n];
    if (f.kind == FieldNode::Kind::leaf && !schema.columns[f.column].unsupported.empty()) return &schema.columns[f.column];
  }
  return nullptr;
}

void initNested(ColumnValues& out, const Schema& schema, std::uint32_t field, std::uint32_t only_column,
                MemoryBudget& budget) {
  out.init(schema.columns[leavesOf(schema, field).front()], budget);
  out.nodes.clear();
  out.nested_memory.release();
  out.nested_memory.bind(budget);
  const FieldNode& top = schema.fields[field];
  const std::uint32_t only = only_column == FieldNode::kNone ? FieldNode::kNone : schema.columns[only_column].field;
  // Nodes on the path to `only` are those whose subtree holds it.
  const auto wanted = [&](std::uint32_t n) { return only == FieldNode::kNone || (n <= only && only < schema.fields[n].end); };
  std::size_t count = 0;
  for (std::uint32_t n = field; n < top.end; ++n) count += wanted(n);
  out.nested_memory.grow(std::uint64_t{count} * (sizeof(NestedNode) + sizeof(std::int32_t)), "a nested field's arrays");
  out.nodes.reserve(count);
  std::vector<std::int32_t> position(count);  // by node depth below the field: the last node seen there
  for (std::uint32_t n = field; n < top.end; ++n) {
    if (!wanted(n)) continue;
    const FieldNode& f = schema.fields[n];
    const std::uint32_t depth = f.depth - top.depth;  // <= kMaxNestingDepth for readable fields
    out.nodes.emplace_back();
    NestedNode& node = out.nodes.back();
    node.field = n;
    node.parent = n == field ? -1 : position[depth - 1];
    node.owner = FieldNode::kNone;
    position[depth] = static_cast<std::int32_t>(out.nodes.size() - 1);
    node.valid.bind(budget);
    node.offsets.bind(budget);
    if (f.kind == FieldNode::Kind::list || f.kind == FieldNode::Kind::map) node.offsets.push_back(0, "list offsets");
    if (f.kind == FieldNode::Kind::leaf) {
      node.values.init(schema.columns[f.column], budget);
      // The first leaf below a node owns it.
      for (std::int32_t p = position[depth]; p >= 0; p = out.nodes[static_cast<std::size_t>(p)].parent) {
        NestedNode& above = out.nodes[static_cast<std::size_t>(p)];
        if (above.owner == FieldNode::kNone) above.owner = f.column;
      }
    }
  }
}

LeafAssembler::LeafAssembler(const ColumnDescriptor& leaf, const Schema& schema, ColumnValues& out, const RowRanges& rows,
                             std::uint32_t group_rows, MemoryBudget& budget)
    : leaf_(leaf), schema_(schema), out_(out), rows_(rows), group_rows_(group_rows), max_def_(leaf.max_def),
      max_rep_(leaf.max_rep) {
  std::int32_t at = -1;
  for (std::size_t p = 0; p < out.nodes.size(); ++p) {
    if (out.nodes[p].field == leaf.field) at = static_cast<std::int32_t>(p);
  }
  if (at < 0) throw std::logic_error("internal error: column " + leaf.name + " is not in its nested result");
  for (std::int32_t p = at; p >= 0; p = out.nodes[static_cast<std::size_t>(p)].parent) path_.insert(path_.begin(), p);
  scratch_.resize(path_.size());
  for (std::size_t k = 0; k < path_.size(); ++k) {
    NestedNode& node = out.nodes[static_cast<std::size_t>(path_[k])];
    if (node.owner == leaf.index) {
      node.group_start = node.length;
      target_.push_back(&node);
    } else {
      NestedNode& s = scratch_[k];
      s.field = node.field;
      s.valid.bind(budget);
      s.offsets.bind(budget);
      s.offsets.push_back(0, "list offsets");
      target_.push_back(&s);
    }
  }
  leaf_values_ = &out.nodes[static_cast<std::size_t>(at)].values;
  unknown_ = leaf.logical.kind == LogicalType::Kind::unknown;
}

void LeafAssembler::fail(const std::string& message) const {
  throw InputError("column " + quoted(leaf_.name) + ": " + message);
}

void LeafAssembler::levelTooHigh(std::uint8_t r, std::uint8_t d) const {
  fail("levels (repetition " + std::to_string(r) + ", definition " + std::to_string(d) + ") past its maxima (" +
       std::to_string(max_rep_) + ", " + std::to_string(max_def_) + ")");
}

void LeafAssembler::continuesNothing(std::uint8_t r) const {
  fail("an entry of repetition level " + std::to_string(r) + " continues a row " +
       (row_ < 0 ? std::string("before the first") : "across a page the offset index says starts one"));
}

void LeafAssembler::seekRow(std::uint64_t row) {
  if (row > group_rows_) fail("a page starts at row " + std::to_string(row) + " of a row group of " + std::to_string(group_rows_));
  row_ = static_cast<std::int64_t>(row) - 1;
  expect_row_start_ = true;
}

void LeafAssembler::startRow() {
  expect_row_start_ = false;
  ++row_;
  if (static_cast<std::uint64_t>(row_) >= group_rows_) fail("its levels hold more than the row group's " + std::to_string(group_rows_) + " rows");
  const auto row = static_cast<std::uint32_t>(row_);
  while (range_ < rows_.size() && rows_[range_].end <= row) ++range_;
  selected_ = range_ < rows_.size() && rows_[range_].begin <= row;
  found_ += selected_;
}

void LeafAssembler::addElement(NestedNode& list) {
  if (list.offsets.back() == INT32_MAX) fail("a list passes the 2^31 elements its int32 offsets address");
  ++list.offsets.back();
}

// One entry down the path: pushes a slot to each node where one starts (a new
// row, a new list element), and stops where the definition level does.
bool LeafAssembler::enter(std::uint8_t r, std::uint8_t d) {
  bool fresh = r == 0;  // a new slot at this depth
  for (std::size_t k = 0; k < path_.size(); ++k) {
    NestedNode& node = *target_[k];
    const FieldNode& f = schema_.fields[node.field];
    if (f.kind == FieldNode::Kind::leaf) {
      if (!fresh) fail("an entry of repetition level " + std::to_string(r) + " repeats nothing");
      ++node.length;
      ColumnValues& v = *leaf_values_;
      const bool value = d == max_def_ && !unknown_;
      if (v.optional) v.valid.push_back(value ? 1 : 0, "validity");
      ++v.rows;
      if (value) return true;
      if (v.width == 0) {
        v.offsets.push_back(static_cast<std::uint32_t>(v.data.size()), "string offsets");
      } else {
        for (std::uint32_t b = 0; b < v.width; ++b) v.data.push_back(0, "column values");
      }
      ++v.nulls;
      return false;
    }
    const bool list = f.kind != FieldNode::Kind::structure;
    if (fresh) {
      ++node.length;
      if (f.nullable) node.valid.push_back(d >= f.def ? 1 : 0, "validity");
      // A null struct still gives each child a slot, as Arrow's struct
      // children are as long as the struct: null slots down to the leaves.
      if (list) {
        node.offsets.push_back(node.offsets.back(), "list offsets");
        if (d < f.element_def) return false;        // a null or empty list
        addElement(node);                           // its first element
      }
    } else if (list) {
      if (r == f.rep) {
        if (d < f.element_def) fail("an entry repeats a list element at definition level " + std::to_string(d) + ", below the list's " + std::to_string(f.element_def));
        addElement(node);
        fresh = true;
      } else if (r < f.rep) {
        fail("an entry of repetition level " + std::to_string(r) + " skips a list");
      }
    }
  }
  return false;  // not reached: a path ends with its leaf
}

void LeafAssembler::finish() {
  if (found_ != rowCount(rows_)) {
    fail("only " + std::to_string(found_) + " of the " + std::to_string(rowCount(rows_)) + " requested rows were found in its levels");
  }
  for (std::size_t k = 0; k < path_.size(); ++k) {
    const NestedNode& s = *target_[k];
    const NestedNode& node = out_.nodes[static_cast<std::size_t>(path_[k])];
    if (&s == &node) continue;
    const std::size_t start = node.group_start;
    bool same = s.length == node.length - start && s.valid.size() == node.valid.size() - std::min(node.valid.size(), start);
    if (same && s.valid.size() > 0) same = std::memcmp(s.valid.data(), node.valid.data() + start, s.valid.size()) == 0;
    if (same && node.offsets.size() > 1) {
      for (std::size_t i = 0; same && i <= s.length; ++i) same = s.offsets[i] == node.offsets[start + i] - node.offsets[start];
    }
    if (!same) {
      fail("its levels give " + quoted(schema_.fieldName(node.field)) + " another shape than column " +
           quoted(schema_.columns[node.owner].name) + "'s levels do");
    }
  }
  out_.rows = out_.nodes[0].length;
}

}  // namespace tollgate::parquet
