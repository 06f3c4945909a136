// Hostile page indexes (offset index and column index). The page index is
// optional metadata: a lie its validation catches is ignored with a warning
// naming it, and the chunk is read whole, results right; one it cannot catch
// (pages that do not hold what the index says) is refused by the decoder.
// Never an internal error, a crash or a read out of bounds. The file is our
// writer's, its index rewritten in place.

#include <gtest/gtest.h>

#include <functional>

#include "test_util.h"
#include "thrift_compact.h"
#include "tollgate/errors.h"
#include "writer.h"

namespace tollgate::parquet::test {
namespace {

using thrift::Type;

constexpr std::uint32_t kRows = 12;  // six pages of two rows per column

// Columns v = 1..12 (the predicate) and w = 10 v, uncompressed, with a page index.
struct IndexedFile {
  std::vector<std::uint8_t> bytes;
  OffsetIndex offsets;  // of v in row group 0
  ColumnIndex stats;
  std::uint64_t offsets_at = 0, offsets_length = 0, stats_at = 0, stats_length = 0;
};

IndexedFile writeIndexedFile() {
  WriterOptions options;
  options.codec = Codec::uncompressed;
  options.page_rows = 2;
  ParquetWriter writer({{"v", PhysicalType::int32, false, false, 0, false}, {"w", PhysicalType::int32, false, false, 0, false}},
                       options);
  ColumnInput v, w;
  for (std::int32_t i = 1; i <= static_cast<std::int32_t>(kRows); ++i) {
    for (int b = 0; b < 4; ++b) v.data.push_back(static_cast<std::uint8_t>(i >> (8 * b)));
    for (int b = 0; b < 4; ++b) w.data.push_back(static_cast<std::uint8_t>((10 * i) >> (8 * b)));
  }
  writer.writeRowGroup({v, w}, kRows);
  IndexedFile f;
  f.bytes = writer.finish();
  Opened o;
  open(o, f.bytes);
  const ColumnChunk& chunk = o.file->metadata().row_groups[0].columns[0];
  f.offsets_at = static_cast<std::uint64_t>(*chunk.offset_index_offset);
  f.offsets_length = static_cast<std::uint64_t>(*chunk.offset_index_length);
  f.stats_at = static_cast<std::uint64_t>(*chunk.column_index_offset);
  f.stats_length = static_cast<std::uint64_t>(*chunk.column_index_length);
  Reservation memory(o.budget);
  f.offsets = parseOffsetIndex(f.bytes.data() + f.offsets_at, f.offsets_length, memory);
  f.stats = parseColumnIndex(f.bytes.data() + f.stats_at, f.stats_length, memory);
  return f;
}

std::vector<std::uint8_t> encode(const OffsetIndex& index) {
  std::vector<std::uint8_t> out;
  thrift::Writer w(out);
  w.beginStruct();
  w.listField(1, Type::strct, static_cast<std::uint32_t>(index.pages.size()));
  for (const PageLocation& p : index.pages) {
    w.beginStruct();
    w.i64Field(1, p.offset);
    w.i32Field(2, p.compressed_page_size);
    w.i64Field(3, p.first_row_index);
    w.endStruct();
  }
  w.endStruct();
  return out;
}

std::vector<std::uint8_t> encode(const ColumnIndex& index) {
  std::vector<std::uint8_t> out;
  thrift::Writer w(out);
  w.beginStruct();
  w.listField(1, Type::bool_true, static_cast<std::uint32_t>(index.null_pages.size()));
  for (bool b : index.null_pages) w.listBool(b);
  w.listField(2, Type::binary, static_cast<std::uint32_t>(index.min_values.size()));
  for (const std::string& s : index.min_values) w.binary(s.data(), s.size());
  w.listField(3, Type::binary, static_cast<std::uint32_t>(index.max_values.size()));
  for (const std::string& s : index.max_values) w.binary(s.data(), s.size());
  w.i32Field(4, index.boundary_order);
  w.endStruct();
  return out;
}

// Writes `with` over [at, at + length), the rest zeros (after the struct's stop
// byte, never read): the footer's offsets and lengths stay true.
void overwrite(std::vector<std::uint8_t>& bytes, std::uint64_t at, std::uint64_t length, const std::vector<std::uint8_t>& with) {
  ASSERT_LE(with.size(), length) << "the rewritten index does not fit in place";
  std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin() + static_cast<std::ptrdiff_t>(at + length), 0);
  std::copy(with.begin(), with.end(), bytes.begin() + static_cast<std::ptrdiff_t>(at));
}

IndexedFile withOffsets(const std::function<void(OffsetIndex&)>& lie) {
  IndexedFile f = writeIndexedFile();
  lie(f.offsets);
  overwrite(f.bytes, f.offsets_at, f.offsets_length, encode(f.offsets));
  return f;
}

IndexedFile withStats(const std::function<void(ColumnIndex&)>& lie) {
  IndexedFile f = writeIndexedFile();
  lie(f.stats);
  overwrite(f.bytes, f.stats_at, f.stats_length, encode(f.stats));
  return f;
}

// SELECT w, count(*), sum(v) WHERE v > 6.5 (rows 7..12: the last three pages),
// with the whole file in the first read or only its footer; "ok <rows> <sum>"
// then the warnings, each after " | ", or the refusal's message. Anything but
// an InputError escapes and fails the test.
std::string query(const std::vector<std::uint8_t>& bytes, std::uint64_t tail) {
  ReaderOptions options;
  options.tail_bytes = tail;
  Opened o;
  try {
    open(o, bytes, options);
    const QueryResult r = runQuery(*o.file, bytes, {{"w"}, GreaterThan{"v", 6.5}, true});
    EXPECT_EQ(r.columns[0].rows, r.rows);
    EXPECT_EQ(r.warnings.count, r.warnings.messages.size());
    std::string out = "ok " + std::to_string(r.rows) + " " + std::to_string(static_cast<long long>(r.sum));
    for (const std::string& w : r.warnings.messages) out += " | " + w;
    return out;
  } catch (const InputError& e) {
    return e.what();
  }
}

constexpr std::uint64_t kWholeFile = 1 << 20;
constexpr std::uint64_t kFooterOnly = 40;  // the pages and the index are reads of their own

void expectRefusedEitherWay(const IndexedFile& f, const std::string& needle) {
  for (const std::uint64_t tail : {kWholeFile, kFooterOnly}) {
    const std::string outcome = query(f.bytes, tail);
    EXPECT_NE(outcome.find(needle), std::string::npos) << "tail " << tail << ": " << outcome;
    EXPECT_NE(outcome.substr(0, 3), "ok ") << "tail " << tail;
  }
}

void expectRightEitherWay(const IndexedFile& f) {
  for (const std::uint64_t tail : {kWholeFile, kFooterOnly}) EXPECT_EQ(query(f.bytes, tail), "ok 6 57") << "tail " << tail;
}

// Right, with one warning naming the lie and saying what was ignored.
void expectIgnoredEitherWay(const IndexedFile& f, const std::string& needle, const std::string& ignored = "the offset index of column 'v' in row group 0 is ignored, the chunk is read whole") {
  for (const std::uint64_t tail : {kWholeFile, kFooterOnly}) {
    const std::string outcome = query(f.bytes, tail);
    EXPECT_EQ(outcome.substr(0, 10), "ok 6 57 | ") << "tail " << tail << ": " << outcome;
    EXPECT_NE(outcome.find(needle), std::string::npos) << "tail " << tail << ": " << outcome;
    EXPECT_NE(outcome.find(ignored), std::string::npos) << "tail " << tail << ": " << outcome;
    EXPECT_EQ(outcome.find(" | ", 10), std::string::npos) << "one warning: " << outcome;
  }
}

TEST(PageIndex, TheTruthReadsRight) { expectRightEitherWay(writeIndexedFile()); }

TEST(PageIndex, APageOfSizeZeroIsIgnored) {
  // It once passed validation, its empty range vanished when reads were merged,
  // and finding its bytes raised an internal error instead of an input error.
  for (const std::size_t page : {1u, 3u, 4u}) {
    SCOPED_TRACE(page);
    expectIgnoredEitherWay(withOffsets([&](OffsetIndex& x) { x.pages[page].compressed_page_size = 0; }),
                           "gives page " + std::to_string(page) + " a size of 0 bytes");
  }
}

TEST(PageIndex, OverlappingPagesAreIgnored) {
  expectIgnoredEitherWay(withOffsets([](OffsetIndex& x) { x.pages[4].offset = x.pages[3].offset + 1; }),
                         "page 4 overlaps page 3");
  expectIgnoredEitherWay(withOffsets([](OffsetIndex& x) { x.pages[3].compressed_page_size += 1; }),
                         "page 4 overlaps page 3");
}

TEST(PageIndex, PagesOutsideTheChunkOrRowsOutOfOrderAreIgnored) {
  expectIgnoredEitherWay(withOffsets([](OffsetIndex& x) { x.pages[5].compressed_page_size += 5; }),
                         "puts page 5 outside its column chunk");
  expectIgnoredEitherWay(withOffsets([](OffsetIndex& x) { x.pages[0].first_row_index = 1; }), "does not start at row 0");
  expectIgnoredEitherWay(withOffsets([](OffsetIndex& x) { x.pages[4].first_row_index = 6; }),
                         "is not in increasing order at page 4");
  expectIgnoredEitherWay(withOffsets([](OffsetIndex& x) { x.pages[5].first_row_index = kRows; }),
                         "puts page 5 past the row group's rows");
  expectIgnoredEitherWay(withOffsets([](OffsetIndex& x) { x.pages[5].offset = -1; }), "PageLocation is negative");
}

TEST(PageIndex, ParquetjsOffsetIndexesWithEveryPageAtRowZeroAreIgnored) {
  // parquetjs 1.8 writes first_row_index 0 for every page: the late path
  // refused such files whole though the eager path read them right.
  expectIgnoredEitherWay(withOffsets([](OffsetIndex& x) {
                           for (PageLocation& p : x.pages) p.first_row_index = 0;
                         }),
                         "is not in increasing order at page 1");
}

TEST(PageIndex, APageCutShortOrRowsMisplacedAreCaughtWhenDecoding) {
  // A size smaller than the page: its header claims bytes the read did not fetch.
  expectRefusedEitherWay(withOffsets([](OffsetIndex& x) { x.pages[3].compressed_page_size -= 3; }),
                         "remain in its column chunk");
  // A first row one too late: the pages then hold more rows than the group.
  expectRefusedEitherWay(withOffsets([](OffsetIndex& x) { x.pages[3].first_row_index += 1; }),
                         "hold more than the row group's 12 rows");
}

TEST(PageIndex, ATruncatedOffsetIndexIsIgnored) {
  IndexedFile f = writeIndexedFile();
  std::vector<std::uint8_t> half = encode(f.offsets);
  half.resize(half.size() / 2);
  overwrite(f.bytes, f.offsets_at, f.offsets_length, half);
  expectIgnoredEitherWay(f, "an offset index");
}

TEST(PageIndex, ColumnIndexLiesAreIgnored) {
  const std::string ignored = "the column index of column 'v' in row group 0 is ignored, none of its pages is pruned";
  expectIgnoredEitherWay(withStats([](ColumnIndex& x) {
                           x.null_pages.pop_back();
                           x.min_values.pop_back();
                           x.max_values.pop_back();
                         }),
                         "the column index has 5 pages, its offset index 6", ignored);
  expectIgnoredEitherWay(withStats([](ColumnIndex& x) { x.max_values.pop_back(); }), "ColumnIndex lists differ in length", ignored);
  // Maxima of the wrong width cannot be read: no page is pruned, the results stay right.
  expectIgnoredEitherWay(withStats([](ColumnIndex& x) {
                           for (std::string& m : x.max_values) m.resize(3);
                         }),
                         "gives page 0 a maximum of 3 bytes for INT32", "ignored, such pages are read");
}

// Thrift's compact encoding of an i64 value: a zigzag varint.
std::vector<std::uint8_t> varint64(std::int64_t v) {
  std::uint64_t z = (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
  std::vector<std::uint8_t> out;
  for (; z >= 0x80; z >>= 7) out.push_back(static_cast<std::uint8_t>(z | 0x80));
  out.push_back(static_cast<std::uint8_t>(z));
  return out;
}

TEST(PageIndex, AnIndexOutsideTheFileIsIgnored) {
  // The footer's ColumnChunk.offset_index_offset of column v, rewritten in
  // place (same varint length) to point past the column data.
  IndexedFile f = writeIndexedFile();
  const std::vector<std::uint8_t> was = varint64(static_cast<std::int64_t>(f.offsets_at));
  const std::vector<std::uint8_t> now = varint64(8000);
  ASSERT_EQ(was.size(), now.size());
  ASSERT_GT(8000u, f.bytes.size());
  std::size_t found = 0, at = 0;
  for (std::size_t i = 1; i + was.size() < f.bytes.size(); ++i) {
    // An i64 field header (type 6 in the low nibble) then the value.
    if ((f.bytes[i - 1] & 0x0f) == 6 && std::equal(was.begin(), was.end(), f.bytes.begin() + static_cast<std::ptrdiff_t>(i))) {
      ++found;
      at = i;
    }
  }
  ASSERT_EQ(found, 1u) << "the offset index's offset should be written once";
  std::copy(now.begin(), now.end(), f.bytes.begin() + static_cast<std::ptrdiff_t>(at));
  expectIgnoredEitherWay(f, "the offset index of column 'v' in row group 0 claims bytes 8000", "outside the file's data: ignored, the chunk is read whole");
}

}  // namespace
}  // namespace tollgate::parquet::test
