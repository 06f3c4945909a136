#pragma once
// Hand-assembled Parquet files for the hostile-input tests: every page header
// and footer field chosen by the test, so each can tell exactly one lie.

#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "metadata.h"
#include "snappy.h"
#include "thrift_compact.h"

namespace tollgate::parquet::test {

struct RawPage {
  std::int32_t type = static_cast<std::int32_t>(PageType::data_page);
  std::vector<std::uint8_t> body;
  std::int32_t num_values = 0;
  std::int32_t encoding = static_cast<std::int32_t>(Encoding::plain);
  static constexpr std::int32_t kBodySize = INT32_MIN;
  std::int32_t compressed_size = kBodySize;    // as written in the header
  std::int32_t uncompressed_size = kBodySize;
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

// One REQUIRED INT32 column "v" (or `type`) in one row group of `rows` rows,
// made of `pages`, with codec `codec`.
inline std::vector<std::uint8_t> rawFile(const std::vector<RawPage>& pages, std::int64_t rows,
                                        Codec codec = Codec::uncompressed, PhysicalType type = PhysicalType::int32) {
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
  w.i32Field(3, 0);
  w.stringField(4, "v");
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
