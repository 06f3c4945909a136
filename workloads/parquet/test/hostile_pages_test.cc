// Hostile pages, section by section: the definition-level section of data
// pages v2 (its byte length, null count, repetition levels, level values) and
// the length prefix of RLE-encoded booleans. Each lie is refused with an
// InputError naming it; the truthful page next to it reads.

#include <gtest/gtest.h>

#include "raw_file.h"
#include "read_everything.h"

namespace tollgate::parquet::test {
namespace {

// An optional INT32 column of 1, null, 3, null as one v2 page: definition
// levels 1 0 1 0 (one bit-packed group: header 3, bits 0b0101), then the two
// values, uncompressed.
RawPage v2Page() {
  RawPage page;
  page.type = static_cast<std::int32_t>(PageType::data_page_v2);
  page.body = {0x03, 0x05};
  const auto values = int32s({1, 3});
  page.body.insert(page.body.end(), values.begin(), values.end());
  page.num_values = 4;
  page.num_nulls = 2;
  page.definition_levels_bytes = 2;
  return page;
}

RawColumn optionalInt32() {
  RawColumn c;
  c.optional = true;
  return c;
}

std::vector<std::uint8_t> v2File(const RawPage& page, Codec codec = Codec::uncompressed, RawColumn column = optionalInt32()) {
  return rawFile({page}, 4, codec, column);
}

TEST(HostilePages, AV2PageTellingTheTruthReads) {
  EXPECT_EQ(readEverything(v2File(v2Page())), "ok");
  MemoryBudget budget(1 << 20);
  const auto bytes = v2File(v2Page());
  ParquetFile file(bytes.size(), budget);
  driveFromMemory(file, bytes.data(), bytes.size());
  const QueryResult r = runQuery(file, bytes, {{"v"}, GreaterThan{"v", 0}, true});
  EXPECT_EQ(r.rows, 2u);
  EXPECT_EQ(r.sum, 4.0);
}

TEST(HostilePages, V2DefinitionLevelLengthsThatLie) {
  RawPage page = v2Page();
  page.definition_levels_bytes = 100;  // more than the page holds
  expectRefusal(v2File(page), "levels claim 0 + 100 of its 10 bytes");
  page.definition_levels_bytes = -1;
  expectRefusal(v2File(page), "levels claim 0 + -1 of its 10 bytes");
  page = v2Page();
  page.repetition_levels_bytes = 9;  // with the definition levels' 2, past the page
  expectRefusal(v2File(page), "levels claim 9 + 2 of its 10 bytes");
  page = v2Page();
  page.definition_levels_bytes = 1;  // the run's header without its bits
  expectRefusal(v2File(page), "definition levels: ends after 0 of 4 values");
  page = v2Page();
  page.uncompressed_size = 1;  // smaller than its own levels
  expectRefusal(v2File(page, Codec::snappy), "a v2 page is smaller than its levels");
}

TEST(HostilePages, V2LevelContentsThatLie) {
  RawPage page = v2Page();
  page.num_nulls = 1;  // the levels say two
  expectRefusal(v2File(page), "a v2 page says 1 nulls, its levels say 2");
  // Repetition levels in a flat column (all zeros, as some writers store
  // them): skipped, the definition levels and values after them read right.
  page = v2Page();
  page.repetition_levels_bytes = 1;
  page.body.insert(page.body.begin(), 4 << 1);  // a run of four 0s, bit width 0
  EXPECT_EQ(readEverything(v2File(page)), "ok");
  page = v2Page();
  page.body[0] = 4 << 1;  // an RLE run of four...
  page.body[1] = 2;       // ...level 2s, in 1-bit levels
  expectRefusal(v2File(page), "RLE value 2 is wider than 1 bits");
  RawColumn required;  // levels and nulls in a column that has neither
  expectRefusal(v2File(v2Page(), Codec::uncompressed, required), "a required column's v2 page has definition levels or nulls");
}

TEST(HostilePages, V2ValuesCompressedOrNot) {
  // SNAPPY: only the values are compressed, and only if the page says so.
  RawPage raw = v2Page();
  raw.is_compressed = false;
  EXPECT_EQ(readEverything(v2File(raw, Codec::snappy)), "ok");
  RawPage compressed = v2Page();
  const auto values = snappyOf(int32s({1, 3}));
  compressed.body.resize(2);
  compressed.body.insert(compressed.body.end(), values.begin(), values.end());
  compressed.uncompressed_size = 2 + 8;
  EXPECT_EQ(readEverything(v2File(compressed, Codec::snappy)), "ok");
  RawPage lying = v2Page();  // says compressed, holds raw values
  lying.uncompressed_size = 2 + 8;
  expectRefusal(v2File(lying, Codec::snappy), "invalid snappy stream");
}

// A required BOOLEAN column of 1 0 1 1 encoded RLE: a 4-byte length, then one
// bit-packed group (header 3, bits 0b1101).
RawPage rleBooleans(std::vector<std::uint8_t> length_and_runs) {
  RawPage page;
  page.encoding = static_cast<std::int32_t>(Encoding::rle);
  page.body = std::move(length_and_runs);
  page.num_values = 4;
  return page;
}

std::vector<std::uint8_t> booleanFile(const RawPage& page) {
  return rawFile({page}, 4, Codec::uncompressed, PhysicalType::boolean);
}

TEST(HostilePages, RleBooleanLengthsThatLie) {
  EXPECT_EQ(readEverything(booleanFile(rleBooleans({2, 0, 0, 0, 0x03, 0x0d}))), "ok");
  expectRefusal(booleanFile(rleBooleans({100, 0, 0, 0, 0x03, 0x0d})), "RLE booleans: truncated, needs 100 more bytes");
  expectRefusal(booleanFile(rleBooleans({0xff, 0xff, 0xff, 0xff, 0x03, 0x0d})), "needs 4294967295 more bytes");
  expectRefusal(booleanFile(rleBooleans({1, 0, 0, 0, 0x03, 0x0d})), "RLE booleans: ends after 0 of 4 values");
  expectRefusal(booleanFile(rleBooleans({0, 0, 0, 0, 0x03, 0x0d})), "RLE booleans: ends after 0 of 4 values");
  expectRefusal(booleanFile(rleBooleans({2, 0})), "RLE booleans: truncated, needs 4 more bytes");
}

}  // namespace
}  // namespace tollgate::parquet::test
