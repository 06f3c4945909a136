// UTF-16 (WHATWG's shared UTF-16 decoder), UTF-32 (found only by sniffing),
// the replacement encoding and x-user-defined.
#include "decoder.h"

#include "utf8.h"

namespace tollgate::extraction {
namespace {

class Utf16Decoder final : public ByteDecoder {
 public:
  explicit Utf16Decoder(bool big_endian) : big_endian_(big_endian) {}

  void decode(const unsigned char* data, std::size_t size, std::string& out) override {
    for (std::size_t i = 0; i < size; ++i) {
      if (lead_byte_ < 0) {
        lead_byte_ = data[i];
        continue;
      }
      const std::uint32_t unit = big_endian_ ? (static_cast<std::uint32_t>(lead_byte_) << 8) | data[i]
                                             : (static_cast<std::uint32_t>(data[i]) << 8) | lead_byte_;
      lead_byte_ = -1;
      processUnit(unit, out);
    }
  }

  void finish(std::string& out) override {
    if (lead_byte_ >= 0 || lead_surrogate_ != 0) out += kReplacementChar;
    lead_byte_ = -1;
    lead_surrogate_ = 0;
  }

 private:
  void processUnit(std::uint32_t unit, std::string& out) {
    if (lead_surrogate_ != 0) {
      const std::uint32_t lead = lead_surrogate_;
      lead_surrogate_ = 0;
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        appendUtf8(out, 0x10000 + ((lead - 0xD800) << 10) + (unit - 0xDC00));
        return;
      }
      out += kReplacementChar;  // an unpaired lead surrogate; the unit is read afresh
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      lead_surrogate_ = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      out += kReplacementChar;
    } else {
      appendUtf8(out, unit);
    }
  }

  bool big_endian_;
  int lead_byte_ = -1;
  std::uint32_t lead_surrogate_ = 0;
};

class Utf32Decoder final : public ByteDecoder {
 public:
  explicit Utf32Decoder(bool big_endian) : big_endian_(big_endian) {}

  void decode(const unsigned char* data, std::size_t size, std::string& out) override {
    for (std::size_t i = 0; i < size; ++i) {
      bytes_[count_++] = data[i];
      if (count_ < 4) continue;
      count_ = 0;
      const std::uint32_t cp =
          big_endian_ ? (std::uint32_t{bytes_[0]} << 24) | (bytes_[1] << 16) | (bytes_[2] << 8) | bytes_[3]
                      : (std::uint32_t{bytes_[3]} << 24) | (bytes_[2] << 16) | (bytes_[1] << 8) | bytes_[0];
      appendUtf8(out, cp);  // surrogates and values past U+10FFFF become U+FFFD
    }
  }
  void finish(std::string& out) override {
    if (count_ > 0) out += kReplacementChar;
    count_ = 0;
  }

 private:
  bool big_endian_;
  unsigned char bytes_[4] = {};
  int count_ = 0;
};

// Labels such as "iso-2022-kr" name an encoding browsers refuse to decode:
// the whole document is one U+FFFD.
class ReplacementDecoder final : public ByteDecoder {
 public:
  void decode(const unsigned char*, std::size_t size, std::string& out) override {
    if (size > 0 && !done_) out += kReplacementChar;
    done_ = done_ || size > 0;
  }
  void finish(std::string&) override {}

 private:
  bool done_ = false;
};

class UserDefinedDecoder final : public ByteDecoder {
 public:
  void decode(const unsigned char* data, std::size_t size, std::string& out) override {
    for (std::size_t i = 0; i < size; ++i) {
      if (data[i] < 0x80) out += static_cast<char>(data[i]);
      else appendUtf8(out, 0xF780 + data[i] - 0x80);
    }
  }
  void finish(std::string&) override {}
};

}  // namespace

std::unique_ptr<ByteDecoder> makeUnicodeDecoder(Encoding encoding) {
  switch (encoding) {
    case Encoding::utf_16be: return std::make_unique<Utf16Decoder>(true);
    case Encoding::utf_16le: return std::make_unique<Utf16Decoder>(false);
    case Encoding::utf_32be: return std::make_unique<Utf32Decoder>(true);
    case Encoding::utf_32le: return std::make_unique<Utf32Decoder>(false);
    case Encoding::replacement: return std::make_unique<ReplacementDecoder>();
    case Encoding::x_user_defined: return std::make_unique<UserDefinedDecoder>();
    default: return nullptr;
  }
}

}  // namespace tollgate::extraction
