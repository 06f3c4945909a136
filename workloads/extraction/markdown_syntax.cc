#include "markdown_syntax.h"

#include <cstring>

#include "entities.h"
#include "utf8.h"

namespace tollgate::extraction::markdown {
namespace {

bool isAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isSpaceTabOrNewline(char c) { return c == ' ' || c == '\t' || c == '\n'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool startsWithIgnoringCase(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    if (lower(text[i]) != lower_prefix[i]) return false;
  }
  return true;
}

// `needle` searched from `from`; a failed search is remembered in `failed_from`.
std::size_t findMemo(std::string_view text, std::size_t from, std::string_view needle, std::size_t& failed_from) {
  if (failed_from != kNotFound && from >= failed_from) return kNotFound;
  const std::size_t at = text.find(needle, from);
  if (at == std::string_view::npos) failed_from = from;
  return at == std::string_view::npos ? kNotFound : at;
}

std::size_t skipWhitespace(std::string_view text, std::size_t pos) {
  while (pos < text.size() && isSpaceTabOrNewline(text[pos])) ++pos;
  return pos;
}

std::size_t scanTagName(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || !isAsciiAlpha(text[pos])) return kNotFound;
  ++pos;
  while (pos < text.size() && (isAsciiAlnum(text[pos]) || text[pos] == '-')) ++pos;
  return pos;
}

// Attributes, optional whitespace, optional '/', '>': the position after '>'.
std::size_t scanOpenTagRest(std::string_view text, std::size_t pos, RawHtmlMemo* memo) {
  const std::size_t n = text.size();
  for (;;) {
    const std::size_t space = skipWhitespace(text, pos);
    if (space >= n) return kNotFound;
    const char c = text[space];
    if (c == '>') return space + 1;
    if (c == '/') return space + 1 < n && text[space + 1] == '>' ? space + 2 : kNotFound;
    if (space == pos) return kNotFound;  // an attribute needs whitespace before it
    if (!(isAsciiAlpha(c) || c == '_' || c == ':')) return kNotFound;
    pos = space + 1;
    while (pos < n && (isAsciiAlnum(text[pos]) || text[pos] == '_' || text[pos] == '.' || text[pos] == ':' ||
                       text[pos] == '-')) {
      ++pos;
    }
    const std::size_t before_value = skipWhitespace(text, pos);
    if (before_value >= n || text[before_value] != '=') continue;  // no value
    pos = skipWhitespace(text, before_value + 1);
    if (pos >= n) return kNotFound;
    const char q = text[pos];
    if (q == '"' || q == '\'') {
      std::size_t* failed = memo == nullptr ? nullptr : q == '"' ? &memo->quote_double : &memo->quote_single;
      if (failed != nullptr && *failed != kNotFound && pos + 1 >= *failed) return kNotFound;
      const void* close = std::memchr(text.data() + pos + 1, q, n - pos - 1);
      if (close == nullptr) {
        if (failed != nullptr) *failed = pos + 1;
        return kNotFound;
      }
      pos = static_cast<const char*>(close) - text.data() + 1;
    } else {
      const std::size_t start = pos;
      while (pos < n && !isSpaceTabOrNewline(text[pos]) && std::strchr("\"'=<>`", text[pos]) == nullptr) ++pos;
      if (pos == start) return kNotFound;
    }
  }
}

std::size_t scanClosingTagRest(std::string_view text, std::size_t pos) {
  pos = skipWhitespace(text, pos);
  return pos < text.size() && text[pos] == '>' ? pos + 1 : kNotFound;
}

bool isBlockTagName(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
      "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
      "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
      "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
      "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
      "th", "thead", "title", "tr", "track", "ul"};
  if (name.size() > 10) return false;
  char buffer[10];
  for (std::size_t i = 0; i < name.size(); ++i) buffer[i] = lower(name[i]);
  const std::string_view lowered(buffer, name.size());
  for (const std::string_view n : kNames) {
    if (n == lowered) return true;
  }
  return false;
}

}  // namespace

bool isAsciiPunctuation(unsigned char c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

bool isPunctuation(std::uint32_t cp) {
  if (cp < 0x80) return isAsciiPunctuation(static_cast<unsigned char>(cp));
  // The Latin-1 symbols and punctuation, general punctuation, currency,
  // letterlike and arrows to geometric shapes, CJK punctuation, fullwidth forms.
  return (cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB2 && cp != 0xB3 && cp != 0xB5 && cp != 0xB9 &&
          cp != 0xBA && cp != 0xBC && cp != 0xBD && cp != 0xBE) ||
         cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
         (cp >= 0x20A0 && cp <= 0x20C0) || (cp >= 0x2190 && cp <= 0x23FF) || (cp >= 0x25A0 && cp <= 0x27BF) ||
         (cp >= 0x2E00 && cp <= 0x2E5D) || (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011) ||
         (cp >= 0x3014 && cp <= 0x301F) || (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x037E || cp == 0x0387 ||
         (cp >= 0x055A && cp <= 0x055F) || cp == 0x0589 || cp == 0x05BE || cp == 0x05C0 || cp == 0x05C3 ||
         cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x06D4 || cp == 0x0964 || cp == 0x0965;
}

std::size_t scanLinkLabel(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || text[pos] != '[') return kNotFound;
  const std::size_t begin = pos + 1;
  for (std::size_t i = begin; i < text.size() && i - begin <= kMaxLabelBytes; ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && isAsciiPunctuation(static_cast<unsigned char>(text[i + 1]))) {
      ++i;
    } else if (c == '[') {
      return kNotFound;
    } else if (c == ']') {
      return i - begin <= kMaxLabelBytes ? i + 1 : kNotFound;
    }
  }
  return kNotFound;
}

std::size_t scanLinkDestination(std::string_view text, std::size_t pos, bool allow_empty, std::size_t* begin,
                                std::size_t* end) {
  const std::size_t n = text.size();
  if (pos < n && text[pos] == '<') {
    for (std::size_t i = pos + 1; i < n; ++i) {
      const char c = text[i];
      if (c == '>') {
        *begin = pos + 1;
        *end = i;
        return i + 1;
      }
      if (c == '\n' || c == '<') return kNotFound;
      if (c == '\\' && i + 1 < n && isAsciiPunctuation(static_cast<unsigned char>(text[i + 1]))) ++i;
    }
    return kNotFound;
  }
  int depth = 0;
  std::size_t i = pos;
  while (i < n) {
    const char c = text[i];
    if (c == '\\' && i + 1 < n && isAsciiPunctuation(static_cast<unsigned char>(text[i + 1]))) {
      i += 2;
      continue;
    }
    if (c == '(') {
      if (++depth > kMaxDestinationParens) return kNotFound;
    } else if (c == ')') {
      if (depth == 0) break;
      --depth;
    } else if (static_cast<unsigned char>(c) <= ' ' || c == 0x7F) {
      break;
    }
    ++i;
  }
  if (depth != 0 || (i == pos && !allow_empty)) return kNotFound;
  *begin = pos;
  *end = i;
  return i;
}

std::size_t scanLinkTitle(std::string_view text, std::size_t pos) {
  const std::size_t n = text.size();
  if (pos >= n) return kNotFound;
  const char open = text[pos];
  if (open != '"' && open != '\'' && open != '(') return kNotFound;
  const char close = open == '(' ? ')' : open;
  for (std::size_t i = pos + 1; i < n; ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < n && isAsciiPunctuation(static_cast<unsigned char>(text[i + 1]))) {
      ++i;
    } else if (c == close) {
      return i + 1;
    } else if (open == '(' && c == '(') {
      return kNotFound;  // the next title could start here: the scan never passes it
    } else if (c == '\n' && i + 1 < n) {
      // A blank line cannot be inside a title (nor inside a paragraph, but a
      // definition's title is scanned across what could be several).
      std::size_t j = i + 1;
      while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (j >= n || text[j] == '\n') return kNotFound;
    }
  }
  return kNotFound;
}

std::size_t skipSpacesAndOneNewline(std::string_view text, std::size_t pos) {
  bool newline = false;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '\n') {
      if (newline) break;
      newline = true;
    } else if (c != ' ' && c != '\t') {
      break;
    }
    ++pos;
  }
  return pos;
}

std::size_t scanHtmlTag(std::string_view text, std::size_t pos) {
  if (pos + 1 >= text.size() || text[pos] != '<') return 0;
  std::size_t end;
  if (text[pos + 1] == '/') {
    const std::size_t name = scanTagName(text, pos + 2);
    end = name == kNotFound ? kNotFound : scanClosingTagRest(text, name);
  } else {
    const std::size_t name = scanTagName(text, pos + 1);
    end = name == kNotFound ? kNotFound : scanOpenTagRest(text, name, nullptr);
  }
  return end == kNotFound ? 0 : end - pos;
}

std::size_t scanRawHtml(std::string_view text, std::size_t pos, RawHtmlMemo& memo) {
  const std::size_t n = text.size();
  if (pos + 1 >= n) return 0;
  const char c = text[pos + 1];
  std::size_t end = kNotFound;
  if (isAsciiAlpha(c)) {
    end = scanOpenTagRest(text, scanTagName(text, pos + 1), &memo);
  } else if (c == '/') {
    const std::size_t name = scanTagName(text, pos + 2);
    end = name == kNotFound ? kNotFound : scanClosingTagRest(text, name);
  } else if (c == '?') {
    const std::size_t close = findMemo(text, pos + 2, "?>", memo.processing);
    end = close == kNotFound ? kNotFound : close + 2;
  } else if (c == '!') {
    const std::string_view rest = text.substr(pos);
    if (rest.compare(0, 5, "<!-->") == 0) return 5;
    if (rest.compare(0, 6, "<!--->") == 0) return 6;
    if (rest.compare(0, 4, "<!--") == 0) {
      const std::size_t close = findMemo(text, pos + 4, "-->", memo.comment);
      end = close == kNotFound ? kNotFound : close + 3;
    } else if (rest.compare(0, 9, "<![CDATA[") == 0) {
      const std::size_t close = findMemo(text, pos + 9, "]]>", memo.cdata);
      end = close == kNotFound ? kNotFound : close + 3;
    } else if (pos + 2 < n && isAsciiAlpha(text[pos + 2])) {
      const std::size_t close = findMemo(text, pos + 3, ">", memo.declaration);
      end = close == kNotFound ? kNotFound : close + 1;
    }
  }
  return end == kNotFound ? 0 : end - pos;
}

std::size_t scanUriAutolink(std::string_view text, std::size_t pos) {
  const std::size_t n = text.size();
  std::size_t i = pos + 1;
  if (i >= n || !isAsciiAlpha(text[i])) return 0;
  ++i;
  while (i < n && i - pos - 1 <= 32 && (isAsciiAlnum(text[i]) || text[i] == '+' || text[i] == '.' || text[i] == '-')) {
    ++i;
  }
  const std::size_t scheme = i - pos - 1;
  if (scheme < 2 || scheme > 32 || i >= n || text[i] != ':') return 0;
  for (++i; i < n; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '>') return i + 1 - pos;
    if (c <= ' ' || c == '<' || c == 0x7F) return 0;
  }
  return 0;
}

std::size_t scanEmailAutolink(std::string_view text, std::size_t pos) {
  const std::size_t n = text.size();
  std::size_t i = pos + 1;
  while (i < n && (isAsciiAlnum(text[i]) || std::strchr(".!#$%&'*+/=?^_`{|}~-", text[i]) != nullptr) &&
         text[i] != '\0') {
    ++i;
  }
  if (i == pos + 1 || i >= n || text[i] != '@') return 0;
  ++i;
  for (;;) {  // labels of 1-63 alphanumerics and inner hyphens, separated by dots
    const std::size_t start = i;
    while (i < n && i - start < 63 && (isAsciiAlnum(text[i]) || text[i] == '-')) ++i;
    if (i == start || text[start] == '-' || text[i - 1] == '-') return 0;
    if (i < n && text[i] == '.') {
      ++i;
      continue;
    }
    return i < n && text[i] == '>' ? i + 1 - pos : 0;
  }
}

int htmlBlockStart(std::string_view line, bool after_paragraph) {
  if (line.size() < 2 || line[0] != '<') return 0;
  for (const std::string_view name : {std::string_view("pre"), std::string_view("script"),
                                      std::string_view("style"), std::string_view("textarea")}) {
    if (startsWithIgnoringCase(line.substr(1), name)) {
      const std::size_t after = 1 + name.size();
      if (after == line.size() || line[after] == ' ' || line[after] == '\t' || line[after] == '>') return 1;
    }
  }
  if (line.compare(0, 4, "<!--") == 0) return 2;
  if (line.compare(0, 2, "<?") == 0) return 3;
  if (line.size() >= 3 && line[1] == '!' && isAsciiAlpha(line[2])) return 4;
  if (line.compare(0, 9, "<![CDATA[") == 0) return 5;
  const std::size_t name_begin = line[1] == '/' ? 2 : 1;
  std::size_t name_end = name_begin;
  while (name_end < line.size() && isAsciiAlnum(line[name_end])) ++name_end;
  if (name_end > name_begin && isBlockTagName(line.substr(name_begin, name_end - name_begin))) {
    if (name_end == line.size() || line[name_end] == ' ' || line[name_end] == '\t' || line[name_end] == '>' ||
        line.compare(name_end, 2, "/>") == 0) {
      return 6;
    }
  }
  if (after_paragraph) return 0;
  const std::size_t tag = scanHtmlTag(line, 0);
  if (tag == 0) return 0;
  if (line[1] != '/') {  // an open tag of pre, script, style or textarea is type 1 or nothing
    const std::size_t name_stop = scanTagName(line, 1);
    const std::string_view name = line.substr(1, name_stop - 1);
    for (const char* raw : {"pre", "script", "style", "textarea"}) {
      if (name.size() == std::strlen(raw) && startsWithIgnoringCase(name, raw)) return 0;
    }
  }
  for (std::size_t i = tag; i < line.size(); ++i) {
    if (line[i] != ' ' && line[i] != '\t') return 0;
  }
  return 7;
}

bool htmlBlockEnds(int type, std::string_view line) {
  switch (type) {
    case 1: {
      for (std::size_t at = line.find("</"); at != std::string_view::npos; at = line.find("</", at + 2)) {
        const std::string_view rest = line.substr(at + 2);
        for (const std::string_view end : {std::string_view("pre>"), std::string_view("script>"),
                                           std::string_view("style>"), std::string_view("textarea>")}) {
          if (startsWithIgnoringCase(rest, end)) return true;
        }
      }
      return false;
    }
    case 2: return line.find("-->") != std::string_view::npos;
    case 3: return line.find("?>") != std::string_view::npos;
    case 4: return line.find('>') != std::string_view::npos;
    case 5: return line.find("]]>") != std::string_view::npos;
    default: return false;
  }
}

namespace {

// Simple and full case folding for the scripts documents are written in:
// Latin (with the Latin-1 and Extended-A blocks), Greek, Cyrillic; ß and ẞ fold
// to "ss" as Unicode's full folding does.
void appendFolded(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += lower(static_cast<char>(cp));
    return;
  }
  if (cp == 0xDF || cp == 0x1E9E) {
    out += "ss";
    return;
  }
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) ||
      (cp >= 0x410 && cp <= 0x42F)) {
    cp += 32;
  } else if (cp >= 0x400 && cp <= 0x40F) {
    cp += 80;
  } else if (cp == 0x3C2) {
    cp = 0x3C3;  // final sigma
  } else if (cp == 0xB5) {
    cp = 0x3BC;  // micro sign
  } else if (cp >= 0x100 && cp <= 0x17F) {  // upper and lower case alternate, with a few exceptions
    if (cp == 0x178) {
      cp = 0xFF;
    } else if (cp == 0x17F) {
      cp = 's';
    } else if (cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149) {
      const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
      if ((cp & 1) == (odd_upper ? 1u : 0u)) ++cp;
    }
  } else if (((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) || (cp >= 0x4D0 && cp <= 0x4FF) ||
              (cp >= 0x1E00 && cp <= 0x1E95) || (cp >= 0x1EA0 && cp <= 0x1EFF)) && (cp & 1) == 0) {
    ++cp;
  }
  appendUtf8(out, cp);
}

}  // namespace

void normalizeLabel(std::string_view label, std::string& out) {
  bool space = false, started = false;
  for (std::size_t i = 0; i < label.size();) {
    const auto c = static_cast<unsigned char>(label[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = started;
      ++i;
      continue;
    }
    if (space) out += ' ';
    space = false;
    started = true;
    std::size_t length;
    const std::uint32_t cp = decodeUtf8(label.data() + i, &length);
    appendFolded(out, cp);
    i += length;
  }
}

void unescape(std::string_view text, std::string& out) {
  for (std::size_t k = 0; k < text.size();) {
    if (text[k] == '\\' && k + 1 < text.size() && isAsciiPunctuation(static_cast<unsigned char>(text[k + 1]))) {
      out += text[k + 1];
      k += 2;
    } else if (text[k] == '&') {
      k = readCommonMarkReference(text, k, out);
    } else {
      out += text[k++];
    }
  }
}

void appendHref(std::string_view destination, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char ch : destination) {
    const auto c = static_cast<unsigned char>(ch);
    if (isAsciiAlnum(ch) || (c < 0x80 && std::strchr("-_.+!*'(),%#@?=;:/$~&", ch) != nullptr && c != 0)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
}

}  // namespace tollgate::extraction::markdown
