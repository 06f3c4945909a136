#include "value_dump.h"

#include <cstdio>
#include <cstring>

#include "../byte_reader.h"
#include "../file_source.h"
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
    if (spec.eager) {
      const std::vector<std::uint8_t> bytes = readWholeFile(path);
      DecodeStats stats;
      const std::vector<ColumnValues> table = decodeAll(file, bytes.data(), stats);
      for (const ColumnDescriptor& c : schema.columns) values.push_back(c.unsupported.empty() ? rawColumn(table[c.index]) : json());
      out["rows"] = file.metadata().num_rows;
    } else {
      QuerySpec query;
      for (const ColumnDescriptor& c : schema.columns) {
        if (c.unsupported.empty()) query.columns.push_back(c.name);
      }
      if (spec.where) {
        query.where = GreaterThan{*spec.where, spec.threshold};
        query.sum = true;
      }
      Query q(file, query);
      drive(q, source);
      const QueryResult& r = q.result();
      std::size_t j = 0;
      for (const ColumnDescriptor& c : schema.columns) values.push_back(c.unsupported.empty() ? rawColumn(r.columns[j++]) : json());
      out["rows"] = r.rows;
      if (spec.where) {
        out["count"] = r.rows;
        out["sum"] = doubleBits(r.sum);
      }
      out["warnings"] = r.warnings.messages;
    }
    out["values"] = values;
  } catch (const std::exception& e) {
    out["error"] = e.what();
  }
  return out;
}

}  // namespace tollgate::parquet
