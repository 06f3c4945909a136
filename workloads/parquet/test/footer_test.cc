// Hostile footers that are valid Thrift: structs that take one byte on the
// wire (an empty ColumnChunk is a lone stop byte) but hundreds in memory. Each
// list is bounded before it is reserved (by the schema's column count, and by
// the bytes its elements must take), and every element must carry its
// required fields, so a footer can only cost a small multiple of its own size.

#include <gtest/gtest.h>

#include <functional>

#include "test_util.h"
#include "thrift_compact.h"
#include "tollgate/errors.h"

namespace tollgate::parquet::test {
namespace {

using thrift::Type;

std::vector<std::uint8_t> fileWithFooter(const std::vector<std::uint8_t>& footer) {
  const std::string magic = "PAR1";
  std::vector<std::uint8_t> file;
  file.reserve(footer.size() + 12);
  file.insert(file.end(), magic.begin(), magic.end());
  file.insert(file.end(), footer.begin(), footer.end());
  for (int i = 0; i < 4; ++i) file.push_back(static_cast<std::uint8_t>(footer.size() >> (8 * i)));
  file.insert(file.end(), magic.begin(), magic.end());
  return file;
}

// A schema of `leaves` required INT32 columns.
void writeSchema(thrift::Writer& w, int leaves) {
  w.listField(2, Type::strct, static_cast<std::uint32_t>(leaves + 1));
  w.beginStruct();
  w.stringField(4, "schema");
  w.i32Field(5, leaves);
  w.endStruct();
  for (int i = 0; i < leaves; ++i) {
    w.beginStruct();
    w.i32Field(1, static_cast<std::int32_t>(PhysicalType::int32));
    w.i32Field(3, 0);
    w.stringField(4, "c" + std::to_string(i));
    w.endStruct();
  }
}

// `groups` row groups of `chunks` empty ColumnChunk structs each.
void writeEmptyRowGroups(thrift::Writer& w, std::vector<std::uint8_t>& out, std::uint32_t groups, std::uint32_t chunks) {
  w.listField(4, Type::strct, groups);
  for (std::uint32_t g = 0; g < groups; ++g) {
    w.beginStruct();
    w.listField(1, Type::strct, chunks);
    out.insert(out.end(), chunks, 0);  // each one only its stop byte
    w.i64Field(2, 1);
    w.i64Field(3, 1);
    w.endStruct();
  }
}

struct Outcome {
  std::string message;
  std::uint64_t peak = 0;
};

// Opens the file under the browser's budget, which the footer's in-memory form
// would fit in: what must stop it is the reader's own bound, not the budget.
Outcome openUnderBrowserBudget(const std::vector<std::uint8_t>& file) {
  MemoryBudget budget(1536ull << 20);
  Outcome out;
  try {
    ParquetFile f(file.size(), budget);
    driveFromMemory(f, file.data(), file.size());
    out.message = "ok";
  } catch (const InputError& e) {
    out.message = e.what();
  }
  out.peak = budget.stats().peak;
  EXPECT_EQ(budget.stats().current, 0u);
  return out;
}

TEST(Footer, EmptyColumnChunksAreRefusedBeforeTheyAreReserved) {
  // The reviewer's footer: 300,000 ColumnChunks of one byte each (~420 in memory).
  std::vector<std::uint8_t> footer;
  thrift::Writer w(footer);
  w.beginStruct();
  w.i32Field(1, 1);
  writeSchema(w, 1);
  w.i64Field(3, 1);
  writeEmptyRowGroups(w, footer, 1, 300000);
  w.endStruct();
  const auto file = fileWithFooter(footer);
  const Outcome got = openUnderBrowserBudget(file);
  EXPECT_NE(got.message.find("list 'RowGroup.columns' of 300000 elements (each at least 19 bytes)"), std::string::npos)
      << got.message;
  // The bytes read (the tail, then the footer) and little more.
  EXPECT_LT(got.peak, 2 * file.size()) << "the footer's lie was reserved for";
}

TEST(Footer, MoreColumnChunksThanTheSchemaHasColumnsAreRefusedBeforeTheyAreReserved) {
  // Chunks that carry their required metadata, 20,000 of them for one column.
  std::vector<std::uint8_t> footer;
  thrift::Writer w(footer);
  w.beginStruct();
  w.i32Field(1, 1);
  writeSchema(w, 1);
  w.i64Field(3, 1);
  w.listField(4, Type::strct, 1);
  w.beginStruct();
  w.listField(1, Type::strct, 20000);
  for (int i = 0; i < 20000; ++i) {
    w.beginStruct();
    w.structField(3);
    w.i32Field(1, static_cast<std::int32_t>(PhysicalType::int32));
    w.listField(2, Type::i32, 0);
    w.listField(3, Type::binary, 0);
    w.i32Field(4, 0);
    for (std::int16_t id : {5, 6, 7, 9}) w.i64Field(id, 0);
    w.endStruct();
    w.endStruct();
  }
  w.i64Field(2, 1);
  w.i64Field(3, 1);
  w.endStruct();
  w.endStruct();
  const auto file = fileWithFooter(footer);
  const Outcome got = openUnderBrowserBudget(file);
  EXPECT_NE(got.message.find("list 'RowGroup.columns' of 20000 elements, more than the 1 its schema allows"),
            std::string::npos) << got.message;
  EXPECT_LT(got.peak, 2 * file.size()) << "the chunks were reserved for";
}

TEST(Footer, WithoutTheSchemaFirstEachColumnChunkMustStillTakeItsBytes) {
  // Row groups before the schema (valid Thrift: fields may come in any order),
  // so no column count is known while they are read.
  std::vector<std::uint8_t> footer;
  thrift::Writer w(footer);
  w.beginStruct();
  w.i32Field(1, 1);
  writeEmptyRowGroups(w, footer, 1, 300000);
  writeSchema(w, 1);  // field 2 after field 4: a long-form field header
  w.i64Field(3, 1);
  w.endStruct();
  const auto file = fileWithFooter(footer);
  const Outcome got = openUnderBrowserBudget(file);
  EXPECT_NE(got.message.find("list 'RowGroup.columns' of 300000 elements"), std::string::npos) << got.message;
  EXPECT_LT(got.peak, 2 * file.size());
}

TEST(Footer, EveryColumnChunkMustCarryItsMetadata) {
  // A wide schema and many row groups, each with as many empty chunks as the
  // schema has columns: within every count, so each chunk is what must be checked.
  std::vector<std::uint8_t> footer;
  thrift::Writer w(footer);
  w.beginStruct();
  w.i32Field(1, 1);
  writeSchema(w, 100);
  w.i64Field(3, 3000);
  writeEmptyRowGroups(w, footer, 3000, 100);
  w.endStruct();
  const auto file = fileWithFooter(footer);
  const Outcome got = openUnderBrowserBudget(file);
  EXPECT_NE(got.message.find("ColumnChunk has no ColumnMetaData"), std::string::npos) << got.message;
  EXPECT_LT(got.peak, 2 * file.size());
}

}  // namespace
}  // namespace tollgate::parquet::test
