#include "markdown_inline.h"

#include <array>
#include <cstring>

#include "entities.h"
#include "extraction_limits.h"
#include "utf8.h"

namespace tollgate::extraction {
namespace {

using Kind = InlineScratch::Kind;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::size_t kMaxTrackedBacktickRun = 32;
constexpr int kMaxDestinationParens = 32;

bool isAsciiPunct(std::uint32_t c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

bool isSpecial(char c) {
  switch (c) {
    case '\\': case '`': case '*': case '_': case '~': case '[': case ']': case '!': case '<': case '&': case '\n':
      return true;
    default:
      return false;
  }
}

bool isPunctuation(std::uint32_t cp) {
  if (cp < 0x80) return isAsciiPunct(cp);
  return (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x3001 && cp <= 0x3003) ||
         (cp >= 0x3008 && cp <= 0x3011) || cp == 0xA1 || cp == 0xA7 || cp == 0xAB || cp == 0xB6 || cp == 0xB7 ||
         cp == 0xBB || cp == 0xBF;
}

class InlineParser {
 public:
  InlineParser(std::string_view text, InlineScratch& scratch) : text_(text), n_(text.size()), s_(scratch) {
    failed_backticks_.fill(kNone);
    failed_close_.fill(kNone);
    s_.pieces.clear();
    s_.delimiters.clear();
    s_.brackets.clear();
    s_.decoded.clear();
    s_.head = s_.tail = -1;
  }

  void parse();
  void emit(Output& out, ItemText* capture);

 private:
  void addPiece(Kind kind, std::size_t begin, std::size_t length, std::int32_t delimiter = -1) {
    s_.pieces.push_back({kind, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(length), delimiter});
  }
  void addText(std::size_t begin, std::size_t end) {
    if (end > begin) addPiece(Kind::text, begin, end - begin);
  }
  void addDecoded(std::string_view text) {
    addPiece(Kind::decoded, s_.decoded.size(), text.size());
    s_.decoded.append(text);
  }
  std::uint32_t codePointAt(std::size_t i) const {
    if (i >= n_) return '\n';
    std::size_t length;
    return decodeUtf8(text_.data() + i, &length);
  }
  std::uint32_t codePointBefore(std::size_t i) const {
    if (i == 0) return '\n';
    std::size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(text_[start]) & 0xC0) == 0x80) --start;
    return codePointAt(start);
  }

  std::size_t backslash(std::size_t i);
  std::size_t codeSpan(std::size_t i);
  std::size_t delimiterRun(std::size_t i);
  std::size_t closeBracket(std::size_t i);
  std::size_t angle(std::size_t i);
  std::size_t entity(std::size_t i);
  std::size_t lineEnd(std::size_t i);
  bool inlineLink(std::size_t i, std::size_t* end, std::size_t* href_begin, std::size_t* href_length);
  std::size_t findClosing(std::size_t from, char close, int memo);
  std::size_t skipSpaces(std::size_t i) const;
  void appendDecoded(std::string_view text);
  void processEmphasis(std::size_t bottom);
  void unlink(std::int32_t d);

  std::string_view text_;
  std::size_t n_;
  InlineScratch& s_;
  // A forward search that failed from position p fails from any later one:
  // remembering p keeps hostile paragraphs linear.
  std::array<std::size_t, kMaxTrackedBacktickRun + 1> failed_backticks_;
  std::array<std::size_t, 5> failed_close_;  // '"', '\'', ')', "-->", '>'
  std::size_t link_floor_ = 0;  // link openers below this index are inactive
};

void InlineParser::parse() {
  std::size_t i = 0, run = 0;
  while (i < n_) {
    const char c = text_[i];
    if (!isSpecial(c) || (c == '!' && (i + 1 >= n_ || text_[i + 1] != '['))) {
      ++i;
      continue;
    }
    addText(run, i);
    switch (c) {
      case '\\': i = backslash(i); break;
      case '`': i = codeSpan(i); break;
      case '*': case '_': case '~': i = delimiterRun(i); break;
      case '[': case '!': {
        const bool image = c == '!';
        s_.brackets.push_back({static_cast<std::uint32_t>(s_.pieces.size()), image, true, s_.delimiters.size()});
        addPiece(Kind::text, i, image ? 2 : 1);
        i += image ? 2 : 1;
        break;
      }
      case ']': i = closeBracket(i); break;
      case '<': i = angle(i); break;
      case '&': i = entity(i); break;
      default: i = lineEnd(i); break;
    }
    run = i;
  }
  addText(run, n_);
  processEmphasis(0);
}

std::size_t InlineParser::backslash(std::size_t i) {
  if (i + 1 < n_ && isAsciiPunct(static_cast<unsigned char>(text_[i + 1]))) {
    addText(i + 1, i + 2);
    return i + 2;
  }
  if (i + 1 < n_ && text_[i + 1] == '\n') {
    addPiece(Kind::hard_break, i, 0);
    return i + 2;
  }
  addText(i, i + 1);
  return i + 1;
}

std::size_t InlineParser::codeSpan(std::size_t i) {
  std::size_t j = i;
  while (j < n_ && text_[j] == '`') ++j;
  const std::size_t length = j - i;
  if (length > kMaxTrackedBacktickRun || j >= failed_backticks_[length]) {
    addText(i, j);
    return j;
  }
  for (std::size_t k = j; k < n_;) {
    if (text_[k] != '`') {
      const void* next = std::memchr(text_.data() + k, '`', n_ - k);
      if (next == nullptr) break;
      k = static_cast<const char*>(next) - text_.data();
      continue;
    }
    std::size_t e = k;
    while (e < n_ && text_[e] == '`') ++e;
    if (e - k == length) {
      std::size_t begin = j, end = k;
      // One space is stripped from each side when both have one (and it is not all spaces).
      if (end - begin >= 2 && (text_[begin] == ' ' || text_[begin] == '\n') &&
          (text_[end - 1] == ' ' || text_[end - 1] == '\n') &&
          text_.find_first_not_of(" \n", begin) < end) {
        ++begin;
        --end;
      }
      addText(begin, end);
      return e;
    }
    k = e;
  }
  failed_backticks_[length] = j;
  addText(i, j);  // no closer: the backticks are text
  return j;
}

std::size_t InlineParser::delimiterRun(std::size_t i) {
  const char c = text_[i];
  std::size_t j = i;
  while (j < n_ && text_[j] == c) ++j;
  const std::size_t count = j - i;
  if (c == '~' && count > 2) {
    addText(i, j);
    return j;
  }
  const std::uint32_t before = codePointBefore(i), after = codePointAt(j);
  const bool space_before = isUnicodeSpace(before), space_after = isUnicodeSpace(after);
  const bool punct_before = isPunctuation(before), punct_after = isPunctuation(after);
  const bool left = !space_after && (!punct_after || space_before || punct_before);
  const bool right = !space_before && (!punct_before || space_after || punct_after);
  InlineScratch::Delimiter d{c, static_cast<std::uint32_t>(count), static_cast<std::uint32_t>(count), left, right,
                             s_.tail, -1};
  if (c == '_') {
    d.can_open = left && (!right || punct_before);
    d.can_close = right && (!left || punct_after);
  }
  const auto index = static_cast<std::int32_t>(s_.delimiters.size());
  s_.delimiters.push_back(d);
  if (s_.tail != -1) s_.delimiters[s_.tail].next = index;
  else s_.head = index;
  s_.tail = index;
  addPiece(Kind::delimiter, i, count, index);
  return j;
}

std::size_t InlineParser::closeBracket(std::size_t i) {
  if (s_.brackets.empty()) {
    addText(i, i + 1);
    return i + 1;
  }
  const InlineScratch::Bracket b = s_.brackets.back();
  s_.brackets.pop_back();
  const bool active = b.active && (b.image || s_.brackets.size() >= link_floor_);
  std::size_t end, href_begin, href_length;
  if (!active || !inlineLink(i + 1, &end, &href_begin, &href_length)) {
    addText(i, i + 1);
    return i + 1;
  }
  s_.pieces[b.piece].kind = b.image ? Kind::image_open : Kind::link_open;
  processEmphasis(b.delimiter_bottom);
  addPiece(b.image ? Kind::image_close : Kind::link_close, href_begin, href_length);
  if (!b.image) link_floor_ = s_.brackets.size();  // no links inside links
  return end;
}

std::size_t InlineParser::skipSpaces(std::size_t i) const {
  bool newline = false;
  while (i < n_ && (text_[i] == ' ' || text_[i] == '\t' || (text_[i] == '\n' && !newline))) {
    newline = newline || text_[i] == '\n';
    ++i;
  }
  return i;
}

std::size_t InlineParser::findClosing(std::size_t from, char close, int memo) {
  if (from >= failed_close_[memo]) return kNone;
  for (std::size_t k = from; k < n_;) {
    const void* hit = std::memchr(text_.data() + k, close, n_ - k);
    if (hit == nullptr) break;
    k = static_cast<const char*>(hit) - text_.data();
    if (k > from && text_[k - 1] == '\\') {
      ++k;
      continue;
    }
    return k;
  }
  failed_close_[memo] = from;
  return kNone;
}

bool InlineParser::inlineLink(std::size_t i, std::size_t* end, std::size_t* href_begin, std::size_t* href_length) {
  if (i >= n_ || text_[i] != '(') return false;
  std::size_t p = skipSpaces(i + 1);
  std::size_t dest_begin = p, dest_end = p;
  if (p < n_ && text_[p] == '<') {
    std::size_t q = p + 1;
    while (q < n_ && text_[q] != '>' && text_[q] != '<' && text_[q] != '\n') q += text_[q] == '\\' ? 2 : 1;
    if (q >= n_ || text_[q] != '>') return false;
    dest_begin = p + 1;
    dest_end = q;
    p = q + 1;
  } else {
    int depth = 0;
    std::size_t q = p;
    while (q < n_) {
      const char c = text_[q];
      if (c == '\\' && q + 1 < n_ && isAsciiPunct(static_cast<unsigned char>(text_[q + 1]))) {
        q += 2;
        continue;
      }
      if (c == '(' && ++depth > kMaxDestinationParens) return false;
      if (c == ')' && depth-- == 0) break;
      if (static_cast<unsigned char>(c) <= ' ') break;
      ++q;
    }
    if (depth > 0) return false;
    dest_end = p = q;
  }
  const std::size_t t = skipSpaces(p);
  if (t > p && t < n_ && (text_[t] == '"' || text_[t] == '\'' || text_[t] == '(')) {
    const char close = text_[t] == '(' ? ')' : text_[t];
    const std::size_t q = findClosing(t + 1, close, close == '"' ? 0 : close == '\'' ? 1 : 2);
    if (q == kNone) return false;
    p = skipSpaces(q + 1);
  } else {
    p = t;
  }
  if (p >= n_ || text_[p] != ')') return false;
  *end = p + 1;
  *href_begin = s_.decoded.size();
  appendDecoded(text_.substr(dest_begin, dest_end - dest_begin));
  *href_length = s_.decoded.size() - *href_begin;
  return true;
}

void InlineParser::appendDecoded(std::string_view text) {
  for (std::size_t k = 0; k < text.size();) {
    if (text[k] == '\\' && k + 1 < text.size() && isAsciiPunct(static_cast<unsigned char>(text[k + 1]))) {
      s_.decoded += text[k + 1];
      k += 2;
    } else if (text[k] == '&') {
      k = readCommonMarkReference(text, k, s_.decoded);
    } else {
      s_.decoded += text[k++];
    }
  }
}

std::size_t InlineParser::entity(std::size_t i) {
  const std::size_t begin = s_.decoded.size();
  const std::size_t end = readCommonMarkReference(text_, i, s_.decoded);
  addPiece(Kind::decoded, begin, s_.decoded.size() - begin);
  return end;
}

std::size_t InlineParser::lineEnd(std::size_t i) {
  std::size_t spaces = 0;
  while (spaces < i && text_[i - 1 - spaces] == ' ') ++spaces;
  addPiece(spaces >= 2 ? Kind::hard_break : Kind::soft_break, i, 0);
  return i + 1;
}

// '<': an autolink, inline HTML (dropped; <br> is a break), or a plain '<'. Every
// scan stops at the next '<', so a paragraph of them stays linear.
std::size_t InlineParser::angle(std::size_t i) {
  if (text_.compare(i, 4, "<!--") == 0) {
    const std::size_t from = i + 4;
    if (from < failed_close_[3]) {
      const std::size_t close = text_.find("-->", from);
      if (close != std::string_view::npos) return close + 3;
      failed_close_[3] = from;
    }
    addText(i, i + 1);
    return i + 1;
  }
  std::size_t j = i + 1;
  while (j < n_ && text_[j] != '<' && text_[j] != '>') ++j;
  if (j >= n_ || text_[j] != '>') {
    addText(i, i + 1);
    return i + 1;
  }
  const std::string_view inside = text_.substr(i + 1, j - i - 1);
  const auto scheme_end = inside.find(':');
  const bool has_space = inside.find_first_of(" \t\n") != std::string_view::npos;
  bool uri = !has_space && scheme_end != std::string_view::npos && scheme_end >= 2 && scheme_end <= 32 &&
             ((inside[0] | 0x20) >= 'a' && (inside[0] | 0x20) <= 'z');
  for (std::size_t k = 1; uri && k < scheme_end; ++k) {
    const char c = inside[k];
    uri = isAsciiAlnum(c) || c == '+' || c == '.' || c == '-';
  }
  const auto at = inside.find('@');
  const bool email = !uri && !has_space && at != std::string_view::npos && at > 0 && at + 1 < inside.size() &&
                     inside.find(':') == std::string_view::npos;
  if (uri || email) {
    addPiece(Kind::link_open, i, 0);
    addText(i + 1, j);
    const std::size_t href_begin = s_.decoded.size();
    if (email) s_.decoded += "mailto:";
    s_.decoded.append(inside);
    addPiece(Kind::link_close, href_begin, s_.decoded.size() - href_begin);
    return j + 1;
  }
  const bool closing = inside.size() >= 2 && inside[0] == '/';
  const char first = closing ? inside[1] : (inside.empty() ? ' ' : inside[0]);
  const bool tag = ((first | 0x20) >= 'a' && (first | 0x20) <= 'z') || (!closing && (first == '!' || first == '?'));
  if (!tag) {
    addText(i, i + 1);
    return i + 1;
  }
  std::size_t name_end = closing ? 1 : 0;
  while (name_end < inside.size() && isAsciiAlnum(inside[name_end])) ++name_end;
  const std::string_view name = inside.substr(closing ? 1 : 0, name_end - (closing ? 1 : 0));
  if (!closing && name.size() == 2 && (name[0] | 0x20) == 'b' && (name[1] | 0x20) == 'r') {
    addPiece(Kind::hard_break, i, 0);
  }
  return j + 1;
}

void InlineParser::unlink(std::int32_t d) {
  InlineScratch::Delimiter& x = s_.delimiters[d];
  if (x.prev != -1) s_.delimiters[x.prev].next = x.next;
  else s_.head = x.next;
  if (x.next != -1) s_.delimiters[x.next].prev = x.prev;
  else s_.tail = x.prev;
}

// CommonMark's "process emphasis" over the delimiters from `bottom` on, with its
// openers-bottom bound per (character, can-open, length mod 3); then those
// delimiters leave the list.
void InlineParser::processEmphasis(std::size_t bottom) {
  auto& d = s_.delimiters;
  const auto floor = static_cast<std::int32_t>(bottom) - 1;
  std::int32_t openers_bottom[3][2][3];
  for (auto& a : openers_bottom) for (auto& b : a) for (auto& c : b) c = floor;

  std::int32_t closer = -1;
  for (std::int32_t k = s_.tail; k != -1 && k > floor; k = d[k].prev) closer = k;
  while (closer != -1) {
    InlineScratch::Delimiter& c = d[closer];
    if (!c.can_close || c.remaining == 0) {
      closer = c.next;
      continue;
    }
    const int kind = c.c == '*' ? 0 : c.c == '_' ? 1 : 2;
    std::int32_t& limit = openers_bottom[kind][c.can_open ? 1 : 0][c.count % 3];
    std::int32_t opener = -1;
    for (std::int32_t o = c.prev; o != -1 && o > limit; o = d[o].prev) {
      const InlineScratch::Delimiter& od = d[o];
      if (od.c != c.c || !od.can_open || od.remaining == 0) continue;
      const bool fits = c.c == '~' ? od.count == c.count
                                   : !((od.can_close || c.can_open) && (od.count + c.count) % 3 == 0 &&
                                       !(od.count % 3 == 0 && c.count % 3 == 0));
      if (fits) {
        opener = o;
        break;
      }
    }
    if (opener == -1) {
      limit = c.prev;
      const std::int32_t next = c.next;
      if (!c.can_open) unlink(closer);
      closer = next;
      continue;
    }
    InlineScratch::Delimiter& od = d[opener];
    const std::uint32_t use = c.c == '~' ? c.remaining : (c.remaining >= 2 && od.remaining >= 2 ? 2 : 1);
    od.remaining -= use;
    c.remaining -= use;
    od.next = closer;  // what lay between can no longer match
    c.prev = opener;
    if (od.remaining == 0) unlink(opener);
    if (c.remaining == 0) {
      const std::int32_t next = c.next;
      unlink(closer);
      closer = next;
    }
  }
  while (s_.tail != -1 && s_.tail > floor) unlink(s_.tail);
}

void InlineParser::emit(Output& out, ItemText* capture) {
  ContentWriter& content = out.content();
  int image_depth = 0;
  bool in_link = false;
  auto text = [&](std::string_view t) {
    if (image_depth > 0) {
      s_.alt_text.append(t);
      return;
    }
    content.text(t);
    if (capture != nullptr) capture->append(t);
    if (in_link) s_.link_text.append(t);
  };
  for (const InlineScratch::Piece& p : s_.pieces) {
    switch (p.kind) {
      case Kind::text: text(text_.substr(p.begin, p.length)); break;
      case Kind::decoded: text(std::string_view(s_.decoded).substr(p.begin, p.length)); break;
      case Kind::delimiter: text(text_.substr(p.begin, s_.delimiters[p.delimiter].remaining)); break;
      case Kind::soft_break: text("\n"); break;
      case Kind::hard_break:
        if (image_depth > 0) {
          s_.alt_text.space();
          break;
        }
        content.lineBreak();
        if (capture != nullptr) capture->space();
        if (in_link) s_.link_text.space();
        break;
      case Kind::link_open:
        in_link = image_depth == 0;
        s_.link_text.clear();
        break;
      case Kind::link_close:
        if (image_depth > 0) break;  // a link inside an image's alt text is text only
        out.link(std::string_view(s_.decoded).substr(p.begin, p.length), s_.link_text.text());
        in_link = false;
        break;
      case Kind::image_open:
        if (image_depth++ == 0) s_.alt_text.clear();
        break;
      case Kind::image_close:
        if (--image_depth == 0) out.image(std::string_view(s_.decoded).substr(p.begin, p.length), s_.alt_text.text());
        break;
      case Kind::nothing: break;
    }
  }
}

}  // namespace

void renderInline(std::string_view text, Output& out, ItemText* capture, InlineScratch& scratch) {
  InlineParser parser(text, scratch);
  parser.parse();
  parser.emit(out, capture);
}

}  // namespace tollgate::extraction
