#pragma once
// The RLE / bit-packing hybrid (Encodings.md, "RLE = 3"): definition levels,
// dictionary indices and RLE booleans. Also the deprecated BIT_PACKED levels.
//
// Runs are read lazily, checked against the bytes that remain; a run that claims
// more values than its bytes hold is usable only up to what its bytes hold, and
// asking past that is an InputError, never a read out of bounds.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "byte_reader.h"

namespace tollgate::parquet {

class RleDecoder {
 public:
  // `bit_width` 0..32; values are at most 32 bits wide.
  RleDecoder(const std::uint8_t* data, std::size_t size, int bit_width, const char* what);

  // Decodes the next `count` values; throws if the data ends first.
  void decode(std::uint32_t* out, std::size_t count);
  void decode(std::uint8_t* out, std::size_t count);  // for levels (bit width <= 8)

 private:
  template <typename T>
  void decodeInto(T* out, std::size_t count);
  void nextRun();
  std::uint32_t packedValue(std::size_t index) const;

  ByteReader in_;
  int bit_width_;
  std::uint32_t mask_;
  bool rle_ = true;
  std::uint32_t rle_value_ = 0;
  std::size_t run_left_ = 0;          // values left in the current run
  const std::uint8_t* packed_ = nullptr;
  std::size_t packed_bytes_ = 0;
  std::size_t packed_next_ = 0;       // index of the next value in the packed run
};

// Bit width needed for values up to max_value (0 for 0).
int bitWidth(std::uint64_t max_value);

// Deprecated BIT_PACKED levels: MSB first, no length prefix. Returns bytes used.
std::size_t decodeBitPackedLegacy(const std::uint8_t* data, std::size_t size, int bit_width, std::uint8_t* out,
                                  std::size_t count);

// Encoder for our writer: RLE runs for repeats of 8 or more, bit-packed groups
// otherwise. Appends to `out` (no length prefix).
void encodeRle(const std::uint32_t* values, std::size_t count, int bit_width, std::vector<std::uint8_t>& out);

}  // namespace tollgate::parquet
