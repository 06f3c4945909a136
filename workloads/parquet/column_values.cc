#include "column_values.h"

#include <cstdint>
#include <string>

#include "byte_reader.h"

namespace tollgate::parquet {

std::uint64_t rowCount(const RowRanges& ranges) {
  std::uint64_t n = 0;
  for (const RowRange& r : ranges) n += r.end - r.begin;
  return n;
}

void ColumnValues::init(const ColumnDescriptor& column, MemoryBudget& budget) {
  type = column.type;
  width = column.width();
  optional = column.optional || column.logical.kind == LogicalType::Kind::unknown;
  is_unsigned = column.is_unsigned;
  rows = 0;
  nulls = 0;
  // Whatever an earlier init held goes, memory and reservation, before binding.
  data.reset();
  offsets.reset();
  valid.reset();
  data.bind(budget);
  offsets.bind(budget);
  valid.bind(budget);
  if (width == 0) offsets.push_back(0, "string offsets");
}

void ColumnValues::clearRows() {
  rows = 0;
  nulls = 0;
  data.clear();
  offsets.clear();
  valid.clear();
  if (width == 0) offsets.push_back(0, "string offsets");
}

void ColumnValues::reserveRows(std::size_t count, std::size_t bytes, const char* what) {
  // 64-bit sums: in wasm a row count times a wide FIXED_LEN_BYTE_ARRAY can pass 2^32.
  const auto fits = [&](std::uint64_t total) {
    if (total > SIZE_MAX / 2) throw BudgetExceeded(std::string(what) + ": " + std::to_string(total) + " bytes is past what this platform can allocate");
    return static_cast<std::size_t>(total);
  };
  if (width == 0) {
    // Offsets are 32-bit (JS reads them as a Uint32Array): past 4 GiB they would wrap.
    const std::uint64_t total = std::uint64_t{data.size()} + bytes;
    if (total > UINT32_MAX) {
      throw InputError(std::string(what) + ": " + std::to_string(total) +
                       " bytes of byte arrays, past the 4 GiB their 32-bit offsets address");
    }
    offsets.reserveGrowing(fits(std::uint64_t{offsets.size()} + count), what);
    data.reserveGrowing(fits(total), what);
  } else {
    data.reserveGrowing(fits(std::uint64_t{data.size()} + std::uint64_t{count} * width), what);
  }
  if (optional) valid.reserveGrowing(fits(std::uint64_t{valid.size()} + count), what);
}

double ColumnValues::number(std::size_t row) const {
  const std::uint8_t* p = data.data() + row * width;
  switch (type) {
    case PhysicalType::int32:
      return is_unsigned ? static_cast<double>(loadLe<std::uint32_t>(p)) : static_cast<double>(loadLe<std::int32_t>(p));
    case PhysicalType::int64:
      return is_unsigned ? static_cast<double>(loadLe<std::uint64_t>(p)) : static_cast<double>(loadLe<std::int64_t>(p));
    case PhysicalType::float32: return static_cast<double>(loadLe<float>(p));
    case PhysicalType::float64: return loadLe<double>(p);
    default: return 0;
  }
}

bool isNumeric(PhysicalType type) {
  return type == PhysicalType::int32 || type == PhysicalType::int64 || type == PhysicalType::float32 ||
         type == PhysicalType::float64;
}

}  // namespace tollgate::parquet
