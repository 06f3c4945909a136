// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and
// BYTE_STREAM_SPLIT: Encodings.md's own examples, round trips through a
// reference encoder written here from the spec (miniblock widths 0 to 64,
// negative deltas, INT32 wrapping, empty pages), whole files read through every
// path, and streams that lie refused by name before anything is reserved for
// them. The parquet-testing corpus (corpus tests) holds files other writers
// made in each encoding.

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "delta_encodings.h"
#include "raw_file.h"
#include "read_everything.h"

namespace tollgate::parquet::test {
namespace {

void putUleb(std::vector<std::uint8_t>& out, std::uint64_t v) {
  for (; v >= 0x80; v >>= 7) out.push_back(static_cast<std::uint8_t>(v | 0x80));
  out.push_back(static_cast<std::uint8_t>(v));
}

void putZigzag(std::vector<std::uint8_t>& out, std::int64_t v) {
  putUleb(out, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
}

// A DELTA_BINARY_PACKED encoder from the spec: blocks of `block` values in
// `miniblocks` miniblocks, 64-bit wrapping deltas (`bits` 32: INT32's, whose
// deltas wrap in 32 bits, as writers compute them).
std::vector<std::uint8_t> deltaEncode(const std::vector<std::int64_t>& values, int bits = 64, std::uint32_t block = 128,
                                      std::uint32_t miniblocks = 4) {
  std::vector<std::uint8_t> out;
  putUleb(out, block);
  putUleb(out, miniblocks);
  putUleb(out, values.size());
  putZigzag(out, values.empty() ? 0 : values[0]);
  const std::uint32_t per = block / miniblocks;
  for (std::size_t start = 1; start < values.size(); start += block) {
    const std::size_t n = std::min<std::size_t>(block, values.size() - start);
    std::vector<std::uint64_t> deltas(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t d = static_cast<std::uint64_t>(values[start + i]) - static_cast<std::uint64_t>(values[start + i - 1]);
      if (bits == 32) d = static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(d)));
      deltas[i] = d;
    }
    std::int64_t min = static_cast<std::int64_t>(deltas[0]);
    for (std::uint64_t d : deltas) min = std::min(min, static_cast<std::int64_t>(d));
    putZigzag(out, min);
    const std::size_t widths_at = out.size();
    out.resize(out.size() + miniblocks, 0);
    for (std::uint32_t m = 0; m * per < n; ++m) {
      std::uint64_t max = 0;
      for (std::size_t i = m * per; i < std::min<std::size_t>(n, (m + 1) * per); ++i) max = std::max(max, deltas[i] - static_cast<std::uint64_t>(min));
      int w = 0;
      while (w < 64 && (max >> w) != 0) ++w;
      out[widths_at + m] = static_cast<std::uint8_t>(w);
      std::vector<std::uint8_t> packed(per * static_cast<std::size_t>(w) / 8, 0);
      for (std::size_t i = 0; i < per; ++i) {
        const std::size_t at = m * per + i;
        const std::uint64_t v = at < n ? deltas[at] - static_cast<std::uint64_t>(min) : 0;
        for (int b = 0; b < w; ++b) {
          const std::size_t bit = i * static_cast<std::size_t>(w) + static_cast<std::size_t>(b);
          if ((v >> b) & 1) packed[bit / 8] |= static_cast<std::uint8_t>(1u << (bit % 8));
        }
      }
      out.insert(out.end(), packed.begin(), packed.end());
    }
  }
  return out;
}

std::vector<std::int64_t> decode64(const std::vector<std::uint8_t>& stream, std::size_t count, std::size_t* used = nullptr) {
  std::vector<std::uint8_t> out(8 * count);
  const std::size_t n = decodeDeltaBinaryPacked(stream.data(), stream.size(), count, 8, out.data());
  if (used != nullptr) *used = n;
  std::vector<std::int64_t> values(count);
  if (count > 0) std::memcpy(values.data(), out.data(), out.size());
  return values;
}

TEST(DeltaBinaryPacked, DecodesTheSpecsExamples) {
  // Encodings.md: 1, 2, 3, 4, 5: every delta 1, the minimum, so width 0.
  const std::vector<std::uint8_t> first = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00};
  std::size_t used = 0;
  EXPECT_EQ(decode64(first, 5, &used), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(used, first.size());
  // 7, 5, 3, 1, 2, 3, 4, 5: deltas -2 -2 -2 1 1 1 1, min -2, so 0 0 0 3 3 3 3 in 2 bits.
  const auto second = deltaEncode({7, 5, 3, 1, 2, 3, 4, 5});
  EXPECT_EQ(second[5], 3);  // min delta -2, zigzag
  EXPECT_EQ(second[6], 2);  // first miniblock 2 bits wide
  EXPECT_EQ(decode64(second, 8), (std::vector<std::int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
}

TEST(DeltaBinaryPacked, RoundTripsWidthsZeroToSixtyFourAndNegativeDeltas) {
  const std::int64_t lo = std::numeric_limits<std::int64_t>::min(), hi = std::numeric_limits<std::int64_t>::max();
  const std::vector<std::vector<std::int64_t>> cases = {
      {},                                   // an empty page: a header alone
      {42},                                 // the first value alone
      std::vector<std::int64_t>(1000, -7),  // constant: every miniblock of width 0
      {lo, hi, lo, hi, 0, -1, 1, lo, hi},   // deltas that need all 64 bits
  };
  for (const auto& values : cases) {
    SCOPED_TRACE(values.size());
    std::size_t used = 0;
    const auto stream = deltaEncode(values);
    EXPECT_EQ(decode64(stream, values.size(), &used), values);
    EXPECT_EQ(used, stream.size()) << "where the stream ends";
  }
  std::vector<std::int64_t> ramp;  // descending, with noise: negative minimum deltas, mixed widths
  std::uint64_t seed = 7;
  for (int i = 0; i < 5000; ++i) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    ramp.push_back(100000 - i * 37 + static_cast<std::int64_t>((seed >> 40) % (1u << (i % 24))));
  }
  for (const std::uint32_t block : {128u, 256u}) {
    for (const std::uint32_t miniblocks : {1u, 4u, 8u}) {
      if ((block / miniblocks) % 32 != 0) continue;
      EXPECT_EQ(decode64(deltaEncode(ramp, 64, block, miniblocks), ramp.size()), ramp) << block << "/" << miniblocks;
    }
  }
}

TEST(DeltaBinaryPacked, Int32ValuesWrapAsTheirWritersComputeThem) {
  const std::vector<std::int64_t> values = {2147483647, -2147483648, 2147483647, 0, -1};
  const auto stream = deltaEncode(values, 32);
  std::vector<std::uint8_t> out(4 * values.size());
  decodeDeltaBinaryPacked(stream.data(), stream.size(), values.size(), 4, out.data());
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(loadLe<std::int32_t>(out.data() + 4 * i), values[i]);
}

TEST(DeltaBinaryPacked, StreamsThatLieAreRefusedByName) {
  const auto good = deltaEncode({1, 5, 2, 8, 3, 9, 4});
  std::vector<std::uint8_t> out(8 * 100);
  const auto refuses = [&](std::vector<std::uint8_t> stream, std::size_t count, const std::string& needle) {
    expectRefused<InputError>([&] { decodeDeltaBinaryPacked(stream.data(), stream.size(), count, 8, out.data()); }, needle);
  };
  refuses(good, 8, "holds 7 values where 8 are needed");
  refuses({0x40, 0x04, 0x05, 0x02}, 5, "a block size of 64");
  refuses({0x80, 0x01, 0x03, 0x05, 0x02}, 5, "3 miniblocks in a block of 128");
  refuses({0x80, 0x01, 0x08, 0x05, 0x02}, 5, "8 miniblocks in a block of 128");  // 16 values each
  auto wide = good;
  wide[6] = 65;  // the first miniblock's width
  refuses(wide, 7, "a miniblock of bit width 65");
  auto cut = good;
  cut.resize(8);
  refuses(cut, 7, "DELTA_BINARY_PACKED");
  // A count the stream cannot hold is refused before anything is reserved.
  expectRefused<InputError>([&] { checkDeltaBinaryPackedHolds(good.data(), good.size(), 1u << 30, "DELTA_BINARY_PACKED"); },
                            "1073741824 values claimed, more than its");
}

// A whole file: one column of `type` in `encoding`, its page built by `body`.
std::string readOne(PhysicalType type, Encoding encoding, const std::vector<std::uint8_t>& body, std::int32_t values,
                    bool optional = false, std::int32_t type_length = 0) {
  RawPage page;
  page.encoding = static_cast<std::int32_t>(encoding);
  page.body = body;
  page.num_values = values;
  RawColumn column;
  column.type = type;
  column.optional = optional;
  column.type_length = type_length;
  return readEverything(rawFile({page}, values, Codec::uncompressed, column));
}

TEST(Encodings, DeltaPagesReadThroughEveryPath) {
  std::vector<std::int64_t> v;
  for (int i = 0; i < 300; ++i) v.push_back(i % 7 == 0 ? -i * 1000 : i);
  EXPECT_EQ(readOne(PhysicalType::int64, Encoding::delta_binary_packed, deltaEncode(v), 300), "ok");
  EXPECT_EQ(readOne(PhysicalType::int32, Encoding::delta_binary_packed, deltaEncode(v, 32), 300), "ok");
  EXPECT_EQ(readOne(PhysicalType::int32, Encoding::delta_binary_packed, deltaEncode({}), 0), "ok");  // an empty page
  // Byte arrays: lengths, then the bytes.
  std::vector<std::uint8_t> dlba = deltaEncode({3, 0, 5});
  for (char c : std::string("abcxyzzy")) dlba.push_back(static_cast<std::uint8_t>(c));
  EXPECT_EQ(readOne(PhysicalType::byte_array, Encoding::delta_length_byte_array, dlba, 3), "ok");
  // Prefixes 0, 2, 3 and suffixes "abc", "x", "yz": abc, abx, abxyz.
  std::vector<std::uint8_t> dba = deltaEncode({0, 2, 3});
  const auto suffix_lengths = deltaEncode({3, 1, 2});
  dba.insert(dba.end(), suffix_lengths.begin(), suffix_lengths.end());
  for (char c : std::string("abcxyz")) dba.push_back(static_cast<std::uint8_t>(c));
  EXPECT_EQ(readOne(PhysicalType::byte_array, Encoding::delta_byte_array, dba, 3), "ok");
  Buffer<std::uint32_t> offsets;
  MemoryBudget budget(1 << 20);
  offsets.bind(budget);
  Bytes values(budget);
  decodeDeltaByteArray(dba.data(), dba.size(), 3, 0, values, offsets);
  EXPECT_EQ(std::string(values.data(), values.data() + values.size()), "abcabxabxyz");
  EXPECT_EQ(offsets.vector(), (std::vector<std::uint32_t>{0, 3, 6, 11}));
  // FIXED_LEN_BYTE_ARRAY(3): every value 3 bytes.
  EXPECT_EQ(readOne(PhysicalType::fixed_len_byte_array, Encoding::delta_byte_array, [&] {
              std::vector<std::uint8_t> f = deltaEncode({0, 2});
              const auto s = deltaEncode({3, 1});
              f.insert(f.end(), s.begin(), s.end());
              for (char c : std::string("abcd")) f.push_back(static_cast<std::uint8_t>(c));
              return f;
            }(), 2, false, 3),
            "ok");
}

TEST(Encodings, ByteStreamSplitReadsEveryFixedWidth) {
  // Two floats 1.0f (0x3f800000) and -2.0f (0xc0000000), split into 4 streams.
  const std::vector<std::uint8_t> floats = {0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x3f, 0xc0};
  std::vector<std::uint8_t> out(8);
  decodeByteStreamSplit(floats.data(), floats.size(), 2, 4, out.data());
  EXPECT_EQ(loadLe<float>(out.data()), 1.0f);
  EXPECT_EQ(loadLe<float>(out.data() + 4), -2.0f);
  EXPECT_EQ(readOne(PhysicalType::float32, Encoding::byte_stream_split, floats, 2), "ok");
  for (const PhysicalType t : {PhysicalType::int32, PhysicalType::int64, PhysicalType::float64}) {
    const std::uint32_t w = valueWidth(t, 0);
    std::vector<std::uint8_t> body(w * 5);
    for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<std::uint8_t>(i * 13);
    EXPECT_EQ(readOne(t, Encoding::byte_stream_split, body, 5), "ok") << physicalTypeName(static_cast<int>(t));
  }
  EXPECT_EQ(readOne(PhysicalType::fixed_len_byte_array, Encoding::byte_stream_split, std::vector<std::uint8_t>(15, 1), 5, false, 3), "ok");
  expectRefusal(rawFile({[] {
                  RawPage p;
                  p.encoding = static_cast<std::int32_t>(Encoding::byte_stream_split);
                  p.body = std::vector<std::uint8_t>(7, 0);
                  p.num_values = 2;
                  return p;
                }()}, 2, Codec::uncompressed, PhysicalType::float32),
                "BYTE_STREAM_SPLIT: 2 values of 4 bytes in a page of 7 bytes");
}

TEST(Encodings, ByteArrayStreamsThatLieAreRefusedBeforeTheyAreReserved) {
  // Lengths past the page, negative lengths, a prefix longer than the value before.
  std::vector<std::uint8_t> past = deltaEncode({3, 100});
  for (char c : std::string("abcd")) past.push_back(static_cast<std::uint8_t>(c));
  EXPECT_NE(readOne(PhysicalType::byte_array, Encoding::delta_length_byte_array, past, 2).find("value 1's 100 bytes run past the page"),
            std::string::npos);
  std::vector<std::uint8_t> negative = deltaEncode({3, -2});
  for (char c : std::string("abcde")) negative.push_back(static_cast<std::uint8_t>(c));
  EXPECT_NE(readOne(PhysicalType::byte_array, Encoding::delta_length_byte_array, negative, 2).find("value 1 has a negative length (-2)"),
            std::string::npos);
  std::vector<std::uint8_t> prefix = deltaEncode({0, 5});
  const auto s = deltaEncode({2, 1});
  prefix.insert(prefix.end(), s.begin(), s.end());
  for (char c : std::string("abc")) prefix.push_back(static_cast<std::uint8_t>(c));
  EXPECT_NE(readOne(PhysicalType::byte_array, Encoding::delta_byte_array, prefix, 2).find("value 1 takes a prefix of 5 bytes from a value of 2"),
            std::string::npos);
  // 200,000 values, each the one before it and one byte more: 20 GB of values
  // from a page of a few hundred bytes. Measured first, refused by name.
  std::vector<std::int64_t> prefixes(200000), suffixes(200000, 1);
  for (std::size_t i = 0; i < prefixes.size(); ++i) prefixes[i] = static_cast<std::int64_t>(i);
  std::vector<std::uint8_t> bomb = deltaEncode(prefixes);
  const auto lengths = deltaEncode(suffixes);
  bomb.insert(bomb.end(), lengths.begin(), lengths.end());
  bomb.insert(bomb.end(), 200000, 'x');
  std::uint64_t peak = 0;
  RawPage page;
  page.encoding = static_cast<std::int32_t>(Encoding::delta_byte_array);
  page.body = bomb;
  page.num_values = 200000;
  const std::string outcome = readEverything(rawFile({page}, 200000, Codec::uncompressed, PhysicalType::byte_array), 64u << 20, &peak);
  EXPECT_NE(outcome.find("DELTA_BYTE_ARRAY: values of more than 4 GiB"), std::string::npos) << outcome;
  EXPECT_LT(peak, 16u << 20);
  // A page claiming 2^30 values in a few bytes of lengths.
  EXPECT_NE(readOne(PhysicalType::byte_array, Encoding::delta_length_byte_array, deltaEncode({1, 2}), 1 << 30).find("values claimed"),
            std::string::npos);
}

}  // namespace
}  // namespace tollgate::parquet::test
