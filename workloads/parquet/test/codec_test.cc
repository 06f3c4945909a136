// Snappy, the RLE / bit-packing hybrid and Thrift's compact protocol: round
// trips, the format documents' own examples, and hostile input refused by name.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rle.h"
#include "snappy.h"
#include "test_util.h"
#include "thrift_compact.h"
#include "tollgate/errors.h"

namespace tollgate::parquet::test {
namespace {

std::vector<std::uint8_t> pseudoRandom(std::size_t n, std::uint64_t seed, int alphabet) {
  std::vector<std::uint8_t> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    out[i] = static_cast<std::uint8_t>((seed >> 33) % static_cast<std::uint64_t>(alphabet));
  }
  return out;
}

std::vector<std::uint8_t> snappyRoundTrip(const std::vector<std::uint8_t>& in, std::size_t* compressed = nullptr) {
  std::vector<std::uint8_t> c;
  snappy::compress(in.data(), in.size(), c);
  if (compressed != nullptr) *compressed = c.size();
  EXPECT_EQ(snappy::uncompressedLength(c.data(), c.size()), in.size());
  std::vector<std::uint8_t> out(in.size());
  snappy::decompress(c.data(), c.size(), out.data(), out.size());
  return out;
}

TEST(Snappy, RoundTripsEveryShapeOfInput) {
  for (std::size_t n : {0, 1, 7, 60, 61, 256, 65535, 65536, 65537, 300000}) {
    for (int alphabet : {1, 4, 256}) {
      const auto in = pseudoRandom(n, n + alphabet, alphabet);
      EXPECT_EQ(snappyRoundTrip(in), in) << n << " bytes over " << alphabet << " symbols";
    }
  }
  std::size_t size = 0;
  snappyRoundTrip(std::vector<std::uint8_t>(100000, 'a'), &size);
  EXPECT_LT(size, 6000u) << "a run should compress";
}

TEST(Snappy, DecodesTheFormatDescriptionsExample) {
  // "xababab" as <literal "xab"> <copy offset 2, length 4>: 1-byte-offset copy.
  const std::vector<std::uint8_t> stream = {7, 2 << 2, 'x', 'a', 'b', 0x01, 0x02};
  std::vector<std::uint8_t> out(7);
  snappy::decompress(stream.data(), stream.size(), out.data(), out.size());
  EXPECT_EQ(std::string(out.begin(), out.end()), "xababab");
}

TEST(Snappy, RefusesInvalidStreamsByName) {
  std::vector<std::uint8_t> out(16);
  auto refuses = [&](std::vector<std::uint8_t> stream, std::size_t size, const std::string& needle) {
    expectRefused<InputError>([&] { snappy::decompress(stream.data(), stream.size(), out.data(), size); }, needle);
  };
  // Google's decoder says only that it refused; our preamble check says more.
  const std::string refused = "invalid snappy stream: Google's decoder refused it";
  refuses({4, 0x01, 0x00}, 4, refused);                      // copy before any output, offset 0
  refuses({4, 0, 'a', 0x01, 0x05}, 4, refused);              // offset 5 with 1 byte produced
  refuses({8, 7 << 2, 'a', 'b'}, 8, refused);                // 8-byte literal, 2 bytes there
  refuses({4, 7 << 2, 1, 2, 3, 4, 5, 6, 7, 8}, 4, refused);  // past the declared length
  refuses({5, 0, 'a'}, 5, refused);                          // ends after 1 of 5 bytes
  refuses({9, 0, 'a'}, 5, "declares 9 bytes where 5 were expected");
  refuses({4, 0, 'a', 0x02}, 4, refused);  // truncated copy
  // A literal claiming 2^32 - 1 bytes: not there.
  refuses({4, 63 << 2, 0xfe, 0xff, 0xff, 0xff, 3 << 2, 'a', 'b', 'c', 'd'}, 4, refused);
  refuses({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, 4, "varint");
}

TEST(Rle, DecodesTheSpecsBitPackingExample) {
  // Encodings.md: 0..7 with bit width 3 pack as 10001000 11000110 11111010.
  const std::vector<std::uint8_t> run = {(1 << 1) | 1, 0x88, 0xc6, 0xfa};
  std::vector<std::uint32_t> out(8);
  RleDecoder(run.data(), run.size(), 3, "levels").decode(out.data(), 8);
  EXPECT_EQ(out, (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(Rle, RoundTripsRunsAndPackedGroups) {
  for (int width : {1, 3, 8, 13, 32}) {
    std::vector<std::uint32_t> values;
    const auto noise = pseudoRandom(5000, static_cast<std::uint64_t>(width), 256);
    for (std::size_t i = 0; i < noise.size(); ++i) {
      const std::uint32_t max = width == 32 ? 0xffffffffu : (1u << width) - 1;
      values.push_back(i % 700 < 300 ? 5u & max : (noise[i] * 2654435761u) & max);  // runs, then noise
    }
    std::vector<std::uint8_t> encoded;
    encodeRle(values.data(), values.size(), width, encoded);
    std::vector<std::uint32_t> decoded(values.size());
    RleDecoder(encoded.data(), encoded.size(), width, "values").decode(decoded.data(), decoded.size());
    EXPECT_EQ(decoded, values) << "bit width " << width;
  }
}

// Whole groups are unpacked in bulk (a routine per bit width) and the values
// around them one at a time: every width, into 32-bit values and (up to 8 bits)
// into bytes, asked for in pieces that start and end inside groups, and a last
// run whose bytes stop short of what it claims.
TEST(Rle, UnpacksEveryWidthInPiecesThatCutGroups) {
  for (int width = 1; width <= 32; ++width) {
    const std::uint32_t max = width == 32 ? 0xffffffffu : (1u << width) - 1;
    const auto noise = pseudoRandom(4 * 1203, static_cast<std::uint64_t>(width) + 100, 256);
    std::vector<std::uint32_t> values(1203);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::uint32_t v = noise[4 * i] | noise[4 * i + 1] << 8 | noise[4 * i + 2] << 16 | static_cast<std::uint32_t>(noise[4 * i + 3]) << 24;
      values[i] = v & max;
      if (i > 0 && values[i] == values[i - 1]) values[i] ^= 1;  // no repeats: one bit-packed run, no RLE runs
    }
    std::vector<std::uint8_t> encoded;
    encodeRle(values.data(), values.size(), width, encoded);
    std::vector<std::uint32_t> decoded(values.size());
    RleDecoder words(encoded.data(), encoded.size(), width, "values");
    for (std::size_t done = 0, piece = 1; done < values.size(); done += piece, piece = piece * 3 % 37 + 1) {
      words.decode(decoded.data() + done, std::min(piece, values.size() - done));
    }
    EXPECT_EQ(decoded, values) << "bit width " << width;
    if (width <= 8) {
      std::vector<std::uint8_t> bytes(values.size());
      RleDecoder levels(encoded.data(), encoded.size(), width, "levels");
      for (std::size_t done = 0, piece = 5; done < values.size(); done += piece, piece = piece * 7 % 41 + 1) {
        levels.decode(bytes.data() + done, std::min(piece, values.size() - done));
      }
      EXPECT_EQ(std::vector<std::uint32_t>(bytes.begin(), bytes.end()), values) << "bit width " << width << " into bytes";
    }
    // The stream cut inside its last group: the values whose bits are all there
    // decode, one more is refused.
    const std::size_t header = encoded.size() - (values.size() + 7) / 8 * static_cast<std::size_t>(width);
    const std::size_t kept = header + 100 * static_cast<std::size_t>(width) / 8 + 1;  // 100 values' bytes and one more
    const std::size_t usable = (kept - header) * 8 / static_cast<std::size_t>(width);
    std::vector<std::uint32_t> cut(usable);
    RleDecoder(encoded.data(), kept, width, "values").decode(cut.data(), usable);
    EXPECT_EQ(cut, std::vector<std::uint32_t>(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(usable))) << "bit width " << width;
    expectRefused<InputError>([&] { RleDecoder(encoded.data(), kept, width, "values").decode(cut.data(), usable + 1); }, "ends after");
  }
}

TEST(Rle, RefusesRunsPastTheirBytes) {
  std::vector<std::uint32_t> out(100);
  const std::vector<std::uint8_t> short_rle = {20 << 1, 1};  // 20 ones
  expectRefused<InputError>([&] { RleDecoder(short_rle.data(), short_rle.size(), 1, "levels").decode(out.data(), 30); },
                            "ends after 20 of 30 values");
  const std::vector<std::uint8_t> packed = {(4 << 1) | 1, 0xff};  // 32 values claimed, 8 there
  expectRefused<InputError>([&] { RleDecoder(packed.data(), packed.size(), 1, "levels").decode(out.data(), 9); },
                            "ends after 8 of 9");
  expectRefused<InputError>([&] { RleDecoder(packed.data(), packed.size(), 33, "indices"); }, "bit width 33");
  const std::vector<std::uint8_t> wide = {2 << 1, 0x05};  // value 5 in 2 bits
  expectRefused<InputError>([&] { RleDecoder(wide.data(), wide.size(), 2, "levels").decode(out.data(), 2); },
                            "wider than 2 bits");
}

TEST(Thrift, RoundTripsWhatTheWriterWrites) {
  std::vector<std::uint8_t> bytes;
  thrift::Writer w(bytes);
  w.beginStruct();
  w.i32Field(1, -7);
  w.i64Field(2, 1ll << 40);
  w.stringField(20, "far field");  // long-form header: delta over 15
  w.listField(21, thrift::Type::i32, 20);
  for (int i = 0; i < 20; ++i) w.i32(i * 1000);
  w.boolField(22, true);
  w.endStruct();

  thrift::Reader r(bytes.data(), bytes.size(), "test struct");
  r.beginStruct();
  thrift::Field f;
  ASSERT_TRUE(r.nextField(f));
  EXPECT_EQ(f.id, 1);
  EXPECT_EQ(r.readI32(), -7);
  ASSERT_TRUE(r.nextField(f));
  EXPECT_EQ(r.readI64(), 1ll << 40);
  ASSERT_TRUE(r.nextField(f));
  EXPECT_EQ(f.id, 20);
  EXPECT_EQ(r.readString(), "far field");
  ASSERT_TRUE(r.nextField(f));
  const thrift::ListHeader list = r.readListHeader();
  ASSERT_EQ(list.size, 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(r.readI32(), i * 1000);
  r.endList();
  ASSERT_TRUE(r.nextField(f));
  EXPECT_TRUE(thrift::Reader::fieldBool(f));
  EXPECT_FALSE(r.nextField(f));
}

void parseAndSkip(const std::vector<std::uint8_t>& bytes) {
  thrift::Reader r(bytes.data(), bytes.size(), "hostile struct");
  r.skip(thrift::Type::strct);
}

TEST(Thrift, RefusesHostileLengthsCountsAndNesting) {
  // A string claiming 2^31 bytes, a list claiming a billion elements, a list
  // size past i32 (negative), nesting 10,000 deep, an unknown type.
  expectRefused<InputError>([] { parseAndSkip({0x18, 0x80, 0x80, 0x80, 0x80, 0x08, 'a', 0}); }, "binary of 2147483648 bytes");
  expectRefused<InputError>([] { parseAndSkip({0x19, 0xf5, 0x80, 0x94, 0xeb, 0xdc, 0x03, 0}); }, "list of 1000000000 elements");
  expectRefused<InputError>([] { parseAndSkip({0x19, 0xf5, 0xff, 0xff, 0xff, 0xff, 0x0f, 0}); }, "negative as an i32");
  std::vector<std::uint8_t> deep;
  for (int i = 0; i < 10000; ++i) deep.push_back(0x1c);  // field 1: struct, again and again
  expectRefused<InputError>([&] { parseAndSkip(deep); }, "nesting deeper than 32 levels");
  expectRefused<InputError>([] { parseAndSkip({0x1e, 0}); }, "unknown field type 14");
  expectRefused<InputError>([] { parseAndSkip({0x15}); }, "truncated");
  MemoryBudget budget(1 << 20);
  const std::vector<std::uint8_t> absurd = {0x15, 0x02, 0x19, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x07};  // schema: 2^31-1 structs
  expectRefused<InputError>([&] { parseFileMetaData(absurd.data(), absurd.size(), budget); }, "of 2147483647 elements");
  EXPECT_EQ(budget.stats().current, 0u);
}

}  // namespace
}  // namespace tollgate::parquet::test
