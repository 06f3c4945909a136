#pragma once
// The result's text as JS strings hold it: UTF-16 code units, which JS turns
// into a string with TextDecoder('utf-16le'), a copy, where decoding UTF-8
// takes V8 and Blink a step per character. On the site corpus (a third of the
// content bytes outside ASCII) V8 decoded UTF-8 at ~400 MB/s, a fifth of
// zero_copy's time; the UTF-16 form of the same text decoded 4-5x faster.
// The kernel keeps UTF-8 (the native result and the JSON are unchanged); the
// adapters transcode what JS will read, once, in the module.

#include <cstddef>
#include <memory>
#include <string_view>

namespace tollgate::extraction {

// UTF-8 `in` as UTF-16 into `out`, which has room for in.size() units (never
// more are needed); returns the units written. Sixteen bytes at a time: ASCII
// blocks are widened, others converted a few characters per shuffle. For
// valid UTF-8 (every ResultBuffers string is: the kernel's sanitizer) the
// result is exact. Other bytes give some UTF-16, never more than in.size()
// units, with nothing read or written out of bounds (in short inputs and the
// last 16 bytes, a byte that does not start a valid sequence becomes U+FFFD).
std::size_t utf8ToUtf16(std::string_view in, char16_t* out);

// Whether every byte of `text` is ASCII (16 at a time; it stops at the first
// that is not).
bool isAscii(std::string_view text);

// A growing buffer of UTF-16 text, reused call to call. Pointers into it stay
// valid until the next clear() or a reserve() past its capacity.
class Utf16Text {
 public:
  void clear() { size_ = 0; }
  // Room for `units` more, at once: appends up to that many move nothing.
  void reserve(std::size_t units);
  // The UTF-16 form of `utf8` appended (room for utf8.size() units reserved
  // first); returns where it starts; *units gets its length.
  const char16_t* append(std::string_view utf8, std::size_t* units);

 private:
  std::unique_ptr<char16_t[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace tollgate::extraction
