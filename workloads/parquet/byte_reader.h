#pragma once
// Bounds-checked reading of untrusted bytes. Every read checks what remains first,
// so a lying length in a file becomes an InputError naming `what`, never a read
// past the buffer. Little-endian loads go through memcpy (no alignment traps).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "tollgate/errors.h"

namespace tollgate::parquet {

template <typename T>
inline T loadLe(const std::uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof value);  // every target we build for is little-endian
  return value;
}

template <typename T>
inline void storeLe(std::uint8_t* p, T value) {
  std::memcpy(p, &value, sizeof value);
}

class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size, const char* what)
      : data_(data), size_(size), what_(what) {}

  std::size_t remaining() const { return size_ - pos_; }
  std::size_t position() const { return pos_; }
  const std::uint8_t* current() const { return data_ + pos_; }
  bool atEnd() const { return pos_ == size_; }

  // Throws unless `count` more bytes are there. The check inlines into every
  // read; the message is built out of line (a page of byte arrays checks twice
  // per value: with the throw inline, need() was a call each time).
  void need(std::size_t count) const {
    if (count > remaining()) truncated(count);
  }
  std::uint8_t byte() {
    need(1);
    return data_[pos_++];
  }
  template <typename T>
  T le() {
    need(sizeof(T));
    const T value = loadLe<T>(data_ + pos_);
    pos_ += sizeof(T);
    return value;
  }
  const std::uint8_t* take(std::size_t count) {
    need(count);
    const std::uint8_t* p = data_ + pos_;
    pos_ += count;
    return p;
  }
  void skip(std::size_t count) { take(count); }

  // Unsigned LEB128, at most 10 bytes; a longer one is corrupt, not slow.
  std::uint64_t uleb() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      const std::uint8_t b = byte();
      if (shift == 63 && (b & 0x7e) != 0) break;  // bits past 64
      value |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return value;
    }
    throw InputError(std::string(what_) + ": varint longer than 64 bits at offset " + std::to_string(pos_));
  }

  const char* what() const { return what_; }

 private:
  [[noreturn, gnu::noinline, gnu::cold]] void truncated(std::size_t count) const {
    throw InputError(std::string(what_) + ": truncated, needs " + std::to_string(count) +
                     " more bytes at offset " + std::to_string(pos_) + ", " +
                     std::to_string(remaining()) + " left");
  }

  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
  const char* what_;
};

}  // namespace tollgate::parquet
