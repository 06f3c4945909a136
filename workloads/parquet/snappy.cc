#include "snappy.h"

#include <algorithm>
#include <cstring>
#include <string>

#include <snappy/snappy.h>  // Google's, the reference decoder: see snappy.h

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
  // The preamble first, checked here so that its lie is named; then Google's
  // decoder, which writes nothing past the length it was given and refuses a
  // stream that does not fill it exactly.
  ByteReader r(in, size, "snappy stream");
  const std::uint64_t declared = r.uleb();
  if (declared != out_size) {
    corrupt("declares " + std::to_string(declared) + " bytes where " + std::to_string(out_size) + " were expected", 0);
  }
  if (!::snappy::RawUncompress(reinterpret_cast<const char*>(in), size, reinterpret_cast<char*>(out))) {
    corrupt("Google's decoder refused it", r.position());
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
