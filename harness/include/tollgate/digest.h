#pragma once
// FNV-1a, 32-bit: a digest of results that the JS driver computes identically, so
// "same results in native, Node and Chromium" is a string comparison.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

namespace tollgate {

class Fnv1a32 {
 public:
  void addBytes(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
      hash_ ^= bytes[i];
      hash_ *= 16777619u;
    }
  }
  // Little-endian words, as the JS side feeds them.
  void addU32(std::uint32_t value) {
    for (int i = 0; i < 4; ++i) {
      hash_ ^= (value >> (8 * i)) & 0xffu;
      hash_ *= 16777619u;
    }
  }
  void addF32(float value) {
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    addU32(bits);
  }
  std::uint32_t value() const { return hash_; }
  std::string text() const {
    char buf[20];
    std::snprintf(buf, sizeof buf, "fnv1a32:%08x", hash_);
    return buf;
  }

 private:
  std::uint32_t hash_ = 2166136261u;
};

}  // namespace tollgate
