#pragma once
// The HTML elements the extractor treats specially, by id; every other name is
// TagId::other. Names are lower-cased by the tokenizer before lookup.

#include <cstdint>
#include <string_view>

namespace tollgate::extraction {

enum class TagId : std::uint8_t {
  other,
  // document and head
  html, head, body, title, meta, base, link, style, script, noscript, template_, iframe, noembed, noframes,
  xmp, textarea, plaintext, basefont, bgsound,
  // blocks
  p, div, h1, h2, h3, h4, h5, h6, pre, listing, blockquote, ul, ol, li, dl, dt, dd, hr, address, article,
  aside, footer, header, hgroup, main, nav, section, figure, figcaption, details, summary, dialog, form,
  fieldset, legend, center, menu, search, option, optgroup,
  // tables
  table, caption, thead, tbody, tfoot, tr, td, th, colgroup, col,
  // inline with meaning
  a, br, img, wbr,
};

TagId tagId(std::string_view lower_case_name);
// The same for a name of 1 to 8 bytes packed into a word, its first byte
// lowest and zeros after its end (what the tokenizer has at hand).
TagId tagIdPacked(std::uint64_t key);

// How the tokenizer reads what follows a start tag.
enum class TextMode : std::uint8_t { data, rcdata, rawtext, plaintext };
TextMode textModeAfter(TagId id);

// Line breaks a start or end tag owes the content: 0, 1 (a line) or 2 (a paragraph).
int blockBreak(TagId id);

// Elements that may appear in a document's head without ending it.
bool isHeadElement(TagId id);

// For tests: every listed name looks up to its own id.
bool tagTableIsConsistent();

inline int headingLevel(TagId id) {
  return id >= TagId::h1 && id <= TagId::h6 ? static_cast<int>(id) - static_cast<int>(TagId::h1) + 1 : 0;
}

}  // namespace tollgate::extraction
