#include "delta_encodings.h"

#include <cstring>
#include <string>

#include "byte_reader.h"
#include "tollgate/errors.h"

namespace tollgate::parquet {
namespace {

[[noreturn]] void fail(const char* encoding, const std::string& problem) {
  throw InputError(std::string(encoding) + ": " + problem);
}

constexpr const char* kDbp = "DELTA_BINARY_PACKED";

std::int64_t zigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

// Value `j` of `width` bits (0..64), packed least significant bit first.
std::uint64_t unpack(const std::uint8_t* packed, std::size_t bytes, std::uint32_t width, std::size_t j) {
  if (width == 0) return 0;
  const std::uint64_t bit = std::uint64_t{j} * width;
  const std::size_t first = static_cast<std::size_t>(bit / 8);
  const unsigned shift = static_cast<unsigned>(bit % 8);
  // Up to 9 bytes hold the value; gather those there are (the caller checked
  // that the value's own bits are).
  std::uint64_t low = 0;
  std::uint8_t ninth = 0;
  const std::size_t have = bytes - first;
  if (have >= 8) {
    std::memcpy(&low, packed + first, 8);
    if (have >= 9) ninth = packed[first + 8];
  } else {
    for (std::size_t i = 0; i < have; ++i) low |= std::uint64_t{packed[first + i]} << (8 * i);
  }
  std::uint64_t v = low >> shift;
  if (shift != 0) v |= std::uint64_t{ninth} << (64 - shift);
  return width == 64 ? v : v & ((std::uint64_t{1} << width) - 1);
}

struct DbpHeader {
  std::uint64_t block_size, miniblocks, total;
  std::int64_t first;
};

DbpHeader readHeader(ByteReader& in) {
  DbpHeader h;
  h.block_size = in.uleb();
  h.miniblocks = in.uleb();
  h.total = in.uleb();
  h.first = zigzag(in.uleb());
  if (h.block_size == 0 || h.block_size % 128 != 0 || h.block_size > (1u << 20)) {
    fail(kDbp, "a block size of " + std::to_string(h.block_size) + " (a positive multiple of 128 is needed)");
  }
  if (h.miniblocks == 0 || h.block_size % h.miniblocks != 0 || (h.block_size / h.miniblocks) % 32 != 0) {
    fail(kDbp, std::to_string(h.miniblocks) + " miniblocks in a block of " + std::to_string(h.block_size) +
                   " (each must hold a multiple of 32 values)");
  }
  return h;
}

}  // namespace

void checkDeltaBinaryPackedHolds(const std::uint8_t* data, std::size_t size, std::size_t count, const char* what) {
  ByteReader in(data, size, kDbp);
  const DbpHeader h = readHeader(in);
  // Every block after the first value takes its minimum delta and its
  // miniblocks' widths at least, a byte each.
  const std::uint64_t blocks = in.remaining() / (1 + h.miniblocks);
  const std::uint64_t most = 1 + blocks * h.block_size;
  if (count > most || count > h.total) {
    fail(what, std::to_string(count) + " values claimed, more than its " + std::to_string(size) +
                   " bytes of DELTA_BINARY_PACKED can hold (" + std::to_string(h.total < most ? h.total : most) + ")");
  }
}

std::size_t decodeDeltaBinaryPacked(const std::uint8_t* data, std::size_t size, std::size_t count, std::uint32_t width,
                                    std::uint8_t* out) {
  ByteReader in(data, size, kDbp);
  const DbpHeader h = readHeader(in);
  if (h.total < count) fail(kDbp, "the stream holds " + std::to_string(h.total) + " values where " + std::to_string(count) + " are needed");
  const std::uint64_t per_miniblock = h.block_size / h.miniblocks;
  // Deltas add up in 64 bits, wrapping as two's complement; INT32 keeps the low 32.
  std::uint64_t value = static_cast<std::uint64_t>(h.first);
  const auto put = [&](std::size_t i) {
    if (width == 4) storeLe<std::uint32_t>(out + 4 * i, static_cast<std::uint32_t>(value));
    else storeLe<std::uint64_t>(out + 8 * i, value);
  };
  std::size_t produced = 0;
  if (count > 0) put(produced++);
  // Values after the first, block by block. Past `count` the blocks are only
  // walked, to find where the stream ends.
  std::uint64_t left = h.total > 0 ? h.total - 1 : 0;
  while (left > 0) {
    const std::uint64_t min_delta = static_cast<std::uint64_t>(zigzag(in.uleb()));
    const std::uint8_t* widths = in.take(static_cast<std::size_t>(h.miniblocks));
    for (std::uint64_t m = 0; m < h.miniblocks && left > 0; ++m) {
      const std::uint32_t w = widths[m];
      if (w > 64) fail(kDbp, "a miniblock of bit width " + std::to_string(w));
      const std::uint64_t in_this = left < per_miniblock ? left : per_miniblock;
      // A miniblock takes its full size, padding included; only a stream's
      // last may stop once the values it holds are there.
      const std::uint64_t full = per_miniblock * w / 8;
      const std::uint64_t needed = (in_this * w + 7) / 8;
      const std::size_t bytes = static_cast<std::size_t>(full <= in.remaining() ? full : needed);
      if (needed > in.remaining()) {
        fail(kDbp, "a miniblock of " + std::to_string(in_this) + " values of " + std::to_string(w) + " bits needs " +
                       std::to_string(needed) + " bytes, " + std::to_string(in.remaining()) + " remain");
      }
      const std::uint8_t* packed = in.take(bytes);
      const std::uint64_t wanted = produced < count ? count - produced : 0;
      const std::size_t emit = static_cast<std::size_t>(in_this < wanted ? in_this : wanted);
      for (std::size_t j = 0; j < emit; ++j) {
        value += min_delta + unpack(packed, bytes, w, j);
        put(produced++);
      }
      left -= in_this;
    }
  }
  return in.position();
}

void decodeDeltaLengthByteArray(const std::uint8_t* data, std::size_t size, std::size_t count,
                                Buffer<std::uint32_t>& offsets, const char* what) {
  // The lengths first, as 32-bit values (a page is under 2^31 bytes), with the
  // count checked against what the stream can hold before it is reserved.
  checkDeltaBinaryPackedHolds(data, size, count, what);
  offsets.clear();
  offsets.resize(count + 1, "byte-array offsets");
  std::uint32_t* lengths = offsets.data() + 1;
  const std::size_t header = decodeDeltaBinaryPacked(data, size, count, 4, reinterpret_cast<std::uint8_t*>(lengths));
  std::uint64_t at = header;
  offsets[0] = static_cast<std::uint32_t>(header);
  for (std::size_t i = 0; i < count; ++i) {
    const auto length = static_cast<std::int32_t>(loadLe<std::uint32_t>(reinterpret_cast<const std::uint8_t*>(lengths + i)));
    if (length < 0) fail(what, "value " + std::to_string(i) + " has a negative length (" + std::to_string(length) + ")");
    at += static_cast<std::uint64_t>(length);
    if (at > size) fail(what, "value " + std::to_string(i) + "'s " + std::to_string(length) + " bytes run past the page");
    offsets[i + 1] = static_cast<std::uint32_t>(at);
  }
}

void decodeDeltaByteArray(const std::uint8_t* data, std::size_t size, std::size_t count, std::uint32_t fixed_width,
                          Bytes& values, Buffer<std::uint32_t>& offsets) {
  constexpr const char* kDba = "DELTA_BYTE_ARRAY";
  checkDeltaBinaryPackedHolds(data, size, count, kDba);
  // Prefix lengths, then the suffixes (DELTA_LENGTH_BYTE_ARRAY), into `offsets`
  // for now: [0, count) prefixes, then the suffixes' count + 1 offsets.
  Buffer<std::uint32_t> prefixes(*offsets.budget());
  prefixes.resize(count, "DELTA_BYTE_ARRAY prefixes");
  const std::size_t header = decodeDeltaBinaryPacked(data, size, count, 4, reinterpret_cast<std::uint8_t*>(prefixes.data()));
  Buffer<std::uint32_t> suffixes(*offsets.budget());
  decodeDeltaLengthByteArray(data + header, size - header, count, suffixes, kDba);
  // Each value's length, then their total, before a byte is reserved: prefixes
  // can make a few bytes of page into gigabytes of values.
  offsets.clear();
  offsets.resize(count + 1, "byte-array offsets");
  std::uint64_t total = 0, previous = 0;
  offsets[0] = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const auto prefix = static_cast<std::int32_t>(prefixes[i]);
    if (prefix < 0 || static_cast<std::uint64_t>(prefix) > previous) {
      fail(kDba, "value " + std::to_string(i) + " takes a prefix of " + std::to_string(prefix) + " bytes from a value of " +
                     std::to_string(previous));
    }
    previous = static_cast<std::uint64_t>(prefix) + (suffixes[i + 1] - suffixes[i]);
    if (fixed_width > 0 && previous != fixed_width) {
      fail(kDba, "value " + std::to_string(i) + " is " + std::to_string(previous) + " bytes in a FIXED_LEN_BYTE_ARRAY(" +
                     std::to_string(fixed_width) + ") column");
    }
    total += previous;
    if (total > UINT32_MAX) fail(kDba, "values of more than 4 GiB");
    offsets[i + 1] = static_cast<std::uint32_t>(total);
  }
  values.clear();
  values.resize(static_cast<std::size_t>(total), "DELTA_BYTE_ARRAY values");
  const std::uint8_t* suffix_bytes = data + header;
  for (std::size_t i = 0; i < count; ++i) {
    std::uint8_t* at = values.data() + offsets[i];
    const std::uint32_t prefix = prefixes[i];
    if (prefix > 0) std::memmove(at, at - (offsets[i] - offsets[i - 1]), prefix);  // i > 0: prefix <= previous
    const std::uint32_t suffix = suffixes[i + 1] - suffixes[i];
    if (suffix > 0) std::memcpy(at + prefix, suffix_bytes + suffixes[i], suffix);
  }
}

void checkByteStreamSplit(std::size_t size, std::size_t count, std::uint32_t width) {
  if (std::uint64_t{count} * width != size) {
    fail("BYTE_STREAM_SPLIT", std::to_string(count) + " values of " + std::to_string(width) + " bytes in a page of " +
                                  std::to_string(size) + " bytes");
  }
}

void decodeByteStreamSplit(const std::uint8_t* data, std::size_t size, std::size_t count, std::uint32_t width,
                           std::uint8_t* out) {
  checkByteStreamSplit(size, count, width);
  for (std::uint32_t k = 0; k < width; ++k) {
    const std::uint8_t* stream = data + std::size_t{k} * count;
    for (std::size_t i = 0; i < count; ++i) out[i * width + k] = stream[i];
  }
}

}  // namespace tollgate::parquet
