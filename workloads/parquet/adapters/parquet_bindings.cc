// The Parquet workload's boundary, as JS sees it (embind). Two adapter styles
// over one ParquetSession:
//   eager_rows    stageFile / openStaged / decodeStaged, then rowObjects(): one JS
//                 object per row, built field by field through embind
//   late_columns  beginOpen / beginQuery driven by wanted / wantedRanges / buffer
//                 / advance (JS does the reading), then the result read through
//                 typed-array views of linear memory (columnData, columnOffsets...)
//                 and what it ignored (resultWarnings)
// Errors come back to JS as Error objects carrying the C++ message.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "../bench_data.h"
#include "../byte_reader.h"
#include "../nested_assembly.h"
#include "parquet_session.h"
#include "tollgate/js_errors.h"
#include "tollgate/probe.h"

namespace tollgate::parquet {
namespace {

using emscripten::val;

val bytesCopy(const std::uint8_t* data, std::size_t size) {
  return val(emscripten::typed_memory_view(size, data)).call<val>("slice");
}

// One value of a decoded column as a JS value (the naive path's per-field work).
val jsValue(const ColumnDescriptor& c, const ColumnValues& v, std::size_t row) {
  if (v.isNull(row)) return val::null();
  const std::uint8_t* p = v.data.data() + row * v.width;
  switch (v.type) {
    case PhysicalType::boolean: return val(*p != 0);
    case PhysicalType::int32: return v.is_unsigned ? val(loadLe<std::uint32_t>(p)) : val(loadLe<std::int32_t>(p));
    case PhysicalType::int64: return v.is_unsigned ? val(loadLe<std::uint64_t>(p)) : val(loadLe<std::int64_t>(p));
    case PhysicalType::float32: return val(static_cast<double>(loadLe<float>(p)));
    case PhysicalType::float64: return val(loadLe<double>(p));
    case PhysicalType::byte_array: {
      const std::uint8_t* s = v.data.data() + v.offsets[row];
      const std::size_t n = v.offsets[row + 1] - v.offsets[row];
      if (c.is_string) return val(std::string(reinterpret_cast<const char*>(s), n));
      return bytesCopy(s, n);
    }
    default: return bytesCopy(p, v.width);
  }
}

// A column's logical type for JS: { type, unit, isAdjustedToUTC } for TIME and
// TIMESTAMP, { type, precision, scale } for DECIMAL, { type } otherwise
// (adapters/logical-values.mjs converts the raw values by it).
val logicalObject(const LogicalType& t) {
  val out = val::object();
  out.set("type", logicalName(t.kind));
  if (t.kind == LogicalType::Kind::time || t.kind == LogicalType::Kind::timestamp) {
    out.set("unit", timeUnitName(t.unit));
    out.set("isAdjustedToUTC", t.utc);
  } else if (t.kind == LogicalType::Kind::decimal) {
    out.set("precision", t.precision);
    out.set("scale", t.scale);
  }
  return out;
}

// A nested field's value in slot `slot` of node `p` (as value_dump.cc's
// nestedValue, in JS form): null, an array (list; map: its key_value objects),
// an object (struct), a leaf's value as jsValue gives it.
val nestedJs(const Schema& schema, const ColumnValues& field, const std::vector<std::vector<std::size_t>>& children,
             std::size_t p, std::size_t slot) {
  const NestedNode& node = field.nodes[p];
  const FieldNode& f = schema.fields[node.field];
  if (f.kind == FieldNode::Kind::leaf) return jsValue(schema.columns[f.column], node.values, slot);
  if (f.nullable && node.valid[slot] == 0) return val::null();
  if (f.kind == FieldNode::Kind::structure) {
    val out = val::object();
    for (const std::size_t c : children[p]) out.set(schema.fieldName(field.nodes[c].field), nestedJs(schema, field, children, c, slot));
    return out;
  }
  val out = val::array();
  const std::size_t element = children[p].front();
  for (std::int32_t i = node.offsets[slot]; i < node.offsets[slot + 1]; ++i) {
    out.call<void>("push", nestedJs(schema, field, children, element, static_cast<std::size_t>(i)));
  }
  return out;
}

std::vector<std::vector<std::size_t>> childrenOf(const ColumnValues& field) {
  std::vector<std::vector<std::size_t>> children(field.nodes.size());
  for (std::size_t p = 1; p < field.nodes.size(); ++p) children[static_cast<std::size_t>(field.nodes[p].parent)].push_back(p);
  return children;
}

// The field tree as JS sees it: { name, kind, nullable, children } per node,
// `column` (its index in describe().columns) on leaves.
val fieldJs(const Schema& schema, std::uint32_t n) {
  const FieldNode& f = schema.fields[n];
  val out = val::object();
  out.set("name", schema.fieldName(n));
  out.set("kind", std::string(fieldKindName(f.kind)));
  out.set("nullable", f.nullable);
  if (f.kind == FieldNode::Kind::leaf) {
    out.set("column", f.column);
    return out;
  }
  val children = val::array();
  for (std::uint32_t c = n + 1; c < f.end; c = schema.fields[c].end) children.call<void>("push", fieldJs(schema, c));
  out.set("children", children);
  return out;
}

class ParquetHandle {
 public:
  explicit ParquetHandle(double budget_bytes) : session_(jsErrors([&] { return makeSession(budget_bytes); })) {}

  std::uintptr_t stageFile(double size) {
    return jsErrors([&] { return reinterpret_cast<std::uintptr_t>(session_.stageFile(static_cast<std::size_t>(size))); });
  }
  void openStaged() { jsErrors([&] { session_.openStaged(); }); }
  void decodeStaged() { jsErrors([&] { session_.decodeStaged(); }); }

  // Q1: what the footer says.
  val describe() {
    return jsErrors([&] {
      const ParquetFile& file = session_.file();
      TOLLGATE_PHASE(serialize);
      val columns = val::array();
      for (const ColumnDescriptor& c : file.schema().columns) {
        val column = val::object();
        column.set("name", c.name);
        column.set("type", typeLabel(c));
        column.set("optional", c.optional);
        if (!c.unsupported.empty()) column.set("unsupported", c.unsupported);
        if (c.logical.kind != LogicalType::Kind::none && c.logical.kind != LogicalType::Kind::integer) {
          column.set("logical", logicalObject(c.logical));
        }
        columns.call<void>("push", column);
      }
      val out = val::object();
      out.set("rows", static_cast<double>(file.metadata().num_rows));
      out.set("rowGroups", static_cast<double>(file.metadata().row_groups.size()));
      out.set("columns", columns);
      return out;
    });
  }

  // The top-level fields as a tree (nested ones: structs, lists, maps).
  val fields() {
    return jsErrors([&] {
      const Schema& schema = session_.file().schema();
      val out = val::array();
      for (const std::uint32_t field : schema.top_fields) out.call<void>("push", fieldJs(schema, field));
      return out;
    });
  }

  // eager_rows: every decoded row as one JS object.
  val rowObjects() {
    return jsErrors([&] {
      const ParquetFile& file = session_.file();
      const auto& table = session_.table();
      TOLLGATE_PHASE(serialize);
      const auto& columns = file.schema().columns;
      // Columns this reader cannot read (describe() says why) are left out of the
      // rows; so is a nested field with such a leaf. A nested field is one key.
      const Schema& schema = file.schema();
      std::vector<std::size_t> readable;
      std::vector<val> keys;
      std::vector<std::vector<std::vector<std::size_t>>> children(columns.size());
      for (const std::uint32_t field : schema.top_fields) {
        const std::size_t first = leavesOf(schema, field).front();
        if (refusedLeaf(schema, field) != nullptr || table.empty()) continue;
        readable.push_back(first);
        keys.emplace_back(schema.fieldName(field));
        if (!table[first].nodes.empty()) children[first] = childrenOf(table[first]);
      }
      const auto rows = table.empty() ? 0 : static_cast<std::size_t>(file.metadata().num_rows);
      val out = val::global("Array").new_(static_cast<double>(rows));
      for (std::size_t r = 0; r < rows; ++r) {
        val row = val::object();
        for (std::size_t k = 0; k < readable.size(); ++k) {
          const std::size_t c = readable[k];
          row.set(keys[k], table[c].nodes.empty() ? jsValue(columns[c], table[c], r) : nestedJs(schema, table[c], children[c], 0, r));
        }
        out.set(r, row);
      }
      countBytesOut(tableBytes(table));
      return out;
    });
  }

  void beginOpen(double size) { jsErrors([&] { session_.beginOpen(static_cast<std::uint64_t>(size)); }); }
  void beginQuery(const val& columns, const std::string& where, double threshold, bool sum) {
    jsErrors([&] {
      QuerySpec spec;
      spec.columns = emscripten::vecFromJSArray<std::string>(columns);
      if (!where.empty()) spec.where = GreaterThan{where, threshold};
      spec.sum = sum;
      session_.beginQuery(spec);
    });
  }
  std::size_t wanted() { return jsErrors([&] { return session_.wanted(); }); }
  std::uintptr_t wantedRanges() { return reinterpret_cast<std::uintptr_t>(session_.wantedRanges()); }
  std::uintptr_t buffer(std::size_t i) {
    return jsErrors([&] { return reinterpret_cast<std::uintptr_t>(session_.buffer(i)); });
  }
  void advance() { jsErrors([&] { session_.advance(); }); }

  // The last query's result, for views over linear memory.
  double resultRows() { return jsErrors([&] { return static_cast<double>(session_.result().rows); }); }
  double resultSum() { return jsErrors([&] { return session_.result().sum; }); }
  // What the last query ignored (optional metadata that failed validation):
  // { count, messages }, the first few messages of count.
  val resultWarnings() {
    return jsErrors([&] {
      const Warnings& w = session_.result().warnings;
      val messages = val::array();
      for (const std::string& m : w.messages) messages.call<void>("push", m);
      val out = val::object();
      out.set("count", static_cast<double>(w.count));
      out.set("messages", messages);
      return out;
    });
  }
  std::uintptr_t columnData(std::size_t j) { return ptr(column(j).data.data()); }
  double columnDataBytes(std::size_t j) { return static_cast<double>(column(j).data.size()); }
  std::uintptr_t columnOffsets(std::size_t j) { return ptr(column(j).offsets.data()); }
  std::uintptr_t columnValid(std::size_t j) { return column(j).optional ? ptr(column(j).valid.data()) : 0; }
  // A nested result column's arrays (empty for a flat one), one object per node
  // in pre-order: { name, kind, nullable, parent (position; -1 for the field),
  // length, valid (pointer; 0 when not nullable), offsets (lists and maps:
  // length + 1 int32), and for leaves type, logical, data, dataBytes,
  // valueOffsets (byte arrays: length + 1 uint32), valueValid (0 when none) }.
  // adapters/nested-values.mjs turns them into typed-array views.
  val columnNodes(std::size_t j) {
    return jsErrors([&] {
      const ColumnValues& c = column(j);
      const Schema& schema = session_.file().schema();
      TOLLGATE_PHASE(serialize);
      val out = val::array();
      for (const NestedNode& n : c.nodes) {
        const FieldNode& f = schema.fields[n.field];
        val node = val::object();
        node.set("name", schema.fieldName(n.field));
        node.set("kind", std::string(fieldKindName(f.kind)));
        node.set("nullable", f.nullable);
        node.set("parent", n.parent);
        node.set("length", static_cast<double>(n.length));
        node.set("valid", f.nullable ? ptr(n.valid.data()) : 0);
        node.set("offsets", n.offsets.size() > 0 ? ptr(n.offsets.data()) : 0);
        if (f.kind == FieldNode::Kind::leaf) {
          const ColumnDescriptor& leaf = schema.columns[f.column];
          node.set("type", typeLabel(leaf));
          if (leaf.logical.kind != LogicalType::Kind::none && leaf.logical.kind != LogicalType::Kind::integer) {
            node.set("logical", logicalObject(leaf.logical));
          }
          node.set("data", ptr(n.values.data.data()));
          node.set("dataBytes", static_cast<double>(n.values.data.size()));
          node.set("valueOffsets", n.values.width == 0 ? ptr(n.values.offsets.data()) : 0);
          node.set("valueValid", n.values.optional ? ptr(n.values.valid.data()) : 0);
        }
        out.call<void>("push", node);
      }
      return out;
    });
  }

  // Exact figures for the results' counters and memory.
  double ioRequests() { return static_cast<double>(session_.io().requests); }
  double ioBytes() { return static_cast<double>(session_.io().bytes_read); }
  double budgetCurrent() { return static_cast<double>(session_.budget().stats().current); }
  double budgetPeak() { return static_cast<double>(session_.budget().stats().peak); }
  double budgetRefused() { return static_cast<double>(session_.budget().stats().refused); }
  double budgetLimit() { return static_cast<double>(session_.budget().stats().limit); }
  void resetBudgetPeak() { session_.budget().resetPeak(); }
  void setBudgetLimit(double bytes) { session_.budget().setLimit(static_cast<std::uint64_t>(bytes)); }
  void release() { session_.release(); }

 private:
  static ParquetSession makeSession(double budget_bytes) {
    if (!(budget_bytes > 0)) throw InputError("the memory budget must be positive");
    return ParquetSession(static_cast<std::uint64_t>(budget_bytes));
  }
  static std::uintptr_t ptr(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }
  static std::size_t tableBytes(const std::vector<ColumnValues>& table) {
    std::size_t n = 0;
    for (const ColumnValues& c : table) {
      n += c.data.size() + c.offsets.size() * 4 + c.valid.size();
      for (const NestedNode& node : c.nodes) {
        n += node.valid.size() + node.offsets.size() * 4 + node.values.data.size() + node.values.offsets.size() * 4 + node.values.valid.size();
      }
    }
    return n;
  }
  const ColumnValues& column(std::size_t j) {
    return jsErrors([&]() -> const ColumnValues& {
      const QueryResult& r = session_.result();
      if (j >= r.columns.size()) throw InputError("the query has no column " + std::to_string(j));
      return r.columns[j];
    });
  }

  ParquetSession session_;
};

BenchSpec benchSpec(double rows, double row_group_rows, double page_rows, double seed, bool v2) {
  BenchSpec spec;
  spec.rows = static_cast<std::uint64_t>(rows);
  spec.row_group_rows = static_cast<std::uint32_t>(row_group_rows);
  spec.page_rows = static_cast<std::uint32_t>(page_rows);
  spec.seed = static_cast<std::uint64_t>(seed);
  spec.data_page_v2 = v2;
  return spec;
}

// The benchmark file, as a JS-owned Uint8Array, for the runners' data folder.
val writeBench(double rows, double row_group_rows, double page_rows, double seed, bool v2) {
  return jsErrors([&] {
    const std::vector<std::uint8_t> bytes = writeBenchFile(benchSpec(rows, row_group_rows, page_rows, seed, v2));
    return bytesCopy(bytes.data(), bytes.size());
  });
}

std::string benchName(double rows, double row_group_rows, double page_rows, double seed, bool v2) {
  return benchFileName(benchSpec(rows, row_group_rows, page_rows, seed, v2));
}

}  // namespace
}  // namespace tollgate::parquet

EMSCRIPTEN_BINDINGS(tollgate_parquet) {
  using tollgate::parquet::ParquetHandle;
  emscripten::class_<ParquetHandle>("ParquetSession")
      .constructor<double>()
      .function("stageFile", &ParquetHandle::stageFile)
      .function("openStaged", &ParquetHandle::openStaged)
      .function("decodeStaged", &ParquetHandle::decodeStaged)
      .function("describe", &ParquetHandle::describe)
      .function("rowObjects", &ParquetHandle::rowObjects)
      .function("beginOpen", &ParquetHandle::beginOpen)
      .function("beginQuery", &ParquetHandle::beginQuery)
      .function("wanted", &ParquetHandle::wanted)
      .function("wantedRanges", &ParquetHandle::wantedRanges)
      .function("buffer", &ParquetHandle::buffer)
      .function("advance", &ParquetHandle::advance)
      .function("resultRows", &ParquetHandle::resultRows)
      .function("resultSum", &ParquetHandle::resultSum)
      .function("resultWarnings", &ParquetHandle::resultWarnings)
      .function("columnData", &ParquetHandle::columnData)
      .function("columnDataBytes", &ParquetHandle::columnDataBytes)
      .function("columnOffsets", &ParquetHandle::columnOffsets)
      .function("columnValid", &ParquetHandle::columnValid)
      .function("columnNodes", &ParquetHandle::columnNodes)
      .function("fields", &ParquetHandle::fields)
      .function("ioRequests", &ParquetHandle::ioRequests)
      .function("ioBytes", &ParquetHandle::ioBytes)
      .function("budgetCurrent", &ParquetHandle::budgetCurrent)
      .function("budgetPeak", &ParquetHandle::budgetPeak)
      .function("budgetRefused", &ParquetHandle::budgetRefused)
      .function("budgetLimit", &ParquetHandle::budgetLimit)
      .function("resetBudgetPeak", &ParquetHandle::resetBudgetPeak)
      .function("setBudgetLimit", &ParquetHandle::setBudgetLimit)
      .function("release", &ParquetHandle::release);
  emscripten::function("writeBenchFile", &tollgate::parquet::writeBench);
  emscripten::function("benchFileName", &tollgate::parquet::benchName);
}
