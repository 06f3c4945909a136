#pragma once
// Decoders from an encoding's bytes to UTF-8, fed in pieces split anywhere:
// each keeps what a piece ends in the middle of, so a stream decodes as the
// whole document does. Errors become U+FFFD as the WHATWG decoders say.
//
// UTF-16 and UTF-32 (and the replacement and x-user-defined encodings) are in
// every build; the single-byte encodings come with HTML (the standard and
// complete builds), the CJK ones with the complete build: each build's
// registration file defines makeLegacyDecoder().

#include <cstddef>
#include <memory>
#include <string>

#include "encoding.h"

namespace tollgate::extraction {

class ByteDecoder {
 public:
  virtual ~ByteDecoder() = default;
  // Appends the UTF-8 of `data` to `out`.
  virtual void decode(const unsigned char* data, std::size_t size, std::string& out) = 0;
  // The end of the input: an unfinished sequence becomes U+FFFD.
  virtual void finish(std::string& out) = 0;
};

// UTF-16BE/LE, UTF-32LE/BE, replacement, x-user-defined; nullptr for others.
std::unique_ptr<ByteDecoder> makeUnicodeDecoder(Encoding encoding);
// The single-byte encodings (windows-1252, KOI8-R, ISO-8859-x...).
std::unique_ptr<ByteDecoder> makeSingleByteDecoder(Encoding encoding);
// GBK, gb18030, Big5, EUC-JP, ISO-2022-JP, Shift_JIS, EUC-KR.
std::unique_ptr<ByteDecoder> makeCjkDecoder(Encoding encoding);

// Defined by the build's registration file: the legacy decoders this build
// has, nullptr for an encoding it lacks.
std::unique_ptr<ByteDecoder> makeLegacyDecoder(Encoding encoding);

}  // namespace tollgate::extraction
