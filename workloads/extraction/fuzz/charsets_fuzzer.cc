// The encoding decoders alone (decoder.h): any bytes as a document in any of the
// encodings the complete build reads (UTF-16/32, the single-byte ones, the CJK
// ones, replacement, x-user-defined), decoded whole and in pieces of
// pseudo-random sizes split anywhere (inside a character, an escape sequence of
// ISO-2022-JP, a surrogate pair). Both must give the same UTF-8, and valid
// UTF-8: the sanitizer after them is not there to hide a decoder's mistakes.
// The first byte picks the encoding, the piece sizes follow from a hash of the
// input. Decoders never refuse: errors become U+FFFD.
// Then what JS reads of the decoded text, its UTF-16 (adapters/utf16_text.h),
// must be exact; and the raw bytes through the same transcoder must stay in
// the room they are given.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "decoder.h"
#include "encoding.h"
#include "tollgate/fuzz.h"
#include "utf16_text.h"
#include "utf8.h"

namespace tollgate::extraction {
namespace {

[[noreturn]] void broken(Encoding encoding, const char* what) {
  std::fprintf(stderr, "%s: %s\n", encodingName(encoding), what);
  std::abort();
}

std::unique_ptr<ByteDecoder> decoderFor(Encoding encoding) {
  std::unique_ptr<ByteDecoder> decoder = makeUnicodeDecoder(encoding);
  return decoder ? std::move(decoder) : makeLegacyDecoder(encoding);
}

// Strict UTF-8: shortest forms, no surrogates, nothing past U+10FFFF.
bool validUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n;
    std::uint32_t cp;
    if (b < 0x80) { ++i; continue; }
    if (b >= 0xC2 && b <= 0xDF) { n = 2; cp = b & 0x1F; }
    else if (b >= 0xE0 && b <= 0xEF) { n = 3; cp = b & 0x0F; }
    else if (b >= 0xF0 && b <= 0xF4) { n = 4; cp = b & 0x07; }
    else return false;
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n;
  }
  return true;
}

// Valid UTF-8 as UTF-16, one code point at a time: the reference.
std::u16string referenceUtf16(const std::string& s) {
  std::u16string out;
  for (std::size_t i = 0, length = 0; i < s.size(); i += length) {
    const std::uint32_t cp = decodeUtf8(s.data() + i, &length);
    if (cp < 0x10000) {
      out += static_cast<char16_t>(cp);
    } else {
      out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    }
  }
  return out;
}

// The transcoder's output in a buffer of exactly the room it may use, so that
// AddressSanitizer sees a unit written past it.
std::u16string transcoded(std::string_view utf8) {
  std::unique_ptr<char16_t[]> room(new char16_t[utf8.size()]);
  const std::size_t units = utf8ToUtf16(utf8, room.get());
  if (units > utf8.size()) {
    std::fprintf(stderr, "utf8ToUtf16 wrote %zu units for %zu bytes\n", units, utf8.size());
    std::abort();
  }
  return std::u16string(room.get(), units);
}

}  // namespace
}  // namespace tollgate::extraction

TOLLGATE_FUZZ_TARGET(data, size) {
  using namespace tollgate::extraction;
  tollgate::fuzz::Input in(data, size);
  const auto encoding = static_cast<Encoding>(in.byte() % kEncodingCount);
  const std::string_view text = in.rest();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  transcoded(text);  // any bytes: bounded
  std::unique_ptr<ByteDecoder> whole_decoder = decoderFor(encoding);
  if (!whole_decoder) return;  // UTF-8: read as it is, by the sanitizer
  std::string whole;
  whole_decoder->decode(bytes, text.size(), whole);
  whole_decoder->finish(whole);
  if (!validUtf8(whole)) broken(encoding, "decoded whole, the output is not valid UTF-8");
  if (transcoded(whole) != referenceUtf16(whole)) broken(encoding, "the UTF-16 for JS differs from the text's");

  std::uint64_t seed = 1469598103934665603ull;  // FNV-1a 64 of the input
  for (std::size_t i = 0; i < size; ++i) seed = (seed ^ data[i]) * 1099511628211ull;
  std::unique_ptr<ByteDecoder> piece_decoder = decoderFor(encoding);
  std::string pieces;
  for (std::size_t i = 0; i < text.size();) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    const std::size_t n = std::min<std::size_t>(1 + (seed >> 33) % 7, text.size() - i);
    piece_decoder->decode(bytes + i, n, pieces);
    i += n;
  }
  piece_decoder->finish(pieces);
  if (pieces != whole) broken(encoding, "decoded in pieces, the output differs from the whole");
}
