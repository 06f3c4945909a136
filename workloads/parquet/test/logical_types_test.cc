// Logical types (LogicalType, or the legacy ConvertedType): each column says
// what its raw values mean (units, UTC flag, precision, scale), an annotation
// that does not fit its physical type is ignored, and UNKNOWN reads as null
// whatever its pages store, in a required column too (as DuckDB and arrow-rs do).

#include <gtest/gtest.h>

#include "raw_file.h"
#include "read_everything.h"

namespace tollgate::parquet::test {
namespace {

using Kind = LogicalType::Kind;

// The logical type the reader gives one column "v" of `column`, three rows.
LogicalType logicalOf(const RawColumn& column) {
  RawPage page;
  page.num_values = 3;
  const std::uint32_t width = column.type == PhysicalType::fixed_len_byte_array ? static_cast<std::uint32_t>(column.type_length)
                                                                                 : valueWidth(column.type, 0);
  page.body.assign(3 * (width == 0 ? 5 : width), 0);
  if (width == 0) {
    page.body.clear();
    for (int i = 0; i < 3; ++i) page.body.insert(page.body.end(), {1, 0, 0, 0, 'x'});
  }
  const auto bytes = rawFile({page}, 3, Codec::uncompressed, column);
  EXPECT_EQ(readEverything(bytes), "ok");
  Opened o;
  open(o, bytes);
  return o.file->schema().columns[0].logical;
}

RawColumn annotated(PhysicalType type, std::int32_t logical_id, std::int32_t type_length = 0) {
  RawColumn c;
  c.type = type;
  c.type_length = type_length;
  c.logical_id = logical_id;
  return c;
}

TEST(LogicalTypes, EachAnnotationWithItsParameters) {
  EXPECT_EQ(logicalOf(annotated(PhysicalType::int32, 6)).kind, Kind::date);
  RawColumn ts = annotated(PhysicalType::int64, 8);
  ts.unit = 2;
  ts.utc = true;
  const LogicalType t = logicalOf(ts);
  EXPECT_EQ(t.kind, Kind::timestamp);
  EXPECT_EQ(t.unit, TimeUnit::micros);
  EXPECT_TRUE(t.utc);
  RawColumn time = annotated(PhysicalType::int32, 7);
  time.unit = 1;
  EXPECT_EQ(logicalOf(time).kind, Kind::time);
  EXPECT_FALSE(logicalOf(time).utc);
  RawColumn dec = annotated(PhysicalType::int32, 5);
  dec.precision = 9;
  dec.scale = 2;
  const LogicalType d = logicalOf(dec);
  EXPECT_EQ(d.kind, Kind::decimal);
  EXPECT_EQ(d.precision, 9);
  EXPECT_EQ(d.scale, 2);
  EXPECT_EQ(logicalOf(annotated(PhysicalType::fixed_len_byte_array, 14, 16)).kind, Kind::uuid);
  EXPECT_EQ(logicalOf(annotated(PhysicalType::byte_array, 12)).kind, Kind::json);
  EXPECT_EQ(logicalOf(annotated(PhysicalType::byte_array, 4)).kind, Kind::enumeration);
  EXPECT_EQ(logicalOf(annotated(PhysicalType::fixed_len_byte_array, 15, 2)).kind, Kind::float16);
}

TEST(LogicalTypes, LegacyConvertedTypes) {
  RawColumn millis;
  millis.type = PhysicalType::int64;
  millis.converted_type = 9;  // TIMESTAMP_MILLIS: UTC by definition
  const LogicalType t = logicalOf(millis);
  EXPECT_EQ(t.kind, Kind::timestamp);
  EXPECT_EQ(t.unit, TimeUnit::millis);
  EXPECT_TRUE(t.utc);
  RawColumn dec;
  dec.type = PhysicalType::fixed_len_byte_array;
  dec.type_length = 5;
  dec.converted_type = 5;  // DECIMAL, precision and scale in fields 8 and 7
  dec.legacy_decimal_fields = true;
  dec.precision = 11;
  dec.scale = 3;
  const LogicalType d = logicalOf(dec);
  EXPECT_EQ(d.kind, Kind::decimal);
  EXPECT_EQ(d.precision, 11);
  EXPECT_EQ(d.scale, 3);
}

TEST(LogicalTypes, AnnotationsThatDoNotFitAreIgnored) {
  EXPECT_EQ(logicalOf(annotated(PhysicalType::int64, 6)).kind, Kind::none);                    // DATE on INT64
  EXPECT_EQ(logicalOf(annotated(PhysicalType::fixed_len_byte_array, 14, 8)).kind, Kind::none);  // UUID of 8 bytes
  RawColumn ts = annotated(PhysicalType::int64, 8);  // TIMESTAMP without a unit
  EXPECT_EQ(logicalOf(ts).kind, Kind::none);
  RawColumn dec = annotated(PhysicalType::int32, 5);  // DECIMAL with scale past precision
  dec.precision = 2;
  dec.scale = 3;
  EXPECT_EQ(logicalOf(dec).kind, Kind::none);
}

TEST(LogicalTypes, UnknownReadsAsNullEvenInARequiredColumn) {
  RawPage page;
  page.body = int32s({1, 2, 3});
  page.num_values = 3;
  const auto bytes = rawFile({page}, 3, Codec::uncompressed, annotated(PhysicalType::int32, 11));
  EXPECT_EQ(readEverything(bytes), "ok");
  Opened o;
  open(o, bytes);
  EXPECT_EQ(o.file->schema().columns[0].logical.kind, Kind::unknown);
  const QueryResult all = runQuery(*o.file, bytes, {{"v"}, std::nullopt, false});
  ASSERT_EQ(all.columns[0].rows, 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_TRUE(all.columns[0].isNull(i));
  EXPECT_EQ(all.columns[0].nulls, 3u);
  const QueryResult where = runQuery(*o.file, bytes, {{}, GreaterThan{"v", 0}, true});
  EXPECT_EQ(where.rows, 0u) << "nulls never pass a predicate";
  DecodeStats stats;
  const auto eager = decodeAll(*o.file, bytes.data(), stats);
  EXPECT_EQ(eager[0].nulls, 3u);
}

}  // namespace
}  // namespace tollgate::parquet::test
