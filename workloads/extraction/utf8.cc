#include "utf8.h"

#include "scan.h"

namespace tollgate::extraction {

void appendUtf8(std::string& out, std::uint32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    out += kReplacementChar;
  } else if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::uint32_t decodeUtf8(const char* text, std::size_t* length) {
  const auto* p = reinterpret_cast<const unsigned char*>(text);
  if (p[0] < 0x80) {
    *length = 1;
    return p[0];
  }
  if (p[0] < 0xE0) {
    *length = 2;
    return ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
  }
  if (p[0] < 0xF0) {
    *length = 3;
    return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  }
  *length = 4;
  return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
}

std::size_t utf16Length(std::string_view valid) {
  std::size_t units = 0;
  for (const char ch : valid) {
    const auto c = static_cast<unsigned char>(ch);
    // Every lead byte starts one unit; a 4-byte lead (a supplementary character)
    // starts a surrogate pair.
    units += (c & 0xC0) != 0x80;
    units += c >= 0xF0;
  }
  return units;
}

std::size_t prefixAtBoundary(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

bool isUnicodeSpace(std::uint32_t cp) {
  if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D);
  if (cp < 0x85) return false;
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

void Utf8Sanitizer::reset() {
  pending_length_ = 0;
  needed_ = 0;
  lower_ = 0x80;
  upper_ = 0xBF;
  after_cr_ = false;
  at_start_ = true;
  replacements_ = 0;
}

void Utf8Sanitizer::replace() {
  ++replacements_;
  at_start_ = false;
  sink_.clean(kReplacementChar);
}

void Utf8Sanitizer::startSequence(unsigned char lead) {
  pending_[0] = lead;
  pending_length_ = 1;
  lower_ = 0x80;
  upper_ = 0xBF;
  if (lead <= 0xDF) {
    needed_ = 1;
  } else if (lead <= 0xEF) {
    needed_ = 2;
    if (lead == 0xE0) lower_ = 0xA0;  // overlong
    if (lead == 0xED) upper_ = 0x9F;  // surrogates
  } else {
    needed_ = 3;
    if (lead == 0xF0) lower_ = 0x90;  // overlong
    if (lead == 0xF4) upper_ = 0x8F;  // past U+10FFFF
  }
}

void Utf8Sanitizer::emitPendingSequence() {
  const bool bom = at_start_ && pending_length_ == 3 && pending_[0] == 0xEF && pending_[1] == 0xBB &&
                   pending_[2] == 0xBF;
  at_start_ = false;
  if (!bom) sink_.clean(std::string_view(reinterpret_cast<const char*>(pending_), pending_length_));
  pending_length_ = 0;
}

namespace {

// The length of the valid UTF-8 sequence starting at p[0] (a byte of 0x80 or
// more) if it lies whole before `end`, else 0. Ranges of the Unicode standard's
// table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF.
std::size_t wholeSequence(const unsigned char* p, const unsigned char* end) {
  const unsigned char b = p[0];
  const std::ptrdiff_t available = end - p;
  auto continuation = [](unsigned char c) { return (c & 0xC0) == 0x80; };
  if (b < 0xC2) return 0;
  if (b < 0xE0) return available >= 2 && continuation(p[1]) ? 2 : 0;
  if (b < 0xF0) {
    const unsigned char lower = b == 0xE0 ? 0xA0 : 0x80, upper = b == 0xED ? 0x9F : 0xBF;
    return available >= 3 && p[1] >= lower && p[1] <= upper && continuation(p[2]) ? 3 : 0;
  }
  if (b > 0xF4) return 0;
  const unsigned char lower = b == 0xF0 ? 0x90 : 0x80, upper = b == 0xF4 ? 0x8F : 0xBF;
  return available >= 4 && p[1] >= lower && p[1] <= upper && continuation(p[2]) && continuation(p[3]) ? 4 : 0;
}

}  // namespace

void Utf8Sanitizer::feed(const unsigned char* data, std::size_t size) {
  std::size_t i = 0;
  // Finish a sequence begun in an earlier piece, byte by byte.
  while (needed_ > 0 && i < size) {
    const unsigned char b = data[i];
    if (b < lower_ || b > upper_) {
      needed_ = 0;
      pending_length_ = 0;
      replace();  // b is read again below as the start of something new
      break;
    }
    pending_[pending_length_++] = b;
    lower_ = 0x80;
    upper_ = 0xBF;
    ++i;
    if (--needed_ == 0) emitPendingSequence();
  }
  if (needed_ > 0) return;  // the piece ended inside the sequence

  std::size_t run = i;  // start of the clean run not yet handed on
  auto flush = [&](std::size_t end) {
    if (end > run) {
      at_start_ = false;
      sink_.clean(std::string_view(reinterpret_cast<const char*>(data + run), end - run));
    }
  };
  const char* const text_end = reinterpret_cast<const char*>(data + size);
  while (i < size) {
    if (!after_cr_) {  // plain ASCII without CR passes as it is, sixteen bytes at a time
      const char* p = reinterpret_cast<const char*>(data + i);
      i += scan::find(p, text_end, '\r', '\r', '\r', true) - p;
      if (i == size) break;
    }
    const unsigned char b = data[i];
    if (b < 0x80) {
      if (b == '\r') {
        flush(i);
        sink_.clean("\n");
        at_start_ = false;
        after_cr_ = true;
        run = ++i;
        continue;
      }
      if (b == '\n' && after_cr_) {
        flush(i);
        run = i + 1;
      }
      after_cr_ = false;
      ++i;
      continue;
    }
    after_cr_ = false;
    // Valid characters whole in this piece, one after another (text in most
    // languages but English runs them back to back): checked in place.
    if (std::size_t n = wholeSequence(data + i, data + size)) {
      if (at_start_ && i == run && n == 3 && b == 0xEF && data[i + 1] == 0xBB && data[i + 2] == 0xBF) {
        at_start_ = false;  // a BOM can only be the very first character
        run = i + 3;
      }
      i += n;
      while (i < size && data[i] >= 0x80 && (n = wholeSequence(data + i, data + size)) != 0) i += n;
      continue;
    }
    // Invalid, or cut off by the end of the piece: byte by byte.
    const std::size_t start = i;
    if (b < 0xC2 || b > 0xF4) {
      flush(start);
      replace();
      run = ++i;
      continue;
    }
    startSequence(b);
    ++i;
    while (needed_ > 0 && i < size) {
      const unsigned char c = data[i];
      if (c < lower_ || c > upper_) break;
      pending_[pending_length_++] = c;
      lower_ = 0x80;
      upper_ = 0xBF;
      --needed_;
      ++i;
    }
    // (It cannot be complete here: wholeSequence would have taken it.)
    if (i == size) {
      // Incomplete at the end of the piece: keep it for the next one.
      flush(start);
      return;
    }
    // Invalid continuation: the bytes so far are one maximal subpart.
    needed_ = 0;
    pending_length_ = 0;
    flush(start);
    replace();
    run = i;  // the offending byte starts afresh
  }
  flush(size);
}

void Utf8Sanitizer::finish() {
  if (needed_ > 0) {
    needed_ = 0;
    pending_length_ = 0;
    replace();
  }
}

}  // namespace tollgate::extraction
