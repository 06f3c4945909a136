#pragma once
// Every bound the extraction kernel enforces, in one place. Limits replace
// recursion and unbounded buffers: a hostile document gets a result or an
// InputError, never a stack overflow or an allocation it chose the size of.

#include <cstddef>

namespace tollgate::extraction {

// Largest document the whole-document adapters accept (the output of one can be
// about three times its input: invalid bytes become 3-byte U+FFFD). The streaming
// adapter has no such limit: it holds one chunk at a time.
inline constexpr std::size_t kMaxDocumentBytes = std::size_t{256} << 20;

// Every recorded string (title, heading, link text and href, image src and alt,
// table cell) is cut to this many bytes, at a character boundary. The content
// keeps all the text; the records are a structured view of it.
inline constexpr std::size_t kMaxItemBytes = 4096;

// HTML: tables nested deeper than this are read as plain flow (their text still
// reaches the content); rows keep at most this many cells.
inline constexpr std::size_t kMaxTableDepth = 32;
inline constexpr std::size_t kMaxRowCells = 1024;

// HTML: attributes kept per tag, and tag and attribute names kept per token.
inline constexpr std::size_t kMaxAttributes = 32;
inline constexpr std::size_t kMaxNameBytes = 64;

// Markdown: a line longer than this is cut (at a character boundary) and read on
// as the same line; a paragraph longer than this is emitted in pieces. Both keep
// the streaming adapter's memory bounded on a 50 MB single line.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;
inline constexpr std::size_t kMaxParagraphBytes = std::size_t{1} << 20;
// Front matter longer than this is not front matter: its lines are read as Markdown.
inline constexpr std::size_t kMaxFrontMatterBytes = 64 * 1024;
// Markdown blocks open inside one another (block quotes, lists, items,
// footnotes): past it, what would open another is read as text.
inline constexpr std::size_t kMaxMarkdownDepth = 1000;
// Markdown held while a reference waits for its definition (markdown_render.h);
// past it, what is held is rendered with the definitions known so far.
inline constexpr std::size_t kMaxHeldMarkdownBytes = std::size_t{4} << 20;
// Link reference definitions kept (labels and hrefs), and footnote texts kept
// for the end of the document; past them, later definitions are not kept (a
// footnote's text then stays where it was written).
inline constexpr std::size_t kMaxLinkDefinitionBytes = std::size_t{4} << 20;
inline constexpr std::size_t kMaxFootnoteBytes = std::size_t{4} << 20;

}  // namespace tollgate::extraction
