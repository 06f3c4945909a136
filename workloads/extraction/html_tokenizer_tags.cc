// The tokenizer's fast path for tags (html_tokenizer.h). Most of a real page's
// bytes are markup (60% of the site corpus: class lists, data attributes,
// inline SVG), and the state machine spends a trip through feed()'s switch on
// every attribute boundary. A tag that ends within the span being fed is read
// here in one loop over local pointers instead, with the same rules as the
// states it stands for (tag name, before/after attribute name, attribute
// value, self-closing start tag); every other case (the span ends inside the
// tag, a kept attribute value holds a character reference) returns nullptr
// before anything reached the sink, and the states read the tag from its '<'
// again. So the result never depends on which path read a tag, nor on where a
// stream was split; a failed try costs one extra scan of a tag that was cut
// off (linear: the states then consume at least as much).

#include <algorithm>

#include "extraction_limits.h"
#include "html_tokenizer.h"
#include "scan.h"
#include "utf8.h"

namespace tollgate::extraction {
namespace {

bool isAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char toLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
// What ends a tag or attribute name: ASCII whitespace, '/', '>' (and '=' for
// an attribute after its first character).
bool endsTagName(char c) { return isAsciiSpace(c) || c == '/' || c == '>'; }

const char* skipSpace(const char* p, const char* end) {
  while (p < end && isAsciiSpace(*p)) ++p;
  return p;
}

}  // namespace

const char* HtmlTokenizer::wholeTag(const char* p, const char* end) {
  // p is just past the '<', in the data state.
  const bool end_tag = p < end && *p == '/';
  if (end_tag) ++p;
  if (p == end || !isAsciiAlpha(*p)) return nullptr;  // "<!--", "<?", "</>", "a < b": the states
  const char* name = p;
  while (p < end && !endsTagName(*p)) ++p;
  if (p == end) return nullptr;
  beginTag(end_tag);
  tag_.setName(name, p - name);
  endTagName();
  for (;;) {
    // Before an attribute name (after a value, after the tag name and after a
    // '/' that does not close the tag read the same).
    p = skipSpace(p, end);
    if (p == end) return nullptr;
    if (*p == '>') break;
    if (*p == '/') {
      if (++p == end) return nullptr;
      if (*p == '>') {
        tag_.self_closing = true;
        break;
      }
      continue;
    }
    // An attribute name: its first character may be '=' ("<p =x>").
    const char* attribute = p++;
    while (p < end && !endsTagName(*p) && *p != '=') ++p;
    if (p == end) return nullptr;
    beginAttribute();
    if (attribute_kept_) {
      std::string& kept = tag_.attributes_[tag_.attribute_count_ - 1].name;
      kept.assign(attribute, std::min<std::size_t>(p - attribute, kMaxNameBytes));
      for (char& c : kept) c = toLower(c);
    }
    endAttributeName();
    p = skipSpace(p, end);
    if (p == end) return nullptr;
    if (*p != '=') continue;  // a valueless attribute; '/', '>' or the next name follow
    p = skipSpace(p + 1, end);
    if (p == end) return nullptr;
    const char quote = *p;
    const char* value;
    if (quote == '"' || quote == '\'') {
      value = ++p;
      p = scan::find(p, end, quote, quote, quote);  // inline: wasm's memchr is byte-serial
      if (p == end) return nullptr;
    } else if (quote == '>') {
      break;  // "<a href=>": an empty value
    } else {
      value = p;
      while (p < end && !isAsciiSpace(*p) && *p != '>') ++p;
      if (p == end) return nullptr;
    }
    if (attribute_kept_) {
      // References in a kept value are decoded by the states.
      if (scan::find(value, p, '&', '&', '&') != p) return nullptr;
      appendToValue(std::string_view(value, p - value));
    }
    if (*p != '>') ++p;  // past the closing quote (or the space after an unquoted value)
  }
  emitTag();
  return p + 1;
}

}  // namespace tollgate::extraction
