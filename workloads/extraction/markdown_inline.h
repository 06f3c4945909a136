#pragma once
// Markdown inline syntax (CommonMark with GFM's strikethrough, autolinks and
// footnote references), read into the elements it stands for and handed to an
// HtmlReader, as its rendered HTML would be: emphasis markers dropped by the
// delimiter-run rules (with the linear openers-bottom bound), code spans kept
// verbatim, links and images (inline, full, collapsed and shortcut references)
// as <a> and <img>, autolinks, raw HTML through a tokenizer, character
// references and backslash escapes decoded, hard and soft line breaks.
//
// A reference whose label is not defined yet may be defined further down the
// document: parsing then reports the text unresolved and renders nothing, and
// the caller holds it until it knows (markdown_render.h).
//
// Every search forward stops where the construct cannot go on, or remembers
// where it failed (RawHtmlMemo), so a hostile paragraph costs linear time.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html_tags.h"
#include "markdown_syntax.h"

namespace tollgate::extraction {

class HtmlReader;
class HtmlTokenizer;

namespace markdown {

// What the document defines, as far as it has been read.
class References {
 public:
  enum class Answer : std::uint8_t { defined, undefined, unknown };
  virtual ~References() = default;
  // A link reference definition's href (already escaped as an href) for a
  // normalized label.
  virtual Answer link(std::string_view label, std::string_view* href) = 0;
  // A footnote's number (given at its first reference) for a normalized label.
  virtual Answer footnote(std::string_view label, std::uint32_t* number) = 0;
};

// Buffers reused from paragraph to paragraph (the pooled adapter allocates nothing).
struct InlineScratch {
  enum class Kind : std::uint8_t {
    text, decoded, delimiter, soft_break, hard_break, link_open, link_close, image_open, image_close, raw_html,
    footnote_ref,
  };
  struct Piece {
    Kind kind;
    std::uint32_t begin, length;  // into the source (text, raw_html) or `decoded` (decoded, link/image hrefs)
    std::int32_t delimiter;       // delimiter: its index; footnote_ref: its number
  };
  struct Delimiter {
    char c;
    std::uint32_t count, remaining;
    bool can_open, can_close;
    std::int32_t prev, next;
  };
  struct Bracket {
    std::uint32_t piece;
    std::uint32_t position;  // just after the '[' in the source
    bool image, active, bracket_after;
    std::size_t delimiter_bottom;
  };
  std::vector<Piece> pieces;
  std::vector<Delimiter> delimiters;
  std::vector<Bracket> brackets;
  std::string decoded, label, alt, pending;
  RawHtmlMemo memo;
  std::int32_t head = -1, tail = -1;  // the live delimiters, as a list
};

// Parses `text` (a paragraph, a heading's text, a table cell) and renders it
// into `html` inside `wrapper` (TagId::other: none), its raw HTML through
// `raw`. False when a reference in it is still unknown: nothing was rendered.
bool renderInline(std::string_view text, TagId wrapper, References& refs, HtmlReader& html, HtmlTokenizer& raw,
                  InlineScratch& scratch);

// GFM's extended autolinks end before trailing punctuation, an unbalanced ')'
// and an entity-like "&name;": the length of `link` that stays a link.
std::size_t trimAutolinkEnd(std::string_view link);

}  // namespace markdown
}  // namespace tollgate::extraction
