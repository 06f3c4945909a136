#pragma once
// Markdown inline syntax rendered as plain text: emphasis and strikethrough
// markers dropped (CommonMark's delimiter-run rules, with its linear
// openers-bottom bound), code spans kept verbatim, inline links and images
// (recorded; an image shows no text, as in HTML), autolinks, inline HTML dropped
// (<br> is a break), character references and backslash escapes decoded, hard
// line breaks. Reference-style links are not resolved (that needs the whole
// document before the first chunk): their text stays as written.
//
// Every search forward (code span closers, comment ends) remembers where it
// failed, so a hostile paragraph costs linear time.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content_writer.h"
#include "output.h"

namespace tollgate::extraction {

// Buffers reused from block to block (the pooled adapter allocates nothing).
struct InlineScratch {
  enum class Kind : std::uint8_t {
    text, decoded, delimiter, soft_break, hard_break, link_open, link_close, image_open, image_close, nothing
  };
  struct Piece {
    Kind kind;
    std::uint32_t begin, length;  // into the source (text) or `decoded` (decoded, link_close's href)
    std::int32_t delimiter;
  };
  struct Delimiter {
    char c;
    std::uint32_t count, remaining;
    bool can_open, can_close;
    std::int32_t prev, next;
  };
  struct Bracket {
    std::uint32_t piece;
    bool image, active;
    std::size_t delimiter_bottom;
  };
  std::vector<Piece> pieces;
  std::vector<Delimiter> delimiters;
  std::vector<Bracket> brackets;
  std::string decoded;
  ItemText link_text, alt_text, capture;
  std::int32_t head = -1, tail = -1;  // the live delimiters, as a list
};

// Renders `text` (a paragraph, a heading's text, a cell) into the content and
// records its links and images. With `capture`, the same plain text is also
// collected there (a heading's text, a cell's).
void renderInline(std::string_view text, Output& out, ItemText* capture, InlineScratch& scratch);

}  // namespace tollgate::extraction
