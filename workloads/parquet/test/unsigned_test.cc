// Unsigned integer columns (ConvertedType UINT_8..UINT_64, LogicalType
// INTEGER(isSigned=false)): stored in INT32 / INT64, read zero-extended, and
// their statistics (in unsigned order) never prune a row group that holds
// matching rows. hyparquet-writer and pyarrow write uint32/uint64 exactly so;
// parquet-interop.test.mjs reads such files from hyparquet-writer itself.

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "raw_file.h"
#include "test_util.h"

namespace tollgate::parquet::test {
namespace {

constexpr std::int32_t kConvertedUint8 = 11;
constexpr std::int32_t kConvertedUint32 = 13;

template <typename T>
std::string plain(T value) {
  std::string out(sizeof value, '\0');
  std::memcpy(out.data(), &value, sizeof value);
  return out;
}

template <typename T>
RawPage plainPage(std::initializer_list<T> values) {
  RawPage page;
  for (T v : values) {
    const std::string bytes = plain(v);
    page.body.insert(page.body.end(), bytes.begin(), bytes.end());
  }
  page.num_values = static_cast<std::int32_t>(values.size());
  return page;
}

struct Read {
  Opened opened;
  std::vector<std::uint8_t> bytes;
};

void openRaw(Read& r, const RawPage& page, std::int64_t rows, const RawColumn& column) {
  r.bytes = rawFile({page}, rows, Codec::uncompressed, column);
  open(r.opened, r.bytes);
}

QueryResult countSum(Read& r, double threshold) {
  return runQuery(*r.opened.file, r.bytes, {{"v"}, GreaterThan{"v", threshold}, true});
}

TEST(Unsigned, Uint32ValuesReadZeroExtendedAndTheirStatisticsPruneRight) {
  // What hyparquet-writer writes for a UINT_32 column of 5, 3e9, 7, 4e9: the
  // bits of -1294967296 and -294967296, and min/max in unsigned order.
  RawColumn column;
  column.converted_type = kConvertedUint32;
  column.min_value = plain<std::uint32_t>(5);
  column.max_value = plain<std::uint32_t>(4000000000u);
  Read r;
  openRaw(r, plainPage<std::uint32_t>({5, 3000000000u, 7, 4000000000u}), 4, column);
  EXPECT_EQ(typeLabel(r.opened.file->schema().column("v")), "UINT32");

  DecodeStats stats;
  const auto all = decodeAll(*r.opened.file, r.bytes.data(), stats);
  ASSERT_EQ(all[0].rows, 4u);
  EXPECT_EQ(all[0].number(1), 3000000000.0);
  EXPECT_EQ(all[0].number(3), 4000000000.0);

  const QueryResult positive = countSum(r, 0);
  EXPECT_EQ(positive.stats.row_groups_pruned, 0u);
  EXPECT_EQ(positive.rows, 4u);
  EXPECT_EQ(positive.sum, 7000000012.0);
  ASSERT_EQ(positive.columns[0].rows, 4u);
  EXPECT_EQ(positive.columns[0].number(1), 3000000000.0);
  EXPECT_EQ(countSum(r, 3.5e9).rows, 1u);
  const QueryResult none = countSum(r, 4e9);  // the maximum excludes it: pruned, never read
  EXPECT_EQ(none.rows, 0u);
  EXPECT_EQ(none.stats.row_groups_pruned, 1u);
}

TEST(Unsigned, Uint64ValuesPastTwoToThe63ReadAsUnsigned) {
  // LogicalType INTEGER(64, false) without a ConvertedType, as hyparquet-writer writes it.
  RawColumn column;
  column.type = PhysicalType::int64;
  column.logical_int_bits = 64;
  column.logical_int_signed = false;
  column.min_value = plain<std::uint64_t>(1);
  column.max_value = plain<std::uint64_t>(UINT64_MAX);
  Read r;
  const std::uint64_t big = (std::uint64_t{1} << 63) + 5;
  openRaw(r, plainPage<std::uint64_t>({1, big, UINT64_MAX, 2}), 4, column);
  EXPECT_EQ(typeLabel(r.opened.file->schema().column("v")), "UINT64");
  const QueryResult huge = countSum(r, 1e19);
  EXPECT_EQ(huge.rows, 1u);
  EXPECT_EQ(huge.sum, static_cast<double>(UINT64_MAX));
  EXPECT_EQ(countSum(r, 1e18).rows, 2u);
  std::uint64_t first = 0;
  std::memcpy(&first, huge.columns[0].data.data(), 8);
  EXPECT_EQ(first, UINT64_MAX);  // the bits are handed over as they are
}

TEST(Unsigned, TheDeprecatedSignedOrderStatisticsNeverPruneAnUnsignedColumn) {
  // Old writers computed min/max in signed order for every INT64: of 1, 2^63+5,
  // 2^64-1, 2 the signed maximum is 2, which would exclude v > 1e19 wrongly.
  RawColumn column;
  column.type = PhysicalType::int64;
  column.logical_int_bits = 64;
  column.logical_int_signed = false;
  column.legacy_max = plain<std::int64_t>(2);
  column.legacy_min = plain<std::int64_t>(-1);
  Read r;
  openRaw(r, plainPage<std::uint64_t>({1, (std::uint64_t{1} << 63) + 5, UINT64_MAX, 2}), 4, column);
  const QueryResult q = countSum(r, 1e19);
  EXPECT_EQ(q.stats.row_groups_pruned, 0u);
  EXPECT_EQ(q.rows, 1u);
}

TEST(Unsigned, NarrowUnsignedAndSignedIntegerAnnotations) {
  RawColumn uint8;
  uint8.converted_type = kConvertedUint8;
  Read a;
  openRaw(a, plainPage<std::int32_t>({200, 7}), 2, uint8);
  EXPECT_EQ(typeLabel(a.opened.file->schema().column("v")), "UINT32");
  EXPECT_EQ(countSum(a, 100).sum, 200.0);

  RawColumn int32;
  int32.logical_int_bits = 32;
  int32.logical_int_signed = true;
  Read b;
  openRaw(b, plainPage<std::int32_t>({-1, 7}), 2, int32);
  EXPECT_EQ(typeLabel(b.opened.file->schema().column("v")), "INT32");
  const QueryResult q = countSum(b, -2);
  EXPECT_EQ(q.rows, 2u);
  EXPECT_EQ(q.sum, 6.0);
}

}  // namespace
}  // namespace tollgate::parquet::test
