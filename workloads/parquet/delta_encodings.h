#pragma once
// The encodings of parquet-format's Encodings.md beyond PLAIN and the RLE
// hybrid: DELTA_BINARY_PACKED (integers), DELTA_LENGTH_BYTE_ARRAY and
// DELTA_BYTE_ARRAY (byte arrays), BYTE_STREAM_SPLIT (fixed-width values).
//
// Input is hostile: every header field and length is checked against the bytes
// that remain before it is used, miniblock widths past 64 are refused, counts
// are compared in 64 bits, and what a decoder writes is sized by its caller,
// who reserved it against the budget first (DELTA_BYTE_ARRAY's values, which
// prefixes can make far larger than the page, are measured before they are
// built). Errors are InputErrors naming the encoding and the problem.

#include <cstddef>
#include <cstdint>

#include "memory_budget.h"

namespace tollgate::parquet {

// DELTA_BINARY_PACKED: the first `count` values of the stream at `data` into
// `out`, as little-endian integers of `width` bytes (4: INT32, wrapping as the
// format's arithmetic does; 8: INT64). The stream must hold `count` values at
// least. Returns the bytes the whole stream takes (its every block), which is
// where whatever follows it starts.
std::size_t decodeDeltaBinaryPacked(const std::uint8_t* data, std::size_t size, std::size_t count, std::uint32_t width,
                                    std::uint8_t* out);

// Throws InputError (naming `what`) unless the DELTA_BINARY_PACKED stream at
// `data` can hold `count` values: checked before their room is reserved, as a
// block of values of bit width 0 takes no more than a few bytes.
void checkDeltaBinaryPackedHolds(const std::uint8_t* data, std::size_t size, std::size_t count, const char* what);

// DELTA_LENGTH_BYTE_ARRAY: `count` lengths (DELTA_BINARY_PACKED), then the
// bytes of every value back to back. Fills `offsets` with count + 1 offsets
// into `data` where the values start (the last: where they end), each length
// checked against what remains.
void decodeDeltaLengthByteArray(const std::uint8_t* data, std::size_t size, std::size_t count,
                                Buffer<std::uint32_t>& offsets, const char* what);

// DELTA_BYTE_ARRAY: `count` prefix lengths, then the suffixes as
// DELTA_LENGTH_BYTE_ARRAY; each value is the previous one's prefix followed by
// its suffix. Writes the values back to back into `values` and their count + 1
// offsets into `offsets`, both reserved against the budget at their exact size
// before anything is written. `fixed_width` > 0 (FIXED_LEN_BYTE_ARRAY) requires
// every value to be that long.
void decodeDeltaByteArray(const std::uint8_t* data, std::size_t size, std::size_t count, std::uint32_t fixed_width,
                          Bytes& values, Buffer<std::uint32_t>& offsets);

// Throws InputError unless a BYTE_STREAM_SPLIT page of `size` bytes holds
// exactly `count` values of `width` bytes: checked before they are reserved.
void checkByteStreamSplit(std::size_t size, std::size_t count, std::uint32_t width);

// BYTE_STREAM_SPLIT: `count` values of `width` bytes stored as `width` streams
// (every value's byte 0, then every value's byte 1...) into `out`, values back
// to back. The page must hold exactly count * width bytes.
void decodeByteStreamSplit(const std::uint8_t* data, std::size_t size, std::size_t count, std::uint32_t width,
                           std::uint8_t* out);

}  // namespace tollgate::parquet
