// Hostile input: truncated files, wrong magic, a footer length beyond the file,
// corrupted Thrift, page sizes that lie, dictionary indices out of range,
// invalid snappy. Each is refused with an InputError (or, for what only the
// memory budget can stop, BudgetExceeded) naming the problem: never a crash,
// a read out of bounds or an allocation the budget did not allow.

#include <gtest/gtest.h>

#include "raw_file.h"
#include "read_everything.h"

namespace tollgate::parquet::test {
namespace {

TEST(Hostile, AHandMadeFileReadsWhenItTellsTheTruth) {
  RawPage page;
  page.body = int32s({1, 2, 3});
  page.num_values = 3;
  EXPECT_EQ(readEverything(rawFile({page}, 3)), "ok");
}

TEST(Hostile, TruncatedFilesAreRefusedAtEveryLength) {
  const auto bytes = writeBenchFile(smallSpec());
  for (std::size_t length = 0; length < bytes.size(); length += length < 64 ? 1 : 997) {
    const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length));
    const std::string outcome = readEverything(cut);
    ASSERT_NE(outcome, "ok") << length;
    EXPECT_TRUE(outcome.find("too small") != std::string::npos || outcome.find("magic PAR1") != std::string::npos)
        << length << ": " << outcome;
  }
}

TEST(Hostile, ColumnDataCutShortUnderAnIntactFooterIsRefused) {
  // The footer, its length and magic intact, after column data cut at every
  // length: the reader gets past the trailer and must notice what the footer
  // points at is not there (or, cut inside the page index, that it is not).
  // Cut inside the page index (after the last page), the file reads: the
  // page index is optional, and ignored when it is not all there.
  const auto bytes = writeBenchFile(smallSpec());
  const std::size_t footer_at = bytes.size() - 8 - loadLe<std::uint32_t>(bytes.data() + bytes.size() - 8);
  Opened whole;
  open(whole, bytes);
  std::uint64_t pages_end = 0;
  for (const RowGroup& g : whole.file->metadata().row_groups) {
    for (const ColumnChunk& c : g.columns) pages_end = std::max(pages_end, chunkRange(*c.meta_data).offset + chunkRange(*c.meta_data).length);
  }
  std::size_t cuts = 0, read = 0;
  for (std::size_t keep = 4; keep < footer_at; keep += keep < 256 ? 1 : 97, ++cuts) {
    std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(keep));
    cut.insert(cut.end(), bytes.begin() + static_cast<std::ptrdiff_t>(footer_at), bytes.end());
    const std::string outcome = readEverything(cut);
    if (keep >= pages_end) {
      read += outcome == "ok" ? 1 : 0;
      continue;
    }
    ASSERT_NE(outcome, "ok") << "kept " << keep << " of " << footer_at << " bytes of data";
    EXPECT_NE(outcome.find("outside the file's column data"), std::string::npos) << "kept " << keep << ": " << outcome;
  }
  EXPECT_GT(cuts, 1000u);
  EXPECT_GT(read, 5u) << "cuts inside the page index";
}

TEST(Hostile, WrongMagicAndFooterLengthsBeyondTheFile) {
  RawPage page;
  page.body = int32s({1});
  page.num_values = 1;
  auto bytes = rawFile({page}, 1);
  auto bad_end = bytes;
  bad_end[bytes.size() - 1] = '2';
  expectRefusal(bad_end, "does not end with the magic PAR1");
  auto bad_start = bytes;
  bad_start[0] = 'X';
  expectRefusal(bad_start, "does not start with the magic PAR1");
  auto beyond = bytes;
  storeLe<std::uint32_t>(beyond.data() + beyond.size() - 8, static_cast<std::uint32_t>(beyond.size()));
  expectRefusal(beyond, "footer length");
  auto huge = bytes;
  storeLe<std::uint32_t>(huge.data() + huge.size() - 8, 0xfffffff0u);
  expectRefusal(huge, "beyond the file");
  auto encrypted = bytes;
  std::copy_n("PARE", 4, encrypted.end() - 4);
  expectRefusal(encrypted, "encrypted footer");
}

TEST(Hostile, PageSizesThatLie) {
  RawPage page;
  page.body = int32s({1, 2, 3});
  page.num_values = 3;
  page.compressed_size = 5000;
  expectRefusal(rawFile({page}, 3), "claims 5000 bytes but only 12 remain in its column chunk");

  page.compressed_size = RawPage::kBodySize;
  page.uncompressed_size = 100;  // uncompressed, so both sizes must agree
  expectRefusal(rawFile({page}, 3), "an uncompressed page holds 12 bytes but its header says 100");

  page.uncompressed_size = RawPage::kBodySize;
  page.num_values = 100;  // 100 values in 12 bytes
  expectRefusal(rawFile({page}, 100), "claims 100 values of 4 bytes in 12 bytes");
  expectRefusal(rawFile({page}, 3), "hold more than the row group's 3 rows");

  page.num_values = 2;  // fewer values than rows
  expectRefusal(rawFile({page}, 3), "only 2 of the 3 requested rows were found");

  page.compressed_size = -7;
  expectRefusal(rawFile({page}, 2), "page sizes are negative");
}

TEST(Hostile, DictionaryIndicesOutOfRange) {
  RawPage dict;
  dict.type = static_cast<std::int32_t>(PageType::dictionary_page);
  dict.body = int32s({10, 20});
  dict.num_values = 2;
  RawPage data;
  data.encoding = static_cast<std::int32_t>(Encoding::rle_dictionary);
  data.num_values = 4;
  data.body = {3, (4 << 1), 5};  // bit width 3, an RLE run of four 5s
  expectRefusal(rawFile({dict, data}, 4), "dictionary index 5 is out of range (the dictionary has 2 entries)");

  data.body = {2, (4 << 1), 1};  // four 1s: fine
  EXPECT_EQ(readEverything(rawFile({dict, data}, 4)), "ok");
  expectRefusal(rawFile({data}, 4), "without a dictionary page");
  data.body = {40, 2, 1};
  expectRefusal(rawFile({dict, data}, 4), "bit width 40");
  dict.num_values = 1000;  // more entries than its 8 bytes hold
  expectRefusal(rawFile({dict, data}, 4), "dictionary page claims 1000 values in 8 bytes");
}

TEST(Hostile, ADictionaryCountLieIsRefusedBeforeAnythingIsReserved) {
  // A BYTE_ARRAY dictionary page claiming 350,000,000 entries in 8 bytes: a
  // 118-byte file. Each entry takes 4 bytes at least, so the lie is plain before
  // anything is reserved, even under a budget it would fit in (the browser's).
  RawPage dict;
  dict.type = static_cast<std::int32_t>(PageType::dictionary_page);
  dict.body = {1, 0, 0, 0, 'a', 1, 0, 0};
  dict.num_values = 350000000;
  RawPage data;
  data.encoding = static_cast<std::int32_t>(Encoding::rle_dictionary);
  data.num_values = 4;
  data.body = {1, (4 << 1), 0};
  const auto bytes = rawFile({dict, data}, 4, Codec::uncompressed, PhysicalType::byte_array);
  std::uint64_t peak = 0;
  const std::string outcome = readEverything(bytes, 1536ull << 20, &peak);
  EXPECT_NE(outcome.find("dictionary page claims 350000000 values in 8 bytes"), std::string::npos) << outcome;
  EXPECT_LT(peak, 64u << 10) << "reserved before the count was checked";
}

TEST(Hostile, InvalidSnappyStreams) {
  RawPage page;
  page.num_values = 3;
  const auto raw = int32s({1, 2, 3});
  page.body = snappyOf(raw);
  page.uncompressed_size = 12;
  EXPECT_EQ(readEverything(rawFile({page}, 3, Codec::snappy)), "ok");

  page.uncompressed_size = 16;  // the header and the stream disagree
  expectRefusal(rawFile({page}, 3, Codec::snappy), "declares 12 bytes where 16 were expected");
  page.uncompressed_size = 12;
  page.body = {12, 0x05, 0x10};  // a copy before any output
  expectRefusal(rawFile({page}, 3, Codec::snappy), "invalid snappy stream");
  page.body = {12, 0xf0, 0xff, 0xff};  // a literal of 65536 bytes in a 4-byte stream
  expectRefusal(rawFile({page}, 3, Codec::snappy), "invalid snappy stream");
}

TEST(Hostile, APageClaimingAGigabyteMeetsTheBudget) {
  RawPage page;
  page.num_values = 3;
  page.body = snappyOf(int32s({1, 2, 3}));
  page.uncompressed_size = 1 << 30;
  const std::string outcome = readEverything(rawFile({page}, 3, Codec::snappy), 16u << 20);
  EXPECT_NE(outcome.find("memory budget exceeded: a decompressed page needs 1073741824 bytes"), std::string::npos) << outcome;
}

TEST(Hostile, UnsupportedCodecsAndEncodingsAreRefusedByName) {
  RawPage page;
  page.body = int32s({1, 2, 3});
  page.num_values = 3;
  expectRefusal(rawFile({page}, 3, Codec::lzo), "compressed with LZO, which is not supported");
  expectRefusal(rawFile({page}, 3, static_cast<Codec>(99)), "compressed with unknown (99), which is not supported");
  page.encoding = static_cast<std::int32_t>(Encoding::bit_packed);
  expectRefusal(rawFile({page}, 3), "pages encoded BIT_PACKED are not supported");
  page.encoding = static_cast<std::int32_t>(Encoding::delta_binary_packed);  // plain bytes are no such stream
  expectRefusal(rawFile({page}, 3), "DELTA_BINARY_PACKED: a block size of 1 (a positive multiple of 128 is needed)");
  page.encoding = static_cast<std::int32_t>(Encoding::delta_length_byte_array);  // in an INT32 column
  expectRefusal(rawFile({page}, 3), "pages encoded DELTA_LENGTH_BYTE_ARRAY in a INT32 column");
  page.encoding = static_cast<std::int32_t>(Encoding::plain);
  expectRefusal(rawFile({page}, 3, Codec::uncompressed, PhysicalType::int96), "physical type INT96, which is not supported");
}

// Every third byte of a small real file, one bit flipped, and every byte of its
// metadata (page index and footer, its last 2 KiB) zeroed in turn: whatever
// happens must be a clean outcome (read, or refused by an InputError or the
// budget), through every path readEverything takes, predicate queries and
// their statistics and page-index pruning included. Deterministic: the same
// mutations every run.
TEST(Hostile, FlippedBytesNeverCrashTheReader) {
  BenchSpec spec;
  spec.rows = 300;
  spec.row_group_rows = 100;
  spec.page_rows = 40;
  const auto bytes = writeBenchFile(spec);
  std::size_t refused = 0;
  std::size_t read = 0;
  std::uint64_t seed = 12345;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    auto flipped = bytes;
    flipped[i] ^= static_cast<std::uint8_t>(1u << ((seed >> 40) % 8));
    (readEverything(flipped, 8u << 20) == "ok" ? read : refused)++;
  }
  EXPECT_GT(refused, 100u);
  EXPECT_GT(read, 100u);  // flips in values are data, not damage
  // Pages small enough that their sizes are one-byte varints a zero can hit.
  spec.rows = 60;
  spec.row_group_rows = 20;
  spec.page_rows = 4;
  const auto small = writeBenchFile(spec);
  const std::size_t metadata = small.size() > 2048 ? small.size() - 2048 : 0;
  std::size_t zeroed_refused = 0;
  for (std::size_t i = metadata; i + 8 < small.size(); ++i) {
    if (small[i] == 0) continue;
    auto zeroed = small;
    zeroed[i] = 0;
    zeroed_refused += readEverything(zeroed, 8u << 20) == "ok" ? 0 : 1;
  }
  EXPECT_GT(zeroed_refused, 100u);
}

}  // namespace
}  // namespace tollgate::parquet::test
