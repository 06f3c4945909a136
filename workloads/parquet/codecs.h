#pragma once
// Page decompression for every codec this reader decodes: UNCOMPRESSED,
// SNAPPY (our own, snappy.h), GZIP (zlib), LZ4_RAW and the deprecated LZ4
// (lz4), ZSTD (zstd) and BROTLI (brotli). The four libraries are their
// reference C sources, the same files compiled natively and with Emscripten
// (scripts/codec-sources.sh fetches them from Debian's source packages), so
// every runtime decodes alike.
//
// Input is hostile: a page must decompress to exactly the size its header
// promised, into a buffer of that size (no codec writes past it), and every
// library error becomes an InputError naming the codec. What the libraries
// allocate themselves (zlib's window, zstd's context, brotli's ring buffer)
// goes through allocators charged to the memory budget: past it, the page is
// refused with BudgetExceeded like any other allocation.

#include <cstddef>
#include <cstdint>
#include <memory>

#include "memory_budget.h"

namespace tollgate::parquet {

// Whether pages compressed with `codec` (the Thrift enum value) can be read.
bool codecSupported(std::int32_t codec);

// Decompresses the pages of one column chunk; keeps its library's state from
// page to page.
class Decompressor {
 public:
  // InputError naming the codec when this reader does not decode it.
  Decompressor(std::int32_t codec, MemoryBudget& budget);
  ~Decompressor();
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;

  // Exactly `out_size` bytes into `out` from the `size` bytes at `in`.
  void decompress(const std::uint8_t* in, std::size_t size, std::uint8_t* out, std::size_t out_size);

  struct State;  // per library, in codecs.cc

 private:
  std::int32_t codec_;
  MemoryBudget& budget_;
  std::unique_ptr<State> state_;
};

}  // namespace tollgate::parquet
