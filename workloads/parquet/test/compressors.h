#pragma once
// Compressors for the tests: pages in every codec the reader decodes, written
// with the compression half of the same reference libraries (zstd, zlib, lz4,
// brotli) and our own snappy. Test-only: the module ships decoders alone.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "metadata.h"
#include "writer.h"

namespace tollgate::parquet::test {

// Appends `data` compressed as a page of `codec` to `out` (LZ4: Hadoop's framing).
void compressPage(Codec codec, const std::uint8_t* data, std::size_t size, std::vector<std::uint8_t>& out);
std::vector<std::uint8_t> compressPage(Codec codec, const std::vector<std::uint8_t>& data);

// WriterOptions for `codec`, its compressor set.
WriterOptions writerOptions(Codec codec);

// The codecs a page can be compressed with here: all those the reader decodes.
const std::vector<Codec>& everyCodec();

}  // namespace tollgate::parquet::test
