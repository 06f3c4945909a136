#include "value_dump.h"

#include <cstdio>
#include <cstring>

#include "../byte_reader.h"
#include "../file_source.h"
#include "../nested_assembly.h"
#include "../query.h"

namespace tollgate::parquet {
namespace {

using nlohmann::json;

std::string hex(const std::uint8_t* p, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = digits[p[i] >> 4];
    out[2 * i + 1] = digits[p[i] & 15];
  }
  return out;
}

std::string doubleBits(double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(bits));
  return text;
}

json rawValue(const ColumnValues& v, std::size_t row) {
  if (v.isNull(row)) return nullptr;
  const std::uint8_t* p = v.data.data() + row * v.width;
  switch (v.type) {
    case PhysicalType::boolean: return *p != 0 ? "true" : "false";
    case PhysicalType::int32:
      return v.is_unsigned ? std::to_string(loadLe<std::uint32_t>(p)) : std::to_string(loadLe<std::int32_t>(p));
    case PhysicalType::int64:
      return v.is_unsigned ? std::to_string(loadLe<std::uint64_t>(p)) : std::to_string(loadLe<std::int64_t>(p));
    case PhysicalType::float32: return doubleBits(static_cast<double>(loadLe<float>(p)));
    case PhysicalType::float64: return doubleBits(loadLe<double>(p));
    case PhysicalType::byte_array: return hex(v.data.data() + v.offsets[row], v.offsets[row + 1] - v.offsets[row]);
    default: return hex(p, v.width);
  }
}

json rawColumn(const ColumnValues& v) {
  json out = json::array();
  for (std::size_t r = 0; r < v.rows; ++r) out.push_back(rawValue(v, r));
  return out;
}

// A nested field's value in one slot of node `p`: null, an array (list, map:
// its key_value structs), an object (struct: by child name), a leaf's raw value.
json nestedValue(const Schema& schema, const ColumnValues& field, const std::vector<std::vector<std::size_t>>& children,
                 std::size_t p, std::size_t slot) {
  const NestedNode& node = field.nodes[p];
  const FieldNode& f = schema.fields[node.field];
  if (f.kind == FieldNode::Kind::leaf) return rawValue(node.values, slot);
  if (f.nullable && node.valid[slot] == 0) return nullptr;
  if (f.kind == FieldNode::Kind::structure) {
    json out = json::object();
    for (const std::size_t c : children[p]) out[schema.fieldName(field.nodes[c].field)] = nestedValue(schema, field, children, c, slot);
    return out;
  }
  json out = json::array();
  for (std::int32_t i = node.offsets[slot]; i < node.offsets[slot + 1]; ++i) {
    out.push_back(nestedValue(schema, field, children, children[p].front(), static_cast<std::size_t>(i)));
  }
  return out;
}

json nestedColumn(const Schema& schema, const ColumnValues& field) {
  std::vector<std::vector<std::size_t>> children(field.nodes.size());
  for (std::size_t p = 1; p < field.nodes.size(); ++p) children[static_cast<std::size_t>(field.nodes[p].parent)].push_back(p);
  json out = json::array();
  for (std::size_t r = 0; r < field.rows; ++r) out.push_back(nestedValue(schema, field, children, 0, r));
  return out;
}

// The field tree: { name, kind, nullable, children } per node, `column` (its
// index in columns) on leaves.
json describeField(const Schema& schema, std::uint32_t n) {
  const FieldNode& f = schema.fields[n];
  json out = {{"name", schema.fieldName(n)}, {"kind", fieldKindName(f.kind)}, {"nullable", f.nullable}};
  if (f.kind == FieldNode::Kind::leaf) {
    out["column"] = f.column;
    return out;
  }
  json children = json::array();
  for (std::uint32_t c = n + 1; c < f.end; c = schema.fields[c].end) children.push_back(describeField(schema, c));
  out["children"] = children;
  return out;
}

// As the bindings' describe() gives it (adapters/parquet_bindings.cc).
json describeColumns(const Schema& schema) {
  json columns = json::array();
  for (const ColumnDescriptor& c : schema.columns) {
    json column = {{"name", c.name}, {"type", typeLabel(c)}, {"optional", c.optional}};
    if (!c.unsupported.empty()) column["unsupported"] = c.unsupported;
    if (c.logical.kind != LogicalType::Kind::none && c.logical.kind != LogicalType::Kind::integer) {
      json logical = {{"type", logicalName(c.logical.kind)}};
      if (c.logical.kind == LogicalType::Kind::time || c.logical.kind == LogicalType::Kind::timestamp) {
        logical["unit"] = timeUnitName(c.logical.unit);
        logical["isAdjustedToUTC"] = c.logical.utc;
      } else if (c.logical.kind == LogicalType::Kind::decimal) {
        logical["precision"] = c.logical.precision;
        logical["scale"] = c.logical.scale;
      }
      column["logical"] = logical;
    }
    columns.push_back(column);
  }
  return columns;
}

}  // namespace

json dumpValues(const std::string& path, const DumpSpec& spec) {
  json out = json::object();
  try {
    MemoryBudget budget(1ull << 31);
    FileSource source(path);
    ParquetFile file(source.size(), budget);
    drive(file, source);
    const Schema& schema = file.schema();
    out["columns"] = describeColumns(schema);
    json values = json::array();
    json nested = json::object();
    json fields = json::array();
    for (const std::uint32_t field : schema.top_fields) fields.push_back(describeField(schema, field));
    out["fields"] = fields;
    // Flat columns by leaf (null for nested leaves and refused columns); nested
    // fields by name, as row values (nestedValue).
    const auto add = [&](const std::vector<const ColumnValues*>& by_leaf) {
      for (const ColumnDescriptor& c : schema.columns) values.push_back(!c.nested && by_leaf[c.index] ? rawColumn(*by_leaf[c.index]) : json());
      for (const std::uint32_t field : schema.top_fields) {
        const ColumnValues* v = by_leaf[leavesOf(schema, field).front()];
        if (schema.fields[field].kind != FieldNode::Kind::leaf && v) nested[schema.fieldName(field)] = nestedColumn(schema, *v);
      }
    };
    std::vector<const ColumnValues*> by_leaf(schema.columns.size(), nullptr);
    if (spec.eager) {
      const std::vector<std::uint8_t> bytes = readWholeFile(path);
      DecodeStats stats;
      const std::vector<ColumnValues> table = decodeAll(file, bytes.data(), stats);
      for (const std::uint32_t field : schema.top_fields) {
        if (refusedLeaf(schema, field) == nullptr) by_leaf[leavesOf(schema, field).front()] = &table[leavesOf(schema, field).front()];
      }
      add(by_leaf);
      out["rows"] = file.metadata().num_rows;
    } else {
      QuerySpec query;
      std::vector<std::size_t> slot;
      for (const std::uint32_t field : schema.top_fields) {
        if (refusedLeaf(schema, field) != nullptr) continue;
        query.columns.push_back(schema.fieldName(field));
        slot.push_back(leavesOf(schema, field).front());
      }
      if (spec.where) {
        query.where = GreaterThan{*spec.where, spec.threshold};
        query.sum = true;
      }
      Query q(file, query);
      drive(q, source);
      const QueryResult& r = q.result();
      for (std::size_t j = 0; j < slot.size(); ++j) by_leaf[slot[j]] = &r.columns[j];
      add(by_leaf);
      out["rows"] = r.rows;
      if (spec.where) {
        out["count"] = r.rows;
        out["sum"] = doubleBits(r.sum);
      }
      out["warnings"] = r.warnings.messages;
    }
    out["nested"] = nested;
    out["values"] = values;
  } catch (const std::exception& e) {
    out["error"] = e.what();
  }
  return out;
}

}  // namespace tollgate::parquet
