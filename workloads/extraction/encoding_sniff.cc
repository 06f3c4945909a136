#include "encoding_sniff.h"

#include <algorithm>

namespace tollgate::extraction {
namespace {

bool isSpace(unsigned char c) { return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20; }
bool isAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool startsWithIgnoringCase(std::string_view text, std::size_t at, std::string_view lower_word) {
  if (text.size() - std::min(at, text.size()) < lower_word.size()) return false;
  for (std::size_t i = 0; i < lower_word.size(); ++i) {
    if (lower(text[at + i]) != lower_word[i]) return false;
  }
  return true;
}

// An attribute's name and value, lower-cased, in fixed buffers: the prescan
// allocates nothing (a pooled extraction allocates nothing per document).
class Attribute {
 public:
  void clear() { name_length_ = value_length_ = 0; }
  void addToName(char c) {
    if (name_length_ < sizeof name_) name_[name_length_++] = c;
  }
  void addToValue(char c) {
    if (value_length_ < sizeof value_) value_[value_length_++] = c;
  }
  bool nameEmpty() const { return name_length_ == 0; }
  std::string_view name() const { return std::string_view(name_, name_length_); }
  std::string_view value() const { return std::string_view(value_, value_length_); }

 private:
  char name_[32];
  char value_[kPrescanBytes];
  std::size_t name_length_ = 0, value_length_ = 0;
};

// WHATWG's "get an attribute", from `pos`; false when there is none (or the
// prescanned bytes end first, which ends the prescan too: `*ended`).
bool getAttribute(std::string_view b, std::size_t& pos, Attribute& a, bool* ended) {
  const std::size_t n = b.size();
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
  while (pos < n && (isSpace(at(pos)) || at(pos) == '/')) ++pos;
  if (pos >= n) return !(*ended = true);
  if (at(pos) == '>') return false;
  a.clear();
  for (;; ++pos) {  // the name
    if (pos >= n) return !(*ended = true);
    const unsigned char c = at(pos);
    if (c == '=' && !a.nameEmpty()) {
      ++pos;
      break;
    }
    if (isSpace(c)) {
      while (pos < n && isSpace(at(pos))) ++pos;
      if (pos >= n) return !(*ended = true);
      if (at(pos) != '=') return true;  // a name without a value
      ++pos;
      break;
    }
    if (c == '/' || c == '>') return true;
    a.addToName(lower(static_cast<char>(c)));
  }
  while (pos < n && isSpace(at(pos))) ++pos;  // the value
  if (pos >= n) return !(*ended = true);
  const unsigned char q = at(pos);
  if (q == '"' || q == '\'') {
    for (++pos; pos < n; ++pos) {
      if (at(pos) == q) {
        ++pos;
        return true;
      }
      a.addToValue(lower(b[pos]));
    }
    return !(*ended = true);
  }
  if (q == '>') return true;
  for (; pos < n; ++pos) {
    if (isSpace(at(pos)) || at(pos) == '>') return true;
    a.addToValue(lower(b[pos]));
  }
  return !(*ended = true);
}

// WHATWG's "extracting a character encoding from a meta element" (the content
// attribute of http-equiv content-type).
bool charsetFromContent(std::string_view s, Encoding* encoding) {
  std::size_t pos = 0;
  for (;;) {
    std::size_t at = std::string_view::npos;
    for (std::size_t i = pos; i + 7 <= s.size(); ++i) {
      if (startsWithIgnoringCase(s, i, "charset")) {
        at = i;
        break;
      }
    }
    if (at == std::string_view::npos) return false;
    pos = at + 7;
    while (pos < s.size() && isSpace(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos >= s.size() || s[pos] != '=') continue;
    ++pos;
    while (pos < s.size() && isSpace(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos >= s.size()) return false;
    if (s[pos] == '"' || s[pos] == '\'') {
      const std::size_t close = s.find(s[pos], pos + 1);
      if (close == std::string_view::npos) return false;
      return encodingForLabel(s.substr(pos + 1, close - pos - 1), encoding);
    }
    std::size_t end = pos;
    while (end < s.size() && !isSpace(static_cast<unsigned char>(s[end])) && s[end] != ';') ++end;
    return encodingForLabel(s.substr(pos, end - pos), encoding);
  }
}

}  // namespace

std::size_t byteOrderMark(std::string_view b, Encoding* encoding) {
  const auto is = [&](std::string_view mark) { return b.compare(0, mark.size(), mark) == 0; };
  using namespace std::string_view_literals;
  if (is("\xEF\xBB\xBF"sv)) return *encoding = Encoding::utf_8, 3;
  if (is("\xFF\xFE\x00\x00"sv)) return *encoding = Encoding::utf_32le, 4;
  if (is("\x00\x00\xFE\xFF"sv)) return *encoding = Encoding::utf_32be, 4;
  if (is("\xFE\xFF"sv)) return *encoding = Encoding::utf_16be, 2;
  if (is("\xFF\xFE"sv)) return *encoding = Encoding::utf_16le, 2;
  return 0;
}

bool sniffUtf16Or32(std::string_view b, Encoding* encoding) {
  const std::size_t n = std::min(b.size(), kPrescanBytes);
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
  if (n >= 8) {  // UTF-32: every unit below 0x110000, and some ASCII
    bool le = true, be = true;
    std::size_t le_ascii = 0, be_ascii = 0;
    for (std::size_t i = 0; i + 4 <= n; i += 4) {
      le = le && at(i + 3) == 0 && at(i + 2) <= 0x10;
      be = be && at(i) == 0 && at(i + 1) <= 0x10;
      le_ascii += at(i) != 0 && at(i) < 0x80 && at(i + 1) == 0 && at(i + 2) == 0 && at(i + 3) == 0;
      be_ascii += at(i + 3) != 0 && at(i + 3) < 0x80 && at(i) == 0 && at(i + 1) == 0 && at(i + 2) == 0;
    }
    if (le && le_ascii > 0) return *encoding = Encoding::utf_32le, true;
    if (be && be_ascii > 0) return *encoding = Encoding::utf_32be, true;
  }
  if (n < 4) return false;
  // UTF-16: at least a quarter of the pairs are ASCII characters with their
  // zero byte on one side, and almost none on the other.
  std::size_t zero_high_le = 0, zero_high_be = 0, pairs = n / 2;
  for (std::size_t i = 0; i + 2 <= n; i += 2) {
    zero_high_le += at(i) != 0 && at(i) < 0x80 && at(i + 1) == 0;
    zero_high_be += at(i + 1) != 0 && at(i + 1) < 0x80 && at(i) == 0;
  }
  if (zero_high_le * 4 >= pairs && zero_high_be * 20 <= pairs) return *encoding = Encoding::utf_16le, true;
  if (zero_high_be * 4 >= pairs && zero_high_le * 20 <= pairs) return *encoding = Encoding::utf_16be, true;
  return false;
}

bool prescanHtml(std::string_view bytes, Encoding* encoding) {
  const std::string_view b = bytes.substr(0, kPrescanBytes);
  const std::size_t n = b.size();
  const auto at = [&](std::size_t i) { return i < n ? static_cast<unsigned char>(b[i]) : 0u; };
  Attribute a;
  bool ended = false;
  for (std::size_t pos = 0; pos < n; ++pos) {
    if (b.compare(pos, 4, "<!--") == 0) {
      const std::size_t close = b.find("-->", pos + 2);
      if (close == std::string_view::npos) return false;
      pos = close + 2;
    } else if (startsWithIgnoringCase(b, pos, "<meta") && (isSpace(at(pos + 5)) || at(pos + 5) == '/')) {
      pos += 6;
      // Only these names matter, and only their first occurrence counts.
      bool seen_http_equiv = false, seen_content = false, seen_charset = false;
      bool got_pragma = false, have_charset = false;
      int need_pragma = -1;  // unknown, no, yes
      Encoding charset = Encoding::utf_8;
      while (getAttribute(b, pos, a, &ended)) {
        if (a.name() == "http-equiv" && !seen_http_equiv) {
          seen_http_equiv = true;
          got_pragma = a.value() == "content-type";
        } else if (a.name() == "content" && !seen_content) {
          seen_content = true;
          if (!have_charset && charsetFromContent(a.value(), &charset)) {
            have_charset = true;
            need_pragma = 1;
          }
        } else if (a.name() == "charset" && !seen_charset) {
          seen_charset = true;
          have_charset = encodingForLabel(a.value(), &charset);
          need_pragma = 0;
        }
      }
      if (ended) return false;
      if (need_pragma == -1 || (need_pragma == 1 && !got_pragma) || !have_charset) continue;
      if (charset == Encoding::utf_16be || charset == Encoding::utf_16le) charset = Encoding::utf_8;
      if (charset == Encoding::x_user_defined) charset = Encoding::windows_1252;
      *encoding = charset;
      return true;
    } else if (at(pos) == '<' && (isAlpha(at(pos + 1)) || (at(pos + 1) == '/' && isAlpha(at(pos + 2))))) {
      while (pos < n && !isSpace(at(pos)) && at(pos) != '>') ++pos;
      while (getAttribute(b, pos, a, &ended)) {
      }
      if (ended) return false;
    } else if (b.compare(pos, 2, "<!") == 0 || b.compare(pos, 2, "</") == 0 || b.compare(pos, 2, "<?") == 0) {
      const std::size_t close = b.find('>', pos + 2);
      if (close == std::string_view::npos) return false;
      pos = close;
    }
  }
  return false;
}

bool prescanXml(std::string_view bytes, Encoding* encoding) {
  const std::string_view b = bytes.substr(0, kPrescanBytes);
  if (b.compare(0, 5, "<?xml") != 0) return false;
  const std::size_t end = b.find("?>");
  if (end == std::string_view::npos) return false;
  const std::string_view decl = b.substr(0, end);
  const std::size_t key = decl.find("encoding");
  if (key == std::string_view::npos) return false;
  std::size_t pos = key + 8;
  while (pos < decl.size() && isSpace(static_cast<unsigned char>(decl[pos]))) ++pos;
  if (pos >= decl.size() || decl[pos] != '=') return false;
  ++pos;
  while (pos < decl.size() && isSpace(static_cast<unsigned char>(decl[pos]))) ++pos;
  if (pos >= decl.size() || (decl[pos] != '"' && decl[pos] != '\'')) return false;
  const std::size_t close = decl.find(decl[pos], pos + 1);
  if (close == std::string_view::npos) return false;
  return encodingForLabel(decl.substr(pos + 1, close - pos - 1), encoding);
}

bool looksLikeUtf8(std::string_view w, bool at_end) {
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(w[i]); };
  for (std::size_t i = 0; i < w.size();) {
    const unsigned char c = at(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    unsigned char lower_bound = 0x80, upper_bound = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) lower_bound = 0xA0;
      if (c == 0xED) upper_bound = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) lower_bound = 0x90;
      if (c == 0xF4) upper_bound = 0x8F;
    } else {
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= w.size()) return !at_end;  // cut off by the window
      const unsigned char t = at(i + k);
      if (t < (k == 1 ? lower_bound : 0x80) || t > (k == 1 ? upper_bound : 0xBF)) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace tollgate::extraction
