#pragma once
// Hand-assembled Parquet files for the hostile-input tests: every page header
// and footer field chosen by the test, so each can tell exactly one lie.

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "metadata.h"
#include "snappy.h"
#include "thrift_compact.h"

namespace tollgate::parquet::test {

// Thrift's i8 is one raw byte (not a varint).
inline void putI8(std::vector<std::uint8_t>& out, std::int32_t v) { out.push_back(static_cast<std::uint8_t>(v)); }

struct RawPage {
  std::int32_t type = static_cast<std::int32_t>(PageType::data_page);
  std::vector<std::uint8_t> body;
  std::int32_t num_values = 0;
  std::int32_t encoding = static_cast<std::int32_t>(Encoding::plain);
  static constexpr std::int32_t kBodySize = INT32_MIN;
  std::int32_t compressed_size = kBodySize;    // as written in the header
  std::int32_t uncompressed_size = kBodySize;
  // DATA_PAGE_V2 only (type data_page_v2): the header's level and null counts.
  std::int32_t num_nulls = 0;
  std::int32_t definition_levels_bytes = 0;
  std::int32_t repetition_levels_bytes = 0;
  bool is_compressed = true;
};

// The one column of a raw file: its type, annotations and chunk statistics.
struct RawColumn {
  PhysicalType type = PhysicalType::int32;
  std::int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY
  bool optional = false;
  std::optional<std::int32_t> converted_type;
  std::int32_t logical_int_bits = 0;  // LogicalType INTEGER(bits, signed) when > 0
  // Another LogicalType member (its field id) when > 0: DECIMAL with scale and
  // precision, TIME / TIMESTAMP with utc and unit (1-3), the rest empty.
  std::int32_t logical_id = 0;
  std::int32_t scale = 0, precision = 0, unit = 0;
  bool utc = false;
  bool legacy_decimal_fields = false;  // scale and precision as SchemaElement fields 7 and 8
  bool logical_int_signed = true;
  std::optional<std::string> min_value, max_value;    // Statistics 6 and 5
  std::optional<std::string> legacy_min, legacy_max;  // Statistics 2 and 1 (deprecated)
};

inline std::vector<std::uint8_t> pageBytes(const RawPage& p) {
  std::vector<std::uint8_t> out;
  thrift::Writer w(out);
  w.beginStruct();
  w.i32Field(1, p.type);
  const auto body = static_cast<std::int32_t>(p.body.size());
  w.i32Field(2, p.uncompressed_size == RawPage::kBodySize ? body : p.uncompressed_size);
  w.i32Field(3, p.compressed_size == RawPage::kBodySize ? body : p.compressed_size);
  if (p.type == static_cast<std::int32_t>(PageType::dictionary_page)) {
    w.structField(7);
    w.i32Field(1, p.num_values);
    w.i32Field(2, static_cast<std::int32_t>(Encoding::plain));
    w.endStruct();
  } else if (p.type == static_cast<std::int32_t>(PageType::data_page_v2)) {
    w.structField(8);
    w.i32Field(1, p.num_values);
    w.i32Field(2, p.num_nulls);
    w.i32Field(3, p.num_values);
    w.i32Field(4, p.encoding);
    w.i32Field(5, p.definition_levels_bytes);
    w.i32Field(6, p.repetition_levels_bytes);
    if (!p.is_compressed) w.boolField(7, false);
    w.endStruct();
  } else {
    w.structField(5);
    w.i32Field(1, p.num_values);
    w.i32Field(2, p.encoding);
    w.i32Field(3, static_cast<std::int32_t>(Encoding::rle));
    w.i32Field(4, static_cast<std::int32_t>(Encoding::rle));
    w.endStruct();
  }
  w.endStruct();
  out.insert(out.end(), p.body.begin(), p.body.end());
  return out;
}

// One column "v" as `column` describes it, in one row group of `rows` rows,
// made of `pages`, with codec `codec`.
inline std::vector<std::uint8_t> rawFile(const std::vector<RawPage>& pages, std::int64_t rows, Codec codec,
                                        const RawColumn& column) {
  const PhysicalType type = column.type;
  std::vector<std::uint8_t> file = {'P', 'A', 'R', '1'};
  const auto start = static_cast<std::int64_t>(file.size());
  std::int64_t data_offset = start;
  bool dictionary = false;
  for (const RawPage& p : pages) {
    if (p.type == static_cast<std::int32_t>(PageType::dictionary_page)) {
      dictionary = true;
      data_offset = start + static_cast<std::int64_t>(pageBytes(p).size());
    }
    const auto bytes = pageBytes(p);
    file.insert(file.end(), bytes.begin(), bytes.end());
  }
  const auto chunk_size = static_cast<std::int64_t>(file.size()) - start;
  std::vector<std::uint8_t> footer;
  thrift::Writer w(footer);
  w.beginStruct();
  w.i32Field(1, 1);
  w.listField(2, thrift::Type::strct, 2);
  w.beginStruct();
  w.stringField(4, "schema");
  w.i32Field(5, 1);
  w.endStruct();
  w.beginStruct();
  w.i32Field(1, static_cast<std::int32_t>(type));
  if (column.type_length > 0) w.i32Field(2, column.type_length);
  w.i32Field(3, column.optional ? 1 : 0);
  w.stringField(4, "v");
  if (column.converted_type) w.i32Field(6, *column.converted_type);
  if (column.legacy_decimal_fields) {
    w.i32Field(7, column.scale);
    w.i32Field(8, column.precision);
  }
  if (column.logical_id > 0) {
    w.structField(10);
    w.structField(static_cast<std::int16_t>(column.logical_id));
    if (column.logical_id == 5) {
      w.i32Field(1, column.scale);
      w.i32Field(2, column.precision);
    } else if (column.logical_id == 7 || column.logical_id == 8) {
      w.boolField(1, column.utc);
      w.structField(2);
      w.structField(static_cast<std::int16_t>(column.unit));
      w.endStruct();
      w.endStruct();
    }
    w.endStruct();
    w.endStruct();
  }
  if (column.logical_int_bits > 0) {
    w.structField(10);
    w.structField(10);  // IntType
    w.fieldHeader(thrift::Type::i8, 1);
    putI8(footer, column.logical_int_bits);
    w.boolField(2, column.logical_int_signed);
    w.endStruct();
    w.endStruct();
  }
  w.endStruct();
  w.i64Field(3, rows);
  w.listField(4, thrift::Type::strct, 1);
  w.beginStruct();
  w.listField(1, thrift::Type::strct, 1);
  w.beginStruct();
  w.i64Field(2, start);
  w.structField(3);
  w.i32Field(1, static_cast<std::int32_t>(type));
  w.listField(2, thrift::Type::i32, 1);
  w.i32(0);
  w.listField(3, thrift::Type::binary, 1);
  w.binary("v", 1);
  w.i32Field(4, static_cast<std::int32_t>(codec));
  w.i64Field(5, rows);
  w.i64Field(6, chunk_size);
  w.i64Field(7, chunk_size);
  w.i64Field(9, data_offset);
  if (dictionary) w.i64Field(11, start);
  if (column.min_value || column.max_value || column.legacy_min || column.legacy_max) {
    w.structField(12);
    if (column.legacy_max) w.stringField(1, *column.legacy_max);
    if (column.legacy_min) w.stringField(2, *column.legacy_min);
    if (column.max_value) w.stringField(5, *column.max_value);
    if (column.min_value) w.stringField(6, *column.min_value);
    w.endStruct();
  }
  w.endStruct();
  w.endStruct();
  w.i64Field(2, chunk_size);
  w.i64Field(3, rows);
  w.endStruct();
  w.endStruct();
  file.insert(file.end(), footer.begin(), footer.end());
  for (int i = 0; i < 4; ++i) file.push_back(static_cast<std::uint8_t>(footer.size() >> (8 * i)));
  file.insert(file.end(), {'P', 'A', 'R', '1'});
  return file;
}

// One REQUIRED INT32 column "v" (or `type`).
inline std::vector<std::uint8_t> rawFile(const std::vector<RawPage>& pages, std::int64_t rows,
                                        Codec codec = Codec::uncompressed, PhysicalType type = PhysicalType::int32) {
  RawColumn column;
  column.type = type;
  return rawFile(pages, rows, codec, column);
}

inline std::vector<std::uint8_t> int32s(std::initializer_list<std::int32_t> values) {
  std::vector<std::uint8_t> out;
  for (std::int32_t v : values) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(static_cast<std::uint32_t>(v) >> (8 * i)));
  }
  return out;
}

inline std::vector<std::uint8_t> snappyOf(const std::vector<std::uint8_t>& raw) {
  std::vector<std::uint8_t> out;
  snappy::compress(raw.data(), raw.size(), out);
  return out;
}

}  // namespace tollgate::parquet::test
