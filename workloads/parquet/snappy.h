#pragma once
// Snappy (google/snappy format_description.txt): a raw block, no framing, as
// Parquet's SNAPPY codec stores each page.
//
// Decoding is Google's snappy (Debian's 1.1.9 sources, built for both targets):
// measured against the decoder we wrote first on the benchmark file's pages
// (tools/snappy_compare.cc; workloads/parquet/README.md has the figures), it
// took about half its time in wasm and two thirds natively, and it is fuzzed
// upstream as well as by ours. The preamble's length must
// equal what the page header promised; Google's decoder writes nothing past it
// and refuses a stream that does not fill it exactly. One leniency of its own,
// the same in every runtime: a literal length field of 0xffffffff wraps to 0
// in its 32-bit arithmetic (upstream 1.1.9), so the literal's bytes are read
// as tags; checking for it costs a walk of every tag, which we measured to
// take most of the speed Google's decoder gains. The encoder is ours, a
// plain greedy hash-chain LZ77 over 64 KiB blocks, deterministic: our writer's
// files stay byte for byte what they were.

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
