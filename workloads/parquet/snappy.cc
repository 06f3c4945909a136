#include "snappy.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "byte_reader.h"
#include "tollgate/errors.h"

namespace tollgate::parquet::snappy {
namespace {

[[noreturn]] void corrupt(const std::string& message, std::size_t at) {
  throw InputError("invalid snappy stream: " + message + " (input byte " + std::to_string(at) + ")");
}

}  // namespace

std::uint64_t uncompressedLength(const std::uint8_t* in, std::size_t size) {
  ByteReader r(in, size, "snappy preamble");
  const std::uint64_t length = r.uleb();
  if (length > 0xffffffffu) corrupt("declared length " + std::to_string(length) + " is past 2^32 - 1", 0);
  return length;
}

void decompress(const std::uint8_t* in, std::size_t size, std::uint8_t* out, std::size_t out_size) {
  ByteReader r(in, size, "snappy stream");
  const std::uint64_t declared = r.uleb();
  if (declared != out_size) {
    corrupt("declares " + std::to_string(declared) + " bytes where " + std::to_string(out_size) + " were expected", 0);
  }
  std::size_t produced = 0;
  while (!r.atEnd()) {
    const std::size_t at = r.position();
    const std::uint8_t tag = r.byte();
    std::size_t length;
    std::size_t offset;
    switch (tag & 3) {
      case 0: {  // literal
        // In 64 bits, compared before narrowing: (length - 1) = 0xffffffff plus
        // one is 2^32, which a 32-bit size_t (wasm) would wrap to 0.
        std::uint64_t wide = (tag >> 2) + 1;
        if (wide > 60) {
          const std::size_t extra = static_cast<std::size_t>(wide - 60);  // 1-4 bytes of (length - 1), little-endian
          if (r.remaining() < extra) corrupt("truncated literal length", at);
          std::uint32_t v = 0;
          for (std::size_t i = 0; i < extra; ++i) v |= static_cast<std::uint32_t>(r.byte()) << (8 * i);
          wide = std::uint64_t{v} + 1;
        }
        if (wide > r.remaining()) corrupt("literal of " + std::to_string(wide) + " bytes runs past the input", at);
        length = static_cast<std::size_t>(wide);
        if (length > out_size - produced) corrupt("literal runs past the declared length", at);
        const std::uint8_t* src = r.take(length);
        if (length <= 16 && r.remaining() >= 16 && out_size - produced >= 16) {
          std::memcpy(out + produced, src, 16);  // a fixed 16: the tail is overwritten later
        } else {
          std::memcpy(out + produced, src, length);
        }
        produced += length;
        continue;
      }
      case 1:
        length = ((tag >> 2) & 7) + 4;
        if (r.remaining() < 1) corrupt("truncated copy", at);
        offset = (static_cast<std::size_t>(tag >> 5) << 8) | r.byte();
        break;
      case 2:
        length = (tag >> 2) + 1;
        if (r.remaining() < 2) corrupt("truncated copy", at);
        offset = r.le<std::uint16_t>();
        break;
      default:
        length = (tag >> 2) + 1;
        if (r.remaining() < 4) corrupt("truncated copy", at);
        offset = r.le<std::uint32_t>();
        break;
    }
    if (offset == 0) corrupt("copy with offset 0", at);
    if (offset > produced) corrupt("copy reaches " + std::to_string(offset) + " bytes back, before the start", at);
    if (length > out_size - produced) corrupt("copy runs past the declared length", at);
    std::uint8_t* dst = out + produced;
    const std::uint8_t* src = dst - offset;
    const std::size_t slack = out_size - produced;
    // Fixed-size moves where the output has room past the copy (what they write
    // beyond it is overwritten later): most copies are short.
    if (offset >= 16 && length <= 16 && slack >= 16) {
      std::memcpy(dst, src, 16);
    } else if (offset >= 8 && slack >= length + 8) {
      for (std::size_t i = 0; i < length; i += 8) std::memcpy(dst + i, src + i, 8);  // chunks never overlap
    } else if (offset >= length) {
      std::memcpy(dst, src, length);
    } else {
      for (std::size_t i = 0; i < length; ++i) dst[i] = src[i];  // overlapping: a run
    }
    produced += length;
  }
  if (produced != out_size) {
    corrupt("ends after " + std::to_string(produced) + " of " + std::to_string(out_size) + " bytes", size);
  }
}

namespace {

void emitLiteral(const std::uint8_t* p, std::size_t length, std::vector<std::uint8_t>& out) {
  while (length > 0) {
    const std::size_t n = length < 65536 ? length : 65536;
    const std::size_t v = n - 1;
    if (n <= 60) {
      out.push_back(static_cast<std::uint8_t>(v << 2));
    } else if (v < 256) {
      out.push_back(60 << 2);
      out.push_back(static_cast<std::uint8_t>(v));
    } else {
      out.push_back(61 << 2);
      out.push_back(static_cast<std::uint8_t>(v));
      out.push_back(static_cast<std::uint8_t>(v >> 8));
    }
    out.insert(out.end(), p, p + n);
    p += n;
    length -= n;
  }
}

void emitCopy(std::size_t offset, std::size_t length, std::vector<std::uint8_t>& out) {
  while (length > 0) {
    // Leave at least 4 for a last piece, which a 1-byte-offset copy needs.
    std::size_t n = length > 64 ? (length - 64 < 4 ? 60 : 64) : length;
    if (n >= 4 && n <= 11 && offset < 2048) {
      out.push_back(static_cast<std::uint8_t>(1 | ((n - 4) << 2) | ((offset >> 8) << 5)));
      out.push_back(static_cast<std::uint8_t>(offset));
    } else {
      out.push_back(static_cast<std::uint8_t>(2 | ((n - 1) << 2)));
      out.push_back(static_cast<std::uint8_t>(offset));
      out.push_back(static_cast<std::uint8_t>(offset >> 8));
    }
    length -= n;
  }
}

inline std::uint32_t hash4(const std::uint8_t* p) {
  return (loadLe<std::uint32_t>(p) * 0x1e35a7bdu) >> 18;  // 14 bits
}

}  // namespace

void compress(const std::uint8_t* in, std::size_t size, std::vector<std::uint8_t>& out) {
  for (std::uint64_t v = size; ; v >>= 7) {  // preamble
    if (v < 0x80) { out.push_back(static_cast<std::uint8_t>(v)); break; }
    out.push_back(static_cast<std::uint8_t>(v | 0x80));
  }
  std::vector<std::uint16_t> table(1 << 14);
  for (std::size_t block = 0; block < size; block += 65536) {
    const std::size_t end = block + 65536 < size ? block + 65536 : size;
    std::fill(table.begin(), table.end(), 0);
    std::size_t literal_start = block;
    std::size_t i = block;
    std::size_t misses = 0;
    // Positions are stored relative to the block (16 bits); 0 doubles as "empty",
    // so a block's first byte is never a match candidate, which costs nothing.
    // Runs of misses step faster, as snappy's own compressor does on data that
    // does not compress (random doubles, say).
    while (i + 8 <= end) {
      const std::uint32_t h = hash4(in + i);
      const std::uint16_t previous = table[h];
      table[h] = static_cast<std::uint16_t>(i - block);
      const std::size_t candidate = block + previous;
      if (previous != 0 && std::memcmp(in + candidate, in + i, 4) == 0) {
        std::size_t length = 4;
        while (i + length < end && in[candidate + length] == in[i + length]) ++length;
        emitLiteral(in + literal_start, i - literal_start, out);
        emitCopy(i - candidate, length, out);
        i += length;
        literal_start = i;
        misses = 0;
      } else {
        i += 1 + (misses++ >> 5);
      }
    }
    emitLiteral(in + literal_start, end - literal_start, out);
  }
}

}  // namespace tollgate::parquet::snappy
