#pragma once
// The benchmark table, generated deterministically (integer arithmetic only, so
// every platform writes the same bytes):
//   id INT64, price DOUBLE (nullable), qty INT32 (nullable), name STRING
//   (nullable), category STRING (dictionary-encoded)
// Prices drift upward with id (as if rows were stored in time order while prices
// rose), with +-10.00 of noise: `price > 990` selects about 1% of the rows, all
// in the last row group, and min/max statistics can prove the others hold none.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "writer.h"

namespace tollgate::parquet {

struct BenchSpec {
  std::uint64_t rows = 1000000;
  std::uint32_t row_group_rows = 100000;
  std::uint32_t page_rows = 10000;
  std::uint64_t seed = 1;
  Codec codec = Codec::snappy;
  Compressor compress;  // for codecs other than UNCOMPRESSED and SNAPPY (the tests')
  bool data_page_v2 = false;
  bool page_index = true;
};

struct BenchRow {
  std::int64_t id = 0;
  std::optional<double> price;
  std::optional<std::int32_t> qty;
  std::optional<std::string> name;
  std::string category;
};

BenchRow benchRow(const BenchSpec& spec, std::uint64_t row);
std::vector<WriterColumn> benchSchema();
// Rows [first, first + count) as writer input.
std::vector<ColumnInput> benchColumns(const BenchSpec& spec, std::uint64_t first, std::uint32_t count);
std::vector<std::uint8_t> writeBenchFile(const BenchSpec& spec);
// A file name that says what is in it, for the runners' data folder.
std::string benchFileName(const BenchSpec& spec);

}  // namespace tollgate::parquet
