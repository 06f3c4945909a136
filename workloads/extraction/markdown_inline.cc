#include "markdown_inline.h"

#include <array>
#include <cstdio>
#include <cstring>

#include "entities.h"
#include "html_reader.h"
#include "html_tokenizer.h"
#include "utf8.h"

namespace tollgate::extraction::markdown {
namespace {

using Kind = InlineScratch::Kind;
constexpr std::size_t kMaxTrackedBacktickRun = 32;

// Bytes that may start an inline construct. 'w' and ':' may start a GFM
// autolink ("www.", "http://"); every other byte is plain text.
struct SpecialBytes {
  std::array<bool, 256> is{};
  constexpr SpecialBytes() {
    for (const char c : std::string_view("\\`*_~[]!<&\nw:")) is[static_cast<unsigned char>(c)] = true;
  }
};
constexpr SpecialBytes kSpecial;

bool isAsciiSpaceChar(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool isAsciiAlphaChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// cmark-gfm's host characters: neither space nor punctuation.
bool isHostChar(std::string_view text, std::size_t i) {
  std::size_t length;
  const std::uint32_t cp = decodeUtf8(text.data() + i, &length);
  return !isUnicodeSpace(cp) && !isPunctuation(cp);
}

// The end of a GFM domain starting at text[0] (cmark-gfm's check_domain): 0
// when an underscore sits in its last two labels or, unless `allow_short`, it
// has no dot.
std::size_t checkDomain(std::string_view text, bool allow_short) {
  std::size_t i = 1, dots = 0, underscores_last = 0, underscores_before = 0;
  for (; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if (c == '_') {
      ++underscores_last;
    } else if (c == '.') {
      underscores_before = underscores_last;
      underscores_last = 0;
      ++dots;
    } else if (c != '-' && !isHostChar(text, i)) {
      break;
    }
  }
  if (underscores_before > 0 || underscores_last > 0) return 0;
  return allow_short || dots > 0 ? i : 0;
}

class InlineParser {
 public:
  InlineParser(std::string_view text, References& refs, InlineScratch& scratch)
      : text_(text), n_(text.size()), refs_(refs), s_(scratch) {
    failed_backticks_.fill(kNotFound);
    s_.pieces.clear();
    s_.delimiters.clear();
    s_.brackets.clear();
    s_.decoded.clear();
    s_.memo.clear();
    s_.head = s_.tail = -1;
  }

  void parse();
  bool unresolved() const { return unresolved_; }
  void emit(HtmlReader& html, HtmlTokenizer& raw);

 private:
  void addPiece(Kind kind, std::size_t begin, std::size_t length, std::int32_t delimiter = -1) {
    s_.pieces.push_back({kind, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(length), delimiter});
  }
  void addText(std::size_t begin, std::size_t end) {
    if (end > begin) addPiece(Kind::text, begin, end - begin);
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
  // An href (escapes and references resolved, then escaped as cmark does) in `decoded`.
  void addHref(std::string_view destination, std::uint32_t* begin, std::uint32_t* length, bool resolve = true);

  std::size_t backslash(std::size_t i);
  std::size_t codeSpan(std::size_t i);
  std::size_t delimiterRun(std::size_t i);
  std::size_t closeBracket(std::size_t i);
  std::size_t angle(std::size_t i);
  std::size_t entity(std::size_t i);
  std::size_t lineEnd(std::size_t i, std::size_t* run);
  bool inlineLink(std::size_t after, std::size_t* end, std::size_t* dest_begin, std::size_t* dest_end);
  std::size_t wwwAutolink(std::size_t i);
  std::size_t urlAutolink(std::size_t i, std::size_t run, std::size_t* rewind);
  void autolink(std::size_t begin, std::size_t end, std::string_view prefix);
  void popBracket();
  void processEmphasis(std::size_t bottom);
  void unlink(std::int32_t d);
  void emitText(std::string_view text, HtmlReader& html, bool in_link);

  std::string_view text_;
  std::size_t n_;
  References& refs_;
  InlineScratch& s_;
  // A code span opener of n backticks that found no closer from position p
  // finds none from any later one: remembering p keeps hostile text linear.
  std::array<std::size_t, kMaxTrackedBacktickRun + 1> failed_backticks_;
  std::size_t link_floor_ = 0;  // link openers below this stack index are inactive
  bool unresolved_ = false;
};

void InlineParser::parse() {
  std::size_t i = 0, run = 0;
  while (i < n_) {
    const char c = text_[i];
    if (!kSpecial.is[static_cast<unsigned char>(c)]) {
      ++i;
      continue;
    }
    if (c == 'w' || c == ':') {  // GFM autolinks, never inside link text
      std::size_t rewind = 0;
      const std::size_t end = !s_.brackets.empty() ? 0 : c == 'w' ? wwwAutolink(i) : urlAutolink(i, run, &rewind);
      if (end == 0) {
        ++i;
        continue;
      }
      addText(run, i - rewind);
      autolink(i - rewind, end, c == 'w' ? "http://" : "");
      i = run = end;
      continue;
    }
    if (c == '!' && (i + 1 >= n_ || text_[i + 1] != '[')) {
      ++i;
      continue;
    }
    if (c == '\n') {
      i = lineEnd(i, &run);
      continue;
    }
    addText(run, i);
    switch (c) {
      case '\\': i = backslash(i); break;
      case '`': i = codeSpan(i); break;
      case '*': case '_': case '~': i = delimiterRun(i); break;
      case '[': case '!': {
        const bool image = c == '!';
        if (!s_.brackets.empty()) s_.brackets.back().bracket_after = true;
        const std::size_t after = i + (image ? 2 : 1);
        s_.brackets.push_back({static_cast<std::uint32_t>(s_.pieces.size()), static_cast<std::uint32_t>(after), image,
                               true, false, s_.delimiters.size()});
        addPiece(Kind::text, i, after - i);
        i = after;
        break;
      }
      case ']': i = closeBracket(i); break;
      case '<': i = angle(i); break;
      default: i = entity(i); break;  // '&'
    }
    run = i;
  }
  addText(run, n_);
  processEmphasis(0);
}

void InlineParser::addHref(std::string_view destination, std::uint32_t* begin, std::uint32_t* length, bool resolve) {
  std::string& unescaped = s_.label;  // free between lookups
  unescaped.clear();
  if (resolve) unescape(destination, unescaped);
  else unescaped.assign(destination);
  *begin = static_cast<std::uint32_t>(s_.decoded.size());
  appendHref(unescaped, s_.decoded);
  *length = static_cast<std::uint32_t>(s_.decoded.size() - *begin);
}

std::size_t InlineParser::backslash(std::size_t i) {
  if (i + 1 < n_ && isAsciiPunctuation(static_cast<unsigned char>(text_[i + 1]))) {
    addText(i + 1, i + 2);
    return i + 2;
  }
  if (i + 1 < n_ && text_[i + 1] == '\n') {
    addPiece(Kind::hard_break, i, 0);
    std::size_t j = i + 2;
    while (j < n_ && (text_[j] == ' ' || text_[j] == '\t')) ++j;  // the next line's indentation
    return j;
  }
  addText(i, i + 1);
  return i + 1;
}

std::size_t InlineParser::codeSpan(std::size_t i) {
  std::size_t j = i;
  while (j < n_ && text_[j] == '`') ++j;
  const std::size_t length = j - i;
  if (length > kMaxTrackedBacktickRun || (failed_backticks_[length] != kNotFound && j >= failed_backticks_[length])) {
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
    if (e - k != length) {
      k = e;
      continue;
    }
    std::size_t begin = j, end = k;
    // One space is stripped from each side when both have one (and it is not all spaces).
    if (end - begin >= 2 && (text_[begin] == ' ' || text_[begin] == '\n') &&
        (text_[end - 1] == ' ' || text_[end - 1] == '\n') && text_.find_first_not_of(" \n", begin) < end) {
      ++begin;
      --end;
    }
    const std::string_view code = text_.substr(begin, end - begin);
    if (code.find('\n') == std::string_view::npos) {
      addText(begin, end);
    } else {  // line endings become spaces
      const std::size_t at = s_.decoded.size();
      for (const char ch : code) s_.decoded += ch == '\n' ? ' ' : ch;
      addPiece(Kind::decoded, at, code.size());
    }
    return e;
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
  if (c == '~' && count > 2) {  // GFM: one or two tildes strike through, more are text
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

void InlineParser::popBracket() {
  s_.brackets.pop_back();
  if (link_floor_ > s_.brackets.size()) link_floor_ = s_.brackets.size();  // later openers start active
}

bool InlineParser::inlineLink(std::size_t after, std::size_t* end, std::size_t* dest_begin, std::size_t* dest_end) {
  if (after >= n_ || text_[after] != '(') return false;
  const std::size_t p = skipSpacesAndOneNewline(text_, after + 1);
  const std::size_t q = scanLinkDestination(text_, p, true, dest_begin, dest_end);
  if (q == kNotFound) return false;
  const std::size_t t = skipSpacesAndOneNewline(text_, q);
  std::size_t e = t;
  if (t > q && t < n_) {  // a title must be separated from the destination
    const std::size_t title_end = scanLinkTitle(text_, t);
    if (title_end != kNotFound) e = skipSpacesAndOneNewline(text_, title_end);
  }
  if (e >= n_ || text_[e] != ')') return false;
  *end = e + 1;
  return true;
}

std::size_t InlineParser::closeBracket(std::size_t i) {
  if (s_.brackets.empty()) {
    addText(i, i + 1);
    return i + 1;
  }
  const InlineScratch::Bracket b = s_.brackets.back();
  if (!b.active || (!b.image && s_.brackets.size() - 1 < link_floor_)) {
    popBracket();
    addText(i, i + 1);
    return i + 1;
  }
  std::uint32_t href_begin = 0, href_length = 0;
  std::size_t end = i + 1, dest_begin, dest_end;
  bool matched = inlineLink(i + 1, &end, &dest_begin, &dest_end);
  if (matched) addHref(text_.substr(dest_begin, dest_end - dest_begin), &href_begin, &href_length);

  const std::string_view content = text_.substr(b.position, i - b.position);
  if (!matched) {  // a full, collapsed or shortcut reference
    const std::size_t label_end = scanLinkLabel(text_, i + 1);
    std::string_view raw;
    bool have = false;
    if (label_end != kNotFound && label_end - (i + 1) > 2) {
      raw = text_.substr(i + 2, label_end - i - 3);
      have = true;
      end = label_end;
    } else if (!b.bracket_after) {
      raw = content;
      have = raw.size() <= kMaxLabelBytes;
      end = label_end != kNotFound ? label_end : i + 1;  // "[]" belongs to a collapsed reference
    }
    if (have) {
      s_.label.clear();
      normalizeLabel(raw, s_.label);
      std::string_view href;
      const References::Answer answer = s_.label.empty() ? References::Answer::undefined : refs_.link(s_.label, &href);
      if (answer == References::Answer::defined) {
        matched = true;
        href_begin = static_cast<std::uint32_t>(s_.decoded.size());
        s_.decoded.append(href);
        href_length = static_cast<std::uint32_t>(href.size());
      } else if (answer == References::Answer::unknown) {
        unresolved_ = true;
      }
    }
  }
  if (!matched && !b.bracket_after && content.size() > 1 && content[0] == '^' &&
      content.size() <= kMaxLabelBytes) {  // a GFM footnote reference
    s_.label.clear();
    normalizeLabel(content.substr(1), s_.label);
    std::uint32_t number = 0;
    const References::Answer answer = refs_.footnote(s_.label, &number);
    if (answer == References::Answer::defined) {
      processEmphasis(b.delimiter_bottom);
      s_.pieces.resize(b.piece);  // the label is not shown: its number is
      if (b.image) addText(b.position - 2, b.position - 1);  // "![^1]": the '!' stays text
      addPiece(Kind::footnote_ref, 0, 0, static_cast<std::int32_t>(number));
      popBracket();
      return i + 1;
    }
    if (answer == References::Answer::unknown) unresolved_ = true;
  }
  if (!matched) {
    popBracket();
    addText(i, i + 1);
    return i + 1;
  }
  InlineScratch::Piece& open = s_.pieces[b.piece];
  open = {b.image ? Kind::image_open : Kind::link_open, href_begin, href_length, -1};
  processEmphasis(b.delimiter_bottom);
  addPiece(b.image ? Kind::image_close : Kind::link_close, 0, 0);
  popBracket();
  if (!b.image) link_floor_ = s_.brackets.size();  // no links inside links
  return end;
}

// '<': an autolink, raw HTML, or a plain '<'.
std::size_t InlineParser::angle(std::size_t i) {
  if (const std::size_t length = scanUriAutolink(text_, i)) {
    autolink(i + 1, i + length - 1, "");
    return i + length;
  }
  if (const std::size_t length = scanEmailAutolink(text_, i)) {
    autolink(i + 1, i + length - 1, "mailto:");
    return i + length;
  }
  if (const std::size_t length = scanRawHtml(text_, i, s_.memo)) {
    addPiece(Kind::raw_html, i, length);
    return i + length;
  }
  addText(i, i + 1);
  return i + 1;
}

void InlineParser::autolink(std::size_t begin, std::size_t end, std::string_view prefix) {
  std::uint32_t href_begin, href_length;
  std::string& href = s_.alt;  // free until emit
  href.assign(prefix);
  href.append(text_.substr(begin, end - begin));
  addHref(href, &href_begin, &href_length, false);
  addPiece(Kind::link_open, href_begin, href_length);
  addText(begin, end);
  addPiece(Kind::link_close, 0, 0);
}

std::size_t InlineParser::wwwAutolink(std::size_t i) {
  if (i > 0 && std::strchr("*_~(", text_[i - 1]) == nullptr && !isAsciiSpaceChar(text_[i - 1])) return 0;
  if (text_.compare(i, 4, "www.") != 0) return 0;
  const std::string_view rest = text_.substr(i);
  std::size_t end = checkDomain(rest, false);
  if (end == 0) return 0;
  while (end < rest.size() && !isAsciiSpaceChar(rest[end])) ++end;
  end = trimAutolinkEnd(rest.substr(0, end));
  return end == 0 ? 0 : i + end;
}

std::size_t InlineParser::urlAutolink(std::size_t i, std::size_t run, std::size_t* rewind) {
  if (n_ - i < 4 || text_[i + 1] != '/' || text_[i + 2] != '/') return 0;
  std::size_t back = 0;
  while (i - back > run && isAsciiAlphaChar(text_[i - back - 1])) ++back;
  const std::string_view scheme = text_.substr(i - back, back);
  bool safe = false;
  for (const char* known : {"http", "https", "ftp"}) {
    if (scheme.size() != std::strlen(known)) continue;
    bool same = true;
    for (std::size_t k = 0; k < scheme.size(); ++k) same = same && (scheme[k] | 0x20) == known[k];
    safe = safe || same;
  }
  if (!safe || i + 3 >= n_ || !isHostChar(text_, i + 3)) return 0;
  const std::string_view rest = text_.substr(i);
  const std::size_t domain = checkDomain(rest.substr(3), true);
  if (domain == 0) return 0;
  std::size_t end = 3 + domain;
  while (end < rest.size() && !isAsciiSpaceChar(rest[end])) ++end;
  const std::string_view link = text_.substr(i - back, back + end);
  const std::size_t kept = trimAutolinkEnd(link);
  if (kept <= back) return 0;
  *rewind = back;
  return i - back + kept;
}

std::size_t InlineParser::entity(std::size_t i) {
  const std::size_t begin = s_.decoded.size();
  const std::size_t end = readCommonMarkReference(text_, i, s_.decoded);
  addPiece(Kind::decoded, begin, s_.decoded.size() - begin);
  return end;
}

// A line ending: a hard break after two or more spaces in the source (cmark
// looks at the source too), a soft one otherwise; the spaces around it are not text.
std::size_t InlineParser::lineEnd(std::size_t i, std::size_t* run) {
  std::size_t spaces = 0;
  while (i - spaces > *run && text_[i - 1 - spaces] == ' ') ++spaces;
  addText(*run, i - spaces);
  const bool hard = i >= 2 && text_[i - 1] == ' ' && text_[i - 2] == ' ';
  addPiece(hard ? Kind::hard_break : Kind::soft_break, i, 0);
  std::size_t j = i + 1;
  while (j < n_ && (text_[j] == ' ' || text_[j] == '\t')) ++j;
  *run = j;
  return j;
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

// Text outside links, where GFM finds bare e-mail addresses (cmark-gfm's
// postprocessing of text nodes).
void InlineParser::emitText(std::string_view text, HtmlReader& html, bool in_link) {
  if (in_link || text.find('@') == std::string_view::npos) {
    html.text(text);
    return;
  }
  std::size_t done = 0, offset = 0;
  for (;;) {
    const std::size_t at = text.find('@', offset);
    if (at == std::string_view::npos) break;
    std::size_t rewind = 0;
    bool slash = false;
    while (at - rewind > offset) {
      const char c = text[at - rewind - 1];
      if (isAsciiAlnum(c) || std::strchr(".+-_", c) != nullptr) {
        ++rewind;
        continue;
      }
      slash = c == '/';
      break;
    }
    std::size_t end = at, ats = 0, dots = 0;
    for (; end < text.size(); ++end) {
      const char c = text[end];
      if (isAsciiAlnum(c)) continue;
      if (c == '@') ++ats;
      else if (c == '.' && end + 1 < text.size() && isAsciiAlnum(text[end + 1])) ++dots;
      else if (c != '-' && c != '_') break;
    }
    const std::size_t length = end - at;
    const char last = text[end - 1];
    if (rewind == 0 || slash || length < 2 || ats != 1 || dots == 0 || !(isAsciiAlphaChar(last) || last == '.')) {
      offset = at + 1;
      continue;
    }
    const std::size_t kept = trimAutolinkEnd(text.substr(at, length));
    if (kept == 0) {
      offset = at + 1;
      continue;
    }
    const std::size_t begin = at - rewind;
    if (begin > done) html.text(text.substr(done, begin - done));
    std::string& href = s_.alt;
    href.assign("mailto:");
    href.append(text.substr(begin, at + kept - begin));
    std::string& escaped = s_.label;
    escaped.clear();
    appendHref(href, escaped);
    html.startLink(escaped);
    html.text(text.substr(begin, at + kept - begin));
    html.end(TagId::a);
    done = offset = at + kept;
  }
  if (done < text.size()) html.text(text.substr(done));
}

void InlineParser::emit(HtmlReader& html, HtmlTokenizer& raw) {
  int image_depth = 0, link_depth = 0;
  std::uint32_t src_begin = 0, src_length = 0;
  std::string& alt = s_.alt;
  // Adjacent pieces of text are one text for the e-mail autolinks (as
  // cmark-gfm consolidates text nodes); a single piece is not copied.
  std::string& pending = s_.pending;
  std::string_view single;
  bool have_single = false;
  const auto flush = [&] {
    if (have_single) emitText(single, html, link_depth > 0);
    else if (!pending.empty()) emitText(pending, html, link_depth > 0);
    pending.clear();
    have_single = false;
  };
  const auto text = [&](std::string_view t) {
    if (image_depth > 0) {
      alt.append(t);
    } else if (!have_single && pending.empty()) {
      single = t;
      have_single = true;
    } else {
      if (have_single) pending.assign(single);
      have_single = false;
      pending.append(t);
    }
  };
  for (const InlineScratch::Piece& p : s_.pieces) {
    const bool is_text = p.kind == Kind::text || p.kind == Kind::decoded || p.kind == Kind::delimiter;
    if (!is_text && image_depth == 0) flush();
    switch (p.kind) {
      case Kind::text: text(text_.substr(p.begin, p.length)); break;
      case Kind::decoded: text(std::string_view(s_.decoded).substr(p.begin, p.length)); break;
      case Kind::delimiter: text(text_.substr(p.begin, s_.delimiters[p.delimiter].remaining)); break;
      case Kind::soft_break:
        if (image_depth > 0) alt += ' ';
        else html.text("\n");
        break;
      case Kind::hard_break:
        if (image_depth > 0) alt += ' ';
        else html.start(TagId::br);
        break;
      case Kind::link_open:
        if (image_depth > 0) break;  // a link inside an image's description is text only
        html.startLink(std::string_view(s_.decoded).substr(p.begin, p.length));
        ++link_depth;
        break;
      case Kind::link_close:
        if (image_depth > 0) break;
        html.end(TagId::a);
        --link_depth;
        break;
      case Kind::image_open:
        if (image_depth++ > 0) break;
        alt.clear();
        src_begin = p.begin;
        src_length = p.length;
        break;
      case Kind::image_close:
        if (--image_depth == 0) html.image(std::string_view(s_.decoded).substr(src_begin, src_length), alt);
        break;
      case Kind::raw_html:
        if (image_depth > 0) alt.append(text_.substr(p.begin, p.length));
        else raw.feed(text_.substr(p.begin, p.length));
        break;
      case Kind::footnote_ref: {
        char digits[12];
        const int length = std::snprintf(digits, sizeof digits, "%d", p.delimiter);
        const std::string_view number(digits, static_cast<std::size_t>(length));
        if (image_depth > 0) {
          alt.append(number);
          break;
        }
        std::string& href = s_.label;
        href.assign("#fn");
        href.append(number);
        html.startLink(href);
        html.text(number);
        html.end(TagId::a);
        break;
      }
    }
  }
  flush();
}

}  // namespace

std::size_t trimAutolinkEnd(std::string_view link) {
  std::size_t end = link.size();
  const std::size_t angle = link.find('<');
  if (angle != std::string_view::npos) end = angle;
  while (end > 0) {
    const char last = link[end - 1];
    if (std::strchr("?!.,:*_~'\"", last) != nullptr) {
      --end;
    } else if (last == ';') {  // "&hellip;" at the end is not part of the link
      std::size_t k = end - 1;
      while (k > 0 && isAsciiAlphaChar(link[k - 1])) --k;
      end = k > 0 && k < end - 1 && link[k - 1] == '&' ? k - 1 : end - 1;
    } else if (last == ')') {
      std::size_t opening = 0, closing = 0;
      for (std::size_t k = 0; k < end; ++k) {
        opening += link[k] == '(';
        closing += link[k] == ')';
      }
      if (closing <= opening) break;
      --end;
    } else {
      break;
    }
  }
  return end;
}

bool renderInline(std::string_view text, TagId wrapper, References& refs, HtmlReader& html, HtmlTokenizer& raw,
                  InlineScratch& scratch) {
  InlineParser parser(text, refs, scratch);
  parser.parse();
  if (parser.unresolved()) return false;
  if (wrapper != TagId::other) html.start(wrapper);
  parser.emit(html, raw);
  if (wrapper != TagId::other) html.end(wrapper);
  return true;
}

}  // namespace tollgate::extraction::markdown
