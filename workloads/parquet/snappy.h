#pragma once
// Snappy, our own (google/snappy format_description.txt): a raw block, no framing,
// as Parquet's SNAPPY codec stores each page.
//
// The decoder trusts nothing: the preamble's length must equal what the page
// header promised, every literal and copy is checked against both buffers, copy
// offsets of zero or before the start are refused, and the output must come out
// exactly full. The encoder is a plain greedy hash-chain LZ77 over 64 KiB blocks,
// deterministic, for our writer.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tollgate::parquet::snappy {

// The uncompressed length a stream's preamble declares; InputError if unreadable.
std::uint64_t uncompressedLength(const std::uint8_t* in, std::size_t size);

// Decompresses into exactly `out_size` bytes at `out`; InputError on any violation.
void decompress(const std::uint8_t* in, std::size_t size, std::uint8_t* out, std::size_t out_size);

// Appends the compressed form of [in, in + size) to `out`.
void compress(const std::uint8_t* in, std::size_t size, std::vector<std::uint8_t>& out);

}  // namespace tollgate::parquet::snappy
