#pragma once
// The first stage of the pipeline: raw bytes in pieces split anywhere, decoded
// to UTF-8 for the Utf8Sanitizer. It holds the first kPrescanBytes (or the
// whole document, if shorter) before deciding the encoding, so the decision
// is the same however the document was split:
//
//   every format   a byte order mark; BOM-less UTF-16/32 (encoding_sniff.h)
//   html           the <meta> prescan; undeclared, the content decides: ASCII
//                  passes as it is, and from the first byte of 0x80 or more
//                  kPrescanBytes more are held and read as UTF-8 if they are
//                  valid UTF-8, else as windows-1252 (the WHATWG default; an
//                  all-ASCII page reports windows-1252)
//   xml            the XML declaration; else UTF-8
//   text, markdown, csv   UTF-8
//
// UTF-8 passes through without a copy (a whole document is decided in place;
// only a stream's first piece shorter than kPrescanBytes is held, in a fixed
// buffer); other encodings are decoded into a buffer a piece at a time.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "decoder.h"
#include "encoding.h"
#include "encoding_sniff.h"
#include "result.h"
#include "utf8.h"

namespace tollgate::extraction {

class InputDecoder {
 public:
  InputDecoder(Format format, Utf8Sanitizer& sanitizer) : format_(format), sanitizer_(sanitizer) {}

  // Throws InputError when the document declares an encoding this build lacks.
  void feed(const unsigned char* data, std::size_t size);
  void finish();
  void reset(Format format);

  // The encoding decided so far (at the end: the one the document was read in).
  Encoding encoding() const { return encoding_; }

 private:
  enum class State : std::uint8_t { holding, detecting, decided };

  // Sets the encoding from the document's first bytes (all of them when
  // `at_end`); returns the length of a byte order mark to skip.
  std::size_t decide(std::string_view first, bool at_end);
  void choose(Encoding encoding);
  void releaseHeld(bool at_end);
  // Bytes past the decision: held while detecting, else decoded on.
  void pass(const unsigned char* data, std::size_t size);
  void route(const unsigned char* data, std::size_t size);

  Format format_;
  Utf8Sanitizer& sanitizer_;
  State state_ = State::holding;
  Encoding encoding_ = Encoding::utf_8;
  unsigned char hold_[kPrescanBytes];
  std::size_t held_ = 0;
  std::unique_ptr<ByteDecoder> decoder_;
  std::string decoded_;
};

}  // namespace tollgate::extraction
