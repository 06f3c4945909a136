#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "byte_reader.h"
#include "test_util.h"
#include "writer.h"

namespace tollgate::parquet::test {
namespace {

void expectMatchesGenerator(const BenchSpec& spec, const std::vector<ColumnValues>& cols) {
  ASSERT_EQ(cols.size(), 5u);
  for (const ColumnValues& c : cols) ASSERT_EQ(c.rows, spec.rows);
  for (std::uint64_t i = 0; i < spec.rows; ++i) {
    const BenchRow r = benchRow(spec, i);
    std::int64_t id;
    std::memcpy(&id, cols[0].data.data() + i * 8, 8);
    ASSERT_EQ(id, r.id) << i;
    ASSERT_EQ(!cols[1].isNull(i), r.price.has_value()) << i;
    if (r.price) {
      ASSERT_EQ(cols[1].number(i), *r.price) << i;
    }
    ASSERT_EQ(!cols[2].isNull(i), r.qty.has_value()) << i;
    if (r.qty) {
      ASSERT_EQ(cols[2].number(i), *r.qty) << i;
    }
    ASSERT_EQ(!cols[3].isNull(i), r.name.has_value()) << i;
    if (r.name) {
      ASSERT_EQ(stringAt(cols[3], i), *r.name) << i;
    }
    ASSERT_EQ(stringAt(cols[4], i), r.category) << i;
  }
}

TEST(RoundTrip, EveryLayoutReadsBackAsGenerated) {
  for (const bool v2 : {false, true}) {
    for (const Codec codec : {Codec::snappy, Codec::uncompressed}) {
      BenchSpec spec = smallSpec();
      spec.data_page_v2 = v2;
      spec.codec = codec;
      const auto bytes = writeBenchFile(spec);
      Opened o;
      open(o, bytes);
      EXPECT_EQ(o.file->metadata().num_rows, 5000);
      EXPECT_EQ(o.file->metadata().row_groups.size(), 5u);
      DecodeStats stats;
      const auto cols = decodeAll(*o.file, bytes.data(), stats);
      expectMatchesGenerator(spec, cols);
      EXPECT_EQ(stats.pages_decoded, 5u * 5u * 10u);
    }
  }
}

TEST(RoundTrip, TheWriterWritesZerosInStatisticsAsTheSpecAsks) {
  // -0.0 as a minimum and +0.0 as a maximum, FLOAT as DOUBLE: whichever zero
  // the data held, a reader comparing with the bounds must not exclude the other.
  WriterOptions options;
  options.page_index = false;
  ParquetWriter writer({{"f", PhysicalType::float32, false, false, 0, false}, {"d", PhysicalType::float64, false, false, 0, false}},
                       options);
  ColumnInput f, d;
  for (const float v : {0.0f, 0.0f}) f.data.insert(f.data.end(), reinterpret_cast<const std::uint8_t*>(&v), reinterpret_cast<const std::uint8_t*>(&v) + 4);
  for (const double v : {-0.0, -0.0}) d.data.insert(d.data.end(), reinterpret_cast<const std::uint8_t*>(&v), reinterpret_cast<const std::uint8_t*>(&v) + 8);
  writer.writeRowGroup({f, d}, 2);
  const auto bytes = writer.finish();
  Opened o;
  open(o, bytes);
  for (std::size_t c = 0; c < 2; ++c) {
    const Statistics& s = *o.file->metadata().row_groups[0].columns[c].meta_data->statistics;
    const auto* lo = reinterpret_cast<const std::uint8_t*>(s.min_value->data());
    const auto* hi = reinterpret_cast<const std::uint8_t*>(s.max_value->data());
    const bool min_negative = c == 0 ? std::signbit(loadLe<float>(lo)) : std::signbit(loadLe<double>(lo));
    const bool max_negative = c == 0 ? std::signbit(loadLe<float>(hi)) : std::signbit(loadLe<double>(hi));
    EXPECT_TRUE(min_negative) << "column " << c << ": the minimum is -0.0";
    EXPECT_FALSE(max_negative) << "column " << c << ": the maximum is +0.0";
  }
}

TEST(RoundTrip, TheWriterIsDeterministic) {
  EXPECT_EQ(writeBenchFile(smallSpec()), writeBenchFile(smallSpec()));
  BenchSpec other = smallSpec();
  other.seed = 2;
  EXPECT_NE(writeBenchFile(smallSpec()), writeBenchFile(other));
}

TEST(RoundTrip, QueriesAgreeWithBruteForce) {
  const BenchSpec spec = smallSpec();
  const auto bytes = writeBenchFile(spec);
  Opened o;
  open(o, bytes);
  for (const double threshold : {990.0, 500.0, -1.0, 2000.0}) {
    std::uint64_t count = 0;
    double sum = 0;
    std::vector<std::uint64_t> rows;
    for (std::uint64_t i = 0; i < spec.rows; ++i) {
      const BenchRow r = benchRow(spec, i);
      if (r.price && *r.price > threshold) {
        ++count;
        sum += *r.price;
        rows.push_back(i);
      }
    }
    const QueryResult q2 = runQuery(*o.file, bytes, {{}, GreaterThan{"price", threshold}, true});
    EXPECT_EQ(q2.rows, count) << threshold;
    EXPECT_EQ(q2.sum, sum) << threshold;
    const QueryResult q3 = runQuery(*o.file, bytes, {{"name", "price"}, GreaterThan{"price", threshold}, false});
    ASSERT_EQ(q3.rows, count);
    ASSERT_EQ(q3.columns[0].rows, count);
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const BenchRow r = benchRow(spec, rows[k]);
      ASSERT_EQ(q3.columns[0].isNull(k), !r.name.has_value());
      if (r.name) {
        ASSERT_EQ(stringAt(q3.columns[0], k), *r.name);
      }
      ASSERT_EQ(q3.columns[1].number(k), *r.price);
    }
  }
}

TEST(RoundTrip, AColumnProjectedTwiceFillsEveryPosition) {
  // The predicate column twice (its values come from evaluating the predicate),
  // and another column twice (decoded for each position).
  const BenchSpec spec = smallSpec();
  const auto bytes = writeBenchFile(spec);
  Opened o;
  open(o, bytes);
  const QueryResult once = runQuery(*o.file, bytes, {{"name", "price"}, GreaterThan{"price", 990.0}, false});
  ASSERT_GT(once.rows, 0u);
  for (const std::vector<std::string>& columns :
       {std::vector<std::string>{"price", "price"}, std::vector<std::string>{"name", "price", "name", "price"}}) {
    const QueryResult twice = runQuery(*o.file, bytes, {columns, GreaterThan{"price", 990.0}, false});
    ASSERT_EQ(twice.rows, once.rows);
    for (std::size_t j = 0; j < columns.size(); ++j) {
      SCOPED_TRACE(columns[j] + " at position " + std::to_string(j));
      const ColumnValues& got = twice.columns[j];
      const ColumnValues& want = once.columns[columns[j] == "name" ? 0 : 1];
      ASSERT_EQ(got.rows, once.rows);
      EXPECT_EQ(got.data.vector(), want.data.vector());
      EXPECT_EQ(got.offsets.vector(), want.offsets.vector());
      EXPECT_EQ(got.valid.vector(), want.valid.vector());
    }
  }
}

TEST(RoundTrip, PageIndexAndStatisticsKeepReadsSmall) {
  const BenchSpec spec = smallSpec();
  const auto bytes = writeBenchFile(spec);
  Opened o;
  open(o, bytes);
  IoStats io;
  const QueryResult q = runQuery(*o.file, bytes, {{"name", "price"}, GreaterThan{"price", 990.0}, false}, &io);
  EXPECT_GT(q.rows, 0u);
  EXPECT_EQ(q.stats.row_groups_pruned, 4u);       // only the last row group can hold prices above 990
  EXPECT_GE(q.stats.pages_pruned, 7u);             // and only its last pages
  EXPECT_LT(io.bytes_read * 10, bytes.size());     // under 10% of the file
  EXPECT_LE(io.requests, 2u);  // price pages, name pages: the page index came with the footer

  ReaderOptions short_tail;
  short_tail.tail_bytes = 1024;  // the footer only: the page index is a request of its own
  Opened cold;
  open(cold, bytes, short_tail);
  EXPECT_EQ(cold.file->io().requests, 2u);  // the tail, then the rest of the footer
  IoStats cold_io;
  const QueryResult again = runQuery(*cold.file, bytes, {{"name", "price"}, GreaterThan{"price", 990.0}, false}, &cold_io);
  EXPECT_EQ(again.rows, q.rows);
  EXPECT_EQ(cold_io.requests, 3u);  // page indexes, price pages, name pages

  ReaderOptions no_index;
  no_index.use_page_index = false;
  Opened plain;
  open(plain, bytes, no_index);
  IoStats whole;
  const QueryResult same = runQuery(*plain.file, bytes, {{"name", "price"}, GreaterThan{"price", 990.0}, false}, &whole);
  EXPECT_EQ(same.rows, q.rows);
  EXPECT_GT(whole.bytes_read, io.bytes_read);
  EXPECT_GT(same.stats.decode.pages_skipped, 0u);  // undecompressed: no selected row in them
}

}  // namespace
}  // namespace tollgate::parquet::test
