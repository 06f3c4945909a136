#pragma once
// CommonMark's small grammars, shared by the block and inline parsers: link
// labels, destinations and titles, raw HTML tags, the starts and ends of HTML
// blocks, and what becomes of a label (matching) or a destination (the href)
// after parsing. Pure functions over a string and a position.
//
// Linear time: every scan that can run to the end of the text stops at a
// character the construct cannot contain, or takes a RawHtmlMemo that
// remembers where the same search already failed.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tollgate::extraction::markdown {

inline constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);
// CommonMark: a link label has at most 999 characters between its brackets.
inline constexpr std::size_t kMaxLabelBytes = 999;
// Nesting of unescaped parentheses inside a link destination (cmark's limit).
inline constexpr int kMaxDestinationParens = 32;

bool isAsciiPunctuation(unsigned char c);
// Unicode punctuation and symbols (P and S categories) as flanking rules see them.
bool isPunctuation(std::uint32_t code_point);

// "[label]" at text[pos]: the position after ']' or kNotFound. The label holds
// no unescaped bracket and at most kMaxLabelBytes bytes; it may be blank
// (a collapsed reference "[]"): the caller decides.
std::size_t scanLinkLabel(std::string_view text, std::size_t pos);

// A link destination at text[pos], "<...>" or a run with balanced parentheses.
// Sets [begin, end) to its characters (escapes not yet removed) and returns the
// position after it, or kNotFound. An empty plain destination is allowed only
// when `allow_empty` (an inline link's "()").
std::size_t scanLinkDestination(std::string_view text, std::size_t pos, bool allow_empty, std::size_t* begin,
                                std::size_t* end);

// A link title at text[pos] ("...", '...' or (...)): the position after it, or kNotFound.
std::size_t scanLinkTitle(std::string_view text, std::size_t pos);

// Spaces and tabs with at most one line ending among them.
std::size_t skipSpacesAndOneNewline(std::string_view text, std::size_t pos);

// Where searches for a raw HTML construct's end already failed: from any later
// start they fail too, so each is made once per paragraph.
struct RawHtmlMemo {
  std::size_t comment = kNotFound, processing = kNotFound, declaration = kNotFound, cdata = kNotFound;
  std::size_t quote_double = kNotFound, quote_single = kNotFound;
  void clear() { *this = RawHtmlMemo{}; }
};

// Inline raw HTML at text[pos] ('<'): an open or closing tag, a comment, a
// processing instruction, a declaration or CDATA. Its length, or 0.
std::size_t scanRawHtml(std::string_view text, std::size_t pos, RawHtmlMemo& memo);
// An open tag (with attributes) or a closing tag alone: its length, or 0 (HTML block type 7).
std::size_t scanHtmlTag(std::string_view text, std::size_t pos);

// <scheme:...> and <user@host> autolinks at text[pos] ('<'): the length, or 0.
std::size_t scanUriAutolink(std::string_view text, std::size_t pos);
std::size_t scanEmailAutolink(std::string_view text, std::size_t pos);

// The HTML block a line starts (its text from the first non-space), 1-7, or 0.
// Type 7 cannot interrupt a paragraph: `after_paragraph` excludes it.
int htmlBlockStart(std::string_view line, bool after_paragraph);
// Whether a line ends an HTML block of type 1-5 (types 6 and 7 end at a blank line).
bool htmlBlockEnds(int type, std::string_view line);

// A label as definitions and references are matched: Unicode case folded (the
// common scripts), inner whitespace collapsed to one space, trimmed. Appended to `out`.
void normalizeLabel(std::string_view label, std::string& out);

// Backslash escapes and character references resolved (a destination, a code
// block's info string): appended to `out`.
void unescape(std::string_view text, std::string& out);

// A destination as the href of the rendered HTML (cmark's escaping): bytes
// outside the URL-safe ASCII set percent-encoded, '%' kept. Appended to `out`.
void appendHref(std::string_view destination, std::string& out);

}  // namespace tollgate::extraction::markdown
