#include "compressors.h"

#include <stdexcept>
#include <string>

#include <brotli/encode.h>
#include <lz4.h>
#include <zlib.h>
#include <zstd.h>

#include "snappy.h"

namespace tollgate::parquet::test {
namespace {

void gzip(const std::uint8_t* data, std::size_t size, std::vector<std::uint8_t>& out) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  const std::size_t at = out.size();
  out.resize(at + deflateBound(&z, static_cast<uLong>(size)) + 32);
  z.next_in = const_cast<Bytef*>(data);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = out.data() + at;
  z.avail_out = static_cast<uInt>(out.size() - at);
  const int status = deflate(&z, Z_FINISH);
  deflateEnd(&z);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate: " + std::to_string(status));
  out.resize(at + z.total_out);
}

void lz4Block(const std::uint8_t* data, std::size_t size, std::vector<std::uint8_t>& out) {
  const std::size_t at = out.size();
  out.resize(at + static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(size))));
  const int n = LZ4_compress_default(reinterpret_cast<const char*>(data), reinterpret_cast<char*>(out.data() + at),
                                     static_cast<int>(size), static_cast<int>(out.size() - at));
  if (n <= 0 && size > 0) throw std::runtime_error("LZ4_compress_default");
  out.resize(at + static_cast<std::size_t>(n));
}

void putBe32(std::vector<std::uint8_t>& out, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

}  // namespace

void compressPage(Codec codec, const std::uint8_t* data, std::size_t size, std::vector<std::uint8_t>& out) {
  switch (codec) {
    case Codec::uncompressed: out.insert(out.end(), data, data + size); return;
    case Codec::snappy: snappy::compress(data, size, out); return;
    case Codec::gzip: gzip(data, size, out); return;
    case Codec::lz4_raw: lz4Block(data, size, out); return;
    case Codec::lz4: {
      // Hadoop's framing: decompressed and compressed sizes, big-endian, then the block.
      const std::size_t at = out.size();
      out.resize(at + 8);
      lz4Block(data, size, out);
      putBe32(out, at, static_cast<std::uint32_t>(size));
      putBe32(out, at + 4, static_cast<std::uint32_t>(out.size() - at - 8));
      return;
    }
    case Codec::zstd: {
      const std::size_t at = out.size();
      out.resize(at + ZSTD_compressBound(size));
      const std::size_t n = ZSTD_compress(out.data() + at, out.size() - at, data, size, 3);
      if (ZSTD_isError(n)) throw std::runtime_error(ZSTD_getErrorName(n));
      out.resize(at + n);
      return;
    }
    case Codec::brotli: {
      const std::size_t at = out.size();
      std::size_t n = BrotliEncoderMaxCompressedSize(size) + 16;
      out.resize(at + n);
      if (!BrotliEncoderCompress(5, 22, BROTLI_MODE_GENERIC, size, data, &n, out.data() + at)) {
        throw std::runtime_error("BrotliEncoderCompress");
      }
      out.resize(at + n);
      return;
    }
    case Codec::lzo: break;
  }
  throw std::invalid_argument("no compressor for " + codecName(static_cast<std::int32_t>(codec)));
}

std::vector<std::uint8_t> compressPage(Codec codec, const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> out;
  compressPage(codec, data.data(), data.size(), out);
  return out;
}

WriterOptions writerOptions(Codec codec) {
  WriterOptions options;
  options.codec = codec;
  if (codec != Codec::uncompressed && codec != Codec::snappy) {
    options.compress = [codec](const std::uint8_t* data, std::size_t size, std::vector<std::uint8_t>& out) {
      compressPage(codec, data, size, out);
    };
  }
  return options;
}

const std::vector<Codec>& everyCodec() {
  static const std::vector<Codec> codecs = {Codec::uncompressed, Codec::snappy, Codec::gzip, Codec::lz4,
                                            Codec::lz4_raw, Codec::zstd, Codec::brotli};
  return codecs;
}

}  // namespace tollgate::parquet::test
