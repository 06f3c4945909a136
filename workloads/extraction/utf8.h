#pragma once
// UTF-8 as the kernel sees it. Every format reads its input through
// Utf8Sanitizer, so everything after it works on valid UTF-8 with LF line ends
// and whole characters in every span: the replacement of invalid sequences, the
// BOM and CR/LF live here once.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tollgate::extraction {

inline constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

// Appends the UTF-8 form of a Unicode scalar value (surrogates and values past
// U+10FFFF become U+FFFD).
void appendUtf8(std::string& out, std::uint32_t code_point);

// Decodes the character starting at text[0] of valid UTF-8; sets its length.
std::uint32_t decodeUtf8(const char* text, std::size_t* length);

// UTF-16 code units needed for valid UTF-8 text: what a JS string's length is.
std::size_t utf16Length(std::string_view valid);

// The longest prefix of valid UTF-8 `text`, at most `max_bytes` long, that ends
// on a character boundary.
std::size_t prefixAtBoundary(std::string_view text, std::size_t max_bytes);

// Unicode White_Space: what separates words.
bool isUnicodeSpace(std::uint32_t code_point);

// HTML's ASCII whitespace (tab, LF, FF, CR, space): what HTML collapses.
inline bool isAsciiSpace(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b <= 32 && ((0x100003600ull >> b) & 1) != 0;  // bits 9, 10, 12, 13 and 32
}

// Turns raw bytes, fed in pieces split anywhere, into clean UTF-8 handed on in
// spans: a leading BOM dropped, CR LF and lone CR made LF, each maximal invalid
// subsequence replaced by one U+FFFD (the WHATWG decoder's rule, which is what
// TextDecoder does). Spans point into the fed bytes where nothing changed, so
// clean input is passed on without a copy.
class Utf8Sanitizer {
 public:
  class Sink {
   public:
    virtual ~Sink() = default;
    virtual void clean(std::string_view text) = 0;
  };

  explicit Utf8Sanitizer(Sink& sink) : sink_(sink) {}

  void feed(const unsigned char* data, std::size_t size);
  // An incomplete sequence at the end becomes U+FFFD.
  void finish();
  void reset();
  std::uint64_t replacements() const { return replacements_; }

 private:
  void startSequence(unsigned char lead);
  void emitPendingSequence();
  void replace();

  Sink& sink_;
  // The sequence in progress, possibly begun in an earlier piece.
  unsigned char pending_[4] = {};
  int pending_length_ = 0;
  int needed_ = 0;  // continuation bytes still expected
  unsigned char lower_ = 0x80, upper_ = 0xBF;
  bool after_cr_ = false;
  bool at_start_ = true;  // no character handed on yet: a BOM here is dropped
  std::uint64_t replacements_ = 0;
};

}  // namespace tollgate::extraction
