#include "rle.h"

#include <cstring>
#include <string>
#include <utility>

namespace tollgate::parquet {
namespace {

// Bit-packed groups of 8 values, W bits each (W bytes a group), unpacked with
// shifts by constants: about 1.5 instructions a value, against 18 for one value
// at a time with its own bounds check (packedValue, still used at the edges).
template <int W, typename T>
void unpackGroups(const std::uint8_t* in, std::size_t groups, T* out) {
  constexpr std::uint64_t mask = W == 32 ? 0xffffffffu : (std::uint64_t{1} << W) - 1;
  for (std::size_t g = 0; g < groups; ++g, in += W, out += 8) {
    std::uint8_t bytes[W + 8] = {};  // W bytes, then room for an 8-byte load at any value's first byte
    std::memcpy(bytes, in, W);
    for (int i = 0; i < 8; ++i) {
      const std::uint64_t word = loadLe<std::uint64_t>(bytes + i * W / 8);
      out[i] = static_cast<T>((word >> (i * W % 8)) & mask);
    }
  }
}

// Width 1 into bytes (definition levels): one table entry spreads a byte's 8 bits.
struct SpreadBits {
  std::uint64_t entry[256];
  constexpr SpreadBits() : entry() {
    for (int b = 0; b < 256; ++b) {
      std::uint64_t v = 0;
      for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>((b >> i) & 1) << (8 * i);
      entry[b] = v;
    }
  }
};
constexpr SpreadBits kSpreadBits;

template <typename T>
void unpackWidth1(const std::uint8_t* in, std::size_t groups, T* out) {
  if constexpr (sizeof(T) == 1) {
    for (std::size_t g = 0; g < groups; ++g) std::memcpy(out + 8 * g, &kSpreadBits.entry[in[g]], 8);
  } else {
    unpackGroups<1>(in, groups, out);
  }
}

template <typename T, int... W>
void unpackDispatch(int width, const std::uint8_t* in, std::size_t groups, T* out, std::integer_sequence<int, W...>) {
  using Unpack = void (*)(const std::uint8_t*, std::size_t, T*);
  static constexpr Unpack table[] = {&unpackGroups<W + 1, T>...};
  if (width == 1) unpackWidth1(in, groups, out);
  else table[width - 1](in, groups, out);
}

// Unpacks `groups` whole groups of `width` bits (1..32; at most 8 for bytes).
template <typename T>
void unpack(int width, const std::uint8_t* in, std::size_t groups, T* out) {
  if constexpr (sizeof(T) == 1) {
    unpackDispatch(width, in, groups, out, std::make_integer_sequence<int, 8>());
  } else {
    unpackDispatch(width, in, groups, out, std::make_integer_sequence<int, 32>());
  }
}

}  // namespace

RleDecoder::RleDecoder(const std::uint8_t* data, std::size_t size, int bit_width, const char* what)
    : in_(data, size, what), bit_width_(bit_width) {
  if (bit_width < 0 || bit_width > 32) {
    throw InputError(std::string(what) + ": bit width " + std::to_string(bit_width) + " is outside 0..32");
  }
  mask_ = bit_width == 32 ? 0xffffffffu : (1u << bit_width) - 1;
}

void RleDecoder::nextRun() {
  const std::uint64_t header = in_.uleb();
  const std::uint64_t count = header >> 1;
  if (header & 1) {
    // Bit-packed: count groups of 8 values, bit_width bytes per group.
    if (count == 0 || count > (1u << 28)) {
      throw InputError(std::string(in_.what()) + ": bit-packed run of " + std::to_string(count) + " groups");
    }
    const std::uint64_t bytes = count * static_cast<std::uint64_t>(bit_width_);
    // Writers may end a stream before a last run's padding; use what is there.
    packed_bytes_ = static_cast<std::size_t>(bytes < in_.remaining() ? bytes : in_.remaining());
    packed_ = in_.take(packed_bytes_);
    packed_next_ = 0;
    // Values in 64 bits: bytes * 8 passes 2^32 in wasm's size_t for a 512 MB run.
    const std::uint64_t values = bit_width_ == 0 ? count * 8 : std::uint64_t{packed_bytes_} * 8 / static_cast<std::uint64_t>(bit_width_);
    run_left_ = static_cast<std::size_t>(values < count * 8 ? values : count * 8);  // count <= 2^28: fits
    rle_ = false;
  } else {
    if (count == 0 || count > 0x7fffffffu) {
      throw InputError(std::string(in_.what()) + ": RLE run of " + std::to_string(count) + " values");
    }
    const int value_bytes = (bit_width_ + 7) / 8;
    std::uint32_t value = 0;
    for (int i = 0; i < value_bytes; ++i) value |= static_cast<std::uint32_t>(in_.byte()) << (8 * i);
    if (value & ~mask_) {
      throw InputError(std::string(in_.what()) + ": RLE value " + std::to_string(value) + " is wider than " +
                       std::to_string(bit_width_) + " bits");
    }
    rle_value_ = value;
    run_left_ = static_cast<std::size_t>(count);
    rle_ = true;
  }
}

std::uint32_t RleDecoder::packedValue(std::size_t index) const {
  const std::uint64_t bit = std::uint64_t{index} * static_cast<std::uint64_t>(bit_width_);  // 64 bits, as above
  const auto byte = static_cast<std::size_t>(bit / 8);
  const int shift = static_cast<int>(bit % 8);
  std::uint64_t word;
  if (byte + 8 <= packed_bytes_) {
    word = loadLe<std::uint64_t>(packed_ + byte);
  } else {
    word = 0;
    for (std::size_t i = 0; byte + i < packed_bytes_ && i < 8; ++i) word |= static_cast<std::uint64_t>(packed_[byte + i]) << (8 * i);
  }
  return static_cast<std::uint32_t>(word >> shift) & mask_;
}

template <typename T>
void RleDecoder::decodeInto(T* out, std::size_t count) {
  std::size_t done = 0;
  while (done < count) {
    if (run_left_ == 0) {
      if (in_.atEnd()) {
        throw InputError(std::string(in_.what()) + ": ends after " + std::to_string(done) + " of " +
                         std::to_string(count) + " values");
      }
      nextRun();
      continue;
    }
    const std::size_t n = run_left_ < count - done ? run_left_ : count - done;
    if (rle_) {
      for (std::size_t i = 0; i < n; ++i) out[done + i] = static_cast<T>(rle_value_);
    } else if (bit_width_ == 0) {
      for (std::size_t i = 0; i < n; ++i) out[done + i] = 0;
    } else {
      // Values one at a time up to a group's start, whole groups (those whose
      // bytes are all there) in bulk, the rest one at a time again.
      std::size_t i = 0;
      for (; i < n && (packed_next_ + i) % 8 != 0; ++i) out[done + i] = static_cast<T>(packedValue(packed_next_ + i));
      const std::size_t group = (packed_next_ + i) / 8;
      const std::size_t whole = packed_bytes_ / static_cast<std::size_t>(bit_width_);  // groups with all their bytes
      std::size_t groups = (n - i) / 8;
      if (groups > whole - (group < whole ? group : whole)) groups = group < whole ? whole - group : 0;
      if (groups > 0) {
        unpack(bit_width_, packed_ + group * static_cast<std::size_t>(bit_width_), groups, out + done + i);
        i += groups * 8;
      }
      for (; i < n; ++i) out[done + i] = static_cast<T>(packedValue(packed_next_ + i));
      packed_next_ += n;
    }
    run_left_ -= n;
    done += n;
  }
}

void RleDecoder::decode(std::uint32_t* out, std::size_t count) { decodeInto(out, count); }

void RleDecoder::decode(std::uint8_t* out, std::size_t count) {
  if (bit_width_ > 8) throw InputError(std::string(in_.what()) + ": levels wider than 8 bits");
  decodeInto(out, count);
}

int bitWidth(std::uint64_t max_value) {
  int width = 0;
  while (max_value != 0) {
    ++width;
    max_value >>= 1;
  }
  return width;
}

std::size_t decodeBitPackedLegacy(const std::uint8_t* data, std::size_t size, int bit_width, std::uint8_t* out,
                                  std::size_t count) {
  // Bits in 64 bits: a count near 2^31 times 8 passes wasm's 32-bit size_t.
  const std::uint64_t bytes = (std::uint64_t{count} * static_cast<std::uint64_t>(bit_width) + 7) / 8;
  if (bytes > size) {
    throw InputError("BIT_PACKED levels need " + std::to_string(bytes) + " bytes, the page has " + std::to_string(size));
  }
  std::uint64_t bit = 0;
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t v = 0;
    for (int b = 0; b < bit_width; ++b, ++bit) {
      v = (v << 1) | ((data[bit / 8] >> (7 - bit % 8)) & 1u);
    }
    out[i] = static_cast<std::uint8_t>(v);
  }
  return static_cast<std::size_t>(bytes);  // <= size
}

namespace {

void putUleb(std::uint64_t v, std::vector<std::uint8_t>& out) {
  while (v >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(v));
}

void putPacked(const std::uint32_t* values, std::size_t groups, int bit_width, std::vector<std::uint8_t>& out) {
  putUleb((groups << 1) | 1, out);
  std::uint64_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < groups * 8; ++i) {
    acc |= static_cast<std::uint64_t>(values[i]) << bits;
    bits += bit_width;
    while (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>(acc));
      acc >>= 8;
      bits -= 8;
    }
  }
}

}  // namespace

void encodeRle(const std::uint32_t* values, std::size_t count, int bit_width, std::vector<std::uint8_t>& out) {
  const int value_bytes = (bit_width + 7) / 8;
  std::size_t i = 0;
  std::vector<std::uint32_t> pending;  // values waiting to be bit-packed
  auto flushPacked = [&](bool final) {
    if (pending.empty()) return;
    if (final) {
      while (pending.size() % 8 != 0) pending.push_back(0);  // padding; the reader stops at its count
    }
    const std::size_t groups = pending.size() / 8;
    if (groups == 0) return;
    putPacked(pending.data(), groups, bit_width, out);
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(groups * 8));
  };
  while (i < count) {
    std::size_t run = 1;
    while (i + run < count && values[i + run] == values[i]) ++run;
    if (run >= 8 && pending.size() % 8 == 0) {
      flushPacked(false);
      putUleb(static_cast<std::uint64_t>(run) << 1, out);
      for (int b = 0; b < value_bytes; ++b) out.push_back(static_cast<std::uint8_t>(values[i] >> (8 * b)));
      i += run;
    } else {
      // Take just enough to reach a multiple of 8, or the whole short run.
      const std::size_t to_boundary = 8 - pending.size() % 8;
      const std::size_t take = run >= 8 ? to_boundary : run;
      for (std::size_t k = 0; k < take; ++k) pending.push_back(values[i + k]);
      i += take;
    }
  }
  flushPacked(true);
}

}  // namespace tollgate::parquet
