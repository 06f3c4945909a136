// The WHATWG single-byte encodings: bytes below 0x80 are ASCII, the others
// one table lookup each (a byte the index has no code point for is U+FFFD).
#include "decoder.h"

#include <cstdint>
#include <iterator>

#include "utf8.h"

namespace tollgate::extraction {
namespace {

#include "single_byte_tables.inc"

class SingleByteDecoder final : public ByteDecoder {
 public:
  explicit SingleByteDecoder(const std::uint16_t* index) : index_(index) {}

  void decode(const unsigned char* data, std::size_t size, std::string& out) override {
    std::size_t i = 0;
    while (i < size) {
      std::size_t run = i;
      while (run < size && data[run] < 0x80) ++run;  // ASCII runs go out as they are
      out.append(reinterpret_cast<const char*>(data + i), run - i);
      if (run == size) break;
      const std::uint16_t cp = index_[data[run] - 0x80];
      if (cp == 0) out += kReplacementChar;
      else appendUtf8(out, cp);
      i = run + 1;
    }
  }
  void finish(std::string&) override {}

 private:
  const std::uint16_t* index_;
};

}  // namespace

std::unique_ptr<ByteDecoder> makeSingleByteDecoder(Encoding encoding) {
  if (encoding == Encoding::iso_8859_8_i) encoding = Encoding::iso_8859_8;  // the same index, logical order
  for (std::size_t i = 0; i < std::size(kSingleByteEncodings); ++i) {
    if (kSingleByteEncodings[i] == encoding) return std::make_unique<SingleByteDecoder>(kSingleByteIndexes[i]);
  }
  return nullptr;
}

}  // namespace tollgate::extraction
