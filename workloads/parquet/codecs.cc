#include "codecs.h"

#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_createDCtx_advanced: a context on our allocator
#include <brotli/decode.h>
#include <lz4.h>
#include <zlib.h>
#include <zstd.h>

#include "byte_reader.h"
#include "metadata.h"
#include "snappy.h"
#include "tollgate/errors.h"

namespace tollgate::parquet {
namespace {

[[noreturn]] void fail(std::int32_t codec, const std::string& problem) {
  throw InputError("invalid " + codecName(codec) + " page: " + problem);
}

// malloc/free for the C libraries, charged to the budget. A library cannot
// take a C++ exception through its frames, so a refusal returns null (each
// library then fails cleanly) and is thrown once the library has returned.
class CodecMemory {
 public:
  explicit CodecMemory(MemoryBudget& budget) : budget_(budget) {}
  CodecMemory(const CodecMemory&) = delete;
  CodecMemory& operator=(const CodecMemory&) = delete;
  ~CodecMemory() { budget_.release(held_); }

  static void* allocate(void* self, std::size_t bytes) { return static_cast<CodecMemory*>(self)->allocate(bytes); }
  static void release(void* self, void* p) { static_cast<CodecMemory*>(self)->release(p); }
  // zlib's signature: items of a size.
  static void* allocateItems(void* self, unsigned items, unsigned size) {
    if (size != 0 && items > SIZE_MAX / size) return nullptr;
    return allocate(self, std::size_t{items} * size);
  }

  // After a library call failed: the budget's refusal if that was the cause.
  void throwIfRefused() {
    if (refused_.empty()) return;
    std::string message;
    message.swap(refused_);
    throw BudgetExceeded(message);
  }

 private:
  static constexpr std::size_t kHeader = 16;  // the block's size, keeping 16-byte alignment

  void* allocate(std::size_t bytes) noexcept {
    if (bytes > SIZE_MAX - kHeader) return nullptr;
    try {
      budget_.reserve(bytes + kHeader, "a decompressor's working memory");
    } catch (const BudgetExceeded& e) {
      if (refused_.empty()) refused_ = e.what();
      return nullptr;
    }
    auto* block = static_cast<std::uint8_t*>(std::malloc(bytes + kHeader));
    if (block == nullptr) {
      budget_.release(bytes + kHeader);
      return nullptr;
    }
    std::memcpy(block, &bytes, sizeof bytes);
    held_ += bytes + kHeader;
    return block + kHeader;
  }
  void release(void* p) noexcept {
    if (p == nullptr) return;
    std::uint8_t* block = static_cast<std::uint8_t*>(p) - kHeader;
    std::size_t bytes;
    std::memcpy(&bytes, block, sizeof bytes);
    budget_.release(bytes + kHeader);
    held_ -= bytes + kHeader;
    std::free(block);
  }

  MemoryBudget& budget_;
  std::uint64_t held_ = 0;
  std::string refused_;
};

void checkSize(std::int32_t codec, std::size_t got, std::size_t expected) {
  if (got != expected) {
    fail(codec, "it decompresses to " + std::to_string(got) + " bytes where its header promised " + std::to_string(expected));
  }
}

// GZIP: RFC 1952 members (a zlib stream is accepted too, as other readers do).
void inflatePage(z_stream& z, bool& ready, CodecMemory& memory, const std::uint8_t* in, std::size_t size, std::uint8_t* out,
                 std::size_t out_size) {
  const std::int32_t codec = static_cast<std::int32_t>(Codec::gzip);
  if (size > UINT_MAX || out_size > UINT_MAX) fail(codec, "a page of 4 GiB or more");
  if (!ready) {
    std::memset(&z, 0, sizeof z);
    z.zalloc = &CodecMemory::allocateItems;
    z.zfree = &CodecMemory::release;
    z.opaque = &memory;
    if (inflateInit2(&z, 15 + 32) != Z_OK) {  // 32: detect gzip or zlib headers
      memory.throwIfRefused();
      fail(codec, "zlib could not start");
    }
    ready = true;
  } else if (inflateReset(&z) != Z_OK) {
    fail(codec, "zlib could not restart");
  }
  z.next_in = const_cast<Bytef*>(in);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = out;
  z.avail_out = static_cast<uInt>(out_size);
  for (;;) {
    const int status = inflate(&z, Z_NO_FLUSH);
    if (status == Z_STREAM_END) {
      // Writers may concatenate gzip members: the next starts where this one ended.
      if (z.avail_in > 0 && z.avail_out > 0 && inflateReset(&z) == Z_OK) continue;
      break;
    }
    if (status == Z_OK) {
      if (z.avail_out == 0) fail(codec, "it holds more than the " + std::to_string(out_size) + " bytes its header promised");
      if (z.avail_in == 0) fail(codec, "the stream ends early");
      continue;
    }
    memory.throwIfRefused();
    fail(codec, z.msg != nullptr ? z.msg : "zlib error " + std::to_string(status));
  }
  checkSize(codec, out_size - z.avail_out, out_size);
}

// The deprecated LZ4 codec: Hadoop's framing (big-endian decompressed and
// compressed sizes before each LZ4 block), or, as some writers wrote it, one
// bare LZ4 block: tried in that order, as Arrow does.
bool lz4Hadoop(const std::uint8_t* in, std::size_t size, std::uint8_t* out, std::size_t out_size) {
  std::size_t written = 0;
  while (size >= 8) {
    const std::uint32_t raw = static_cast<std::uint32_t>(in[0]) << 24 | in[1] << 16 | in[2] << 8 | in[3];
    const std::uint32_t packed = static_cast<std::uint32_t>(in[4]) << 24 | in[5] << 16 | in[6] << 8 | in[7];
    in += 8;
    size -= 8;
    if (packed > size || raw > out_size - written || packed > INT_MAX) return false;
    const int got = LZ4_decompress_safe(reinterpret_cast<const char*>(in), reinterpret_cast<char*>(out + written),
                                        static_cast<int>(packed), static_cast<int>(raw));
    if (got < 0 || static_cast<std::uint32_t>(got) != raw) return false;
    written += raw;
    in += packed;
    size -= packed;
  }
  return size == 0 && written == out_size;
}

void lz4Block(std::int32_t codec, const std::uint8_t* in, std::size_t size, std::uint8_t* out, std::size_t out_size) {
  if (size > INT_MAX || out_size > INT_MAX) fail(codec, "a page of 2 GiB or more");
  const int got = LZ4_decompress_safe(reinterpret_cast<const char*>(in), reinterpret_cast<char*>(out), static_cast<int>(size),
                                      static_cast<int>(out_size));
  if (got < 0) fail(codec, "not a valid LZ4 block");
  checkSize(codec, static_cast<std::size_t>(got), out_size);
}

}  // namespace

bool codecSupported(std::int32_t codec) {
  switch (static_cast<Codec>(codec)) {
    case Codec::uncompressed:
    case Codec::snappy:
    case Codec::gzip:
    case Codec::brotli:
    case Codec::lz4:
    case Codec::zstd:
    case Codec::lz4_raw: return true;
    case Codec::lzo: return false;
  }
  return false;
}

struct Decompressor::State {
  explicit State(MemoryBudget& budget) : memory(budget) {}
  ~State() {
    if (zstd != nullptr) ZSTD_freeDCtx(zstd);
    if (z_ready) inflateEnd(&z);
  }
  CodecMemory memory;  // first in, last out: the libraries free into it
  ZSTD_DCtx* zstd = nullptr;
  z_stream z{};
  bool z_ready = false;
};

Decompressor::Decompressor(std::int32_t codec, MemoryBudget& budget) : codec_(codec), budget_(budget) {
  if (!codecSupported(codec)) {
    throw InputError("pages compressed with " + codecName(codec) +
                     " are not supported (UNCOMPRESSED, SNAPPY, GZIP, LZ4, LZ4_RAW, ZSTD and BROTLI are)");
  }
}

Decompressor::~Decompressor() = default;

void Decompressor::decompress(const std::uint8_t* in, std::size_t size, std::uint8_t* out, std::size_t out_size) {
  if (!state_) state_ = std::make_unique<State>(budget_);
  State& s = *state_;
  // An empty page's buffers may be null, and the libraries compute end
  // pointers as null + 0, undefined behaviour (UBSan: parquet_codecs on
  // memcpy, parquet_reader on LZ4's oend = op + outputSize). They get a real
  // address with nothing to read or write at it instead.
  std::uint8_t nothing = 0;
  if (in == nullptr && size == 0) in = &nothing;
  if (out == nullptr && out_size == 0) out = &nothing;
  switch (static_cast<Codec>(codec_)) {
    case Codec::uncompressed:
      checkSize(codec_, size, out_size);
      if (size > 0) std::memcpy(out, in, size);
      return;
    case Codec::snappy: snappy::decompress(in, size, out, out_size); return;
    case Codec::gzip: inflatePage(s.z, s.z_ready, s.memory, in, size, out, out_size); return;
    case Codec::lz4_raw: lz4Block(codec_, in, size, out, out_size); return;
    case Codec::lz4:
      if (!lz4Hadoop(in, size, out, out_size)) lz4Block(codec_, in, size, out, out_size);
      return;
    case Codec::zstd: {
      if (s.zstd == nullptr) {
        s.zstd = ZSTD_createDCtx_advanced({&CodecMemory::allocate, &CodecMemory::release, &s.memory});
        if (s.zstd == nullptr) {
          s.memory.throwIfRefused();
          fail(codec_, "zstd could not start");
        }
      }
      // Frames after frames (and skippable ones) into exactly out_size bytes:
      // single-shot, so no window is allocated whatever a frame declares.
      const std::size_t got = ZSTD_decompressDCtx(s.zstd, out, out_size, in, size);
      if (ZSTD_isError(got)) {
        s.memory.throwIfRefused();
        fail(codec_, ZSTD_getErrorName(got));
      }
      checkSize(codec_, got, out_size);
      return;
    }
    case Codec::brotli: {
      BrotliDecoderState* b = BrotliDecoderCreateInstance(&CodecMemory::allocate, &CodecMemory::release, &s.memory);
      if (b == nullptr) {
        s.memory.throwIfRefused();
        fail(codec_, "brotli could not start");
      }
      std::size_t in_left = size, out_left = out_size;
      const std::uint8_t* next_in = in;
      std::uint8_t* next_out = out;
      const BrotliDecoderResult result = BrotliDecoderDecompressStream(b, &in_left, &next_in, &out_left, &next_out, nullptr);
      const BrotliDecoderErrorCode error = BrotliDecoderGetErrorCode(b);
      BrotliDecoderDestroyInstance(b);
      if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        fail(codec_, "it holds more than the " + std::to_string(out_size) + " bytes its header promised");
      }
      if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) fail(codec_, "the stream ends early");
      if (result != BROTLI_DECODER_RESULT_SUCCESS) {
        s.memory.throwIfRefused();
        fail(codec_, BrotliDecoderErrorString(error));
      }
      checkSize(codec_, out_size - out_left, out_size);
      return;
    }
    case Codec::lzo: break;
  }
  fail(codec_, "not supported");
}

}  // namespace tollgate::parquet
