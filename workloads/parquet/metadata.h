#pragma once
// Parquet's metadata as this reader keeps it (src/main/thrift/parquet.thrift in
// apache/parquet-format): the parts a reader of flat files needs, parsed from the
// compact protocol with every required field checked. Fields a reader can do
// without are skipped; fields that would change how bytes must be read
// (encryption, nesting, codecs, encodings) are kept so the reader can refuse by name.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "memory_budget.h"

namespace tollgate::parquet {

enum class PhysicalType : std::int32_t {
  boolean = 0, int32 = 1, int64 = 2, int96 = 3, float32 = 4, float64 = 5, byte_array = 6, fixed_len_byte_array = 7,
};
enum class Repetition : std::int32_t { required = 0, optional = 1, repeated = 2, vector = 3 };
enum class Codec : std::int32_t { uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4_raw = 7 };
enum class Encoding : std::int32_t {
  plain = 0, group_var_int = 1, plain_dictionary = 2, rle = 3, bit_packed = 4, delta_binary_packed = 5,
  delta_length_byte_array = 6, delta_byte_array = 7, rle_dictionary = 8, byte_stream_split = 9,
};
enum class PageType : std::int32_t { data_page = 0, index_page = 1, dictionary_page = 2, data_page_v2 = 3 };

// Bytes per value of a fixed-width physical type as stored (FIXED_LEN_BYTE_ARRAY:
// `type_length`); 0 for BYTE_ARRAY, whose values carry their lengths.
std::uint32_t valueWidth(PhysicalType type, std::int32_t type_length);

// Names as the format spells them, for error messages; unknown values print as numbers.
std::string physicalTypeName(std::int32_t type);
std::string codecName(std::int32_t codec);
std::string encodingName(std::int32_t encoding);
std::string pageTypeName(std::int32_t type);

// ConvertedType and LogicalType (the union's field ids) values this reader
// interprets (schema.h's LogicalType says how).
inline constexpr std::int32_t kConvertedUtf8 = 0;
inline constexpr std::int32_t kLogicalString = 1;
inline constexpr std::int32_t kLogicalDecimal = 5;
inline constexpr std::int32_t kLogicalTime = 7;
inline constexpr std::int32_t kLogicalTimestamp = 8;
// ConvertedType UINT_8..UINT_64 and LogicalType INTEGER(bitWidth, isSigned):
// unsigned integers stored in INT32 / INT64, whose bits must be zero-extended.
inline constexpr std::int32_t kConvertedUint8 = 11;
inline constexpr std::int32_t kConvertedUint64 = 14;
inline constexpr std::int32_t kLogicalInteger = 10;

struct Statistics {
  std::optional<std::string> min_value, max_value;  // min_value/max_value, PLAIN-encoded
  std::optional<std::string> legacy_min, legacy_max;  // deprecated min/max (signed order)
  std::optional<std::int64_t> null_count;
  std::optional<std::int64_t> nan_count;
};

// TIME and TIMESTAMP units (TimeUnit's field ids); none when absent.
enum class TimeUnit : std::uint8_t { none = 0, millis = 1, micros = 2, nanos = 3 };

struct SchemaElement {
  std::optional<std::int32_t> type;
  std::int32_t type_length = 0;
  std::optional<std::int32_t> repetition;
  std::string name;
  std::int32_t num_children = 0;
  std::optional<std::int32_t> converted_type;
  std::int32_t logical_type = 0;  // the LogicalType union's field id; 0 when absent
  bool logical_unsigned = false;  // LogicalType INTEGER with isSigned false
  bool utc = false;               // TIME / TIMESTAMP isAdjustedToUTC
  TimeUnit time_unit = TimeUnit::none;
  std::int32_t scale = 0, precision = 0;  // DECIMAL (LogicalType, or the legacy fields 7 and 8)
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
};

struct ColumnMetaData {
  std::int32_t type = 0;
  std::vector<std::int32_t> encodings;
  std::vector<std::string> path;
  std::int32_t codec = 0;
  std::int64_t num_values = 0;
  std::int64_t total_uncompressed_size = 0;
  std::int64_t total_compressed_size = 0;
  std::vector<KeyValue> key_value_metadata;
  std::int64_t data_page_offset = 0;
  std::optional<std::int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
};

struct ColumnChunk {
  std::optional<std::string> file_path;
  std::optional<ColumnMetaData> meta_data;
  std::optional<std::int64_t> offset_index_offset;
  std::optional<std::int32_t> offset_index_length;
  std::optional<std::int64_t> column_index_offset;
  std::optional<std::int32_t> column_index_length;
  bool encrypted = false;  // crypto_metadata or encrypted_column_metadata present
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  std::int64_t total_byte_size = 0;
  std::int64_t num_rows = 0;
};

struct FileMetaData {
  std::int32_t version = 0;
  std::vector<SchemaElement> schema;
  std::int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<KeyValue> key_value_metadata;
  std::optional<std::string> created_by;
  bool encrypted = false;     // encryption_algorithm set (plaintext footer, encrypted columns)
  Reservation memory;         // what parsing it reserved against the budget
};

struct DataPageHeader {
  std::int32_t num_values = 0;
  std::int32_t encoding = 0;
  std::int32_t definition_level_encoding = 0;
  std::int32_t repetition_level_encoding = 0;
};

struct DataPageHeaderV2 {
  std::int32_t num_values = 0;
  std::int32_t num_nulls = 0;
  std::int32_t num_rows = 0;
  std::int32_t encoding = 0;
  std::int32_t definition_levels_byte_length = 0;
  std::int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
};

struct DictionaryPageHeader {
  std::int32_t num_values = 0;
  std::int32_t encoding = 0;
};

struct PageHeader {
  std::int32_t type = 0;
  std::int32_t uncompressed_page_size = 0;
  std::int32_t compressed_page_size = 0;
  std::optional<DataPageHeader> data_page;
  std::optional<DataPageHeaderV2> data_page_v2;
  std::optional<DictionaryPageHeader> dictionary_page;
  std::size_t header_size = 0;  // bytes the header itself took
};

struct PageLocation {
  std::int64_t offset = 0;
  std::int32_t compressed_page_size = 0;
  std::int64_t first_row_index = 0;
};

struct OffsetIndex {
  std::vector<PageLocation> pages;
};

struct ColumnIndex {
  std::vector<bool> null_pages;
  std::vector<std::string> min_values, max_values;
  std::int32_t boundary_order = 0;
};

// Each parser throws InputError naming the structure and the problem; the budget
// is charged for what the parsed structures hold before they are allocated.
FileMetaData parseFileMetaData(const std::uint8_t* data, std::size_t size, MemoryBudget& budget);
PageHeader parsePageHeader(const std::uint8_t* data, std::size_t size);
OffsetIndex parseOffsetIndex(const std::uint8_t* data, std::size_t size, Reservation& memory);
ColumnIndex parseColumnIndex(const std::uint8_t* data, std::size_t size, Reservation& memory);

}  // namespace tollgate::parquet
