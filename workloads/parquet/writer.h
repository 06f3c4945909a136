#pragma once
// A deterministic Parquet writer: enough for the benchmark file and the test
// fixtures. Flat columns (required or optional), PLAIN or RLE_DICTIONARY, data
// pages v1 (or v2), UNCOMPRESSED or SNAPPY (any other codec through a
// compressor the caller brings: the tests'), chunk statistics, and a page index
// (column index + offset index) so that readers can fetch single pages. Same
// input, same bytes, on every platform.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "metadata.h"

namespace tollgate::parquet {

struct WriterColumn {
  std::string name;
  PhysicalType type = PhysicalType::int32;
  bool optional = false;
  bool is_string = false;        // BYTE_ARRAY annotated STRING / UTF8
  std::int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY
  bool dictionary = false;       // RLE_DICTIONARY pages after a dictionary page
};

// Appends the compressed form of `size` bytes to `out`.
using Compressor = std::function<void(const std::uint8_t* data, std::size_t size, std::vector<std::uint8_t>& out)>;

struct WriterOptions {
  Codec codec = Codec::snappy;
  Compressor compress;  // required for codecs other than UNCOMPRESSED and SNAPPY
  std::uint32_t page_rows = 10000;
  bool page_index = true;
  bool data_page_v2 = false;
  std::vector<KeyValue> key_value_metadata;
  std::string created_by = "tollgate parquet writer";
};

// One column of one row group, in the reader's layout: fixed-width values
// densely (a null row's slot is ignored), byte arrays as offsets (rows + 1) into
// bytes, and a validity byte per row for optional columns.
struct ColumnInput {
  std::vector<std::uint8_t> data;
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint8_t> valid;
};

class ParquetWriter {
 public:
  ParquetWriter(std::vector<WriterColumn> columns, WriterOptions options);

  // Appends a row group; throws std::invalid_argument if the input does not fit the schema.
  void writeRowGroup(const std::vector<ColumnInput>& columns, std::uint32_t rows);
  // Page indexes and footer; returns the whole file.
  std::vector<std::uint8_t> finish();

 private:
  struct PageInfo {
    std::int64_t offset;
    std::int32_t size;  // with its header
    std::int64_t first_row;
    bool all_null;
    std::string min, max;
    std::int64_t nulls;
  };
  struct ChunkInfo {
    std::int64_t start, data_page_offset, dictionary_page_offset = -1;
    std::int64_t compressed = 0, uncompressed = 0, num_values = 0, nulls = 0;
    bool has_stats = false;
    std::string min, max;
    std::vector<PageInfo> pages;
    std::int64_t column_index_offset = 0, column_index_length = 0, offset_index_offset = 0, offset_index_length = 0;
  };
  struct GroupInfo {
    std::vector<ChunkInfo> chunks;
    std::int64_t rows = 0;
  };

  void writeChunk(std::size_t column, const ColumnInput& input, std::uint32_t rows, ChunkInfo& chunk);
  void writePage(std::int32_t type, const std::vector<std::uint8_t>& body, std::size_t levels_bytes,
                 std::int32_t values, std::int32_t nulls, std::int32_t encoding, ChunkInfo& chunk);
  std::vector<std::uint8_t> footer() const;

  std::vector<WriterColumn> columns_;
  WriterOptions options_;
  std::vector<std::uint8_t> out_;
  std::vector<GroupInfo> groups_;
  std::int64_t rows_ = 0;
  bool finished_ = false;
};

}  // namespace tollgate::parquet
