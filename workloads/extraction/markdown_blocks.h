#pragma once
// CommonMark's block structure, a line at a time (the algorithm of the spec's
// appendix, as commonmark.js implements it): block quotes and list items
// nested to any depth with their indentation rules (tabs as columns, partially
// consumed), lazy continuation, ATX and setext headings, thematic breaks,
// fenced and indented code, the seven kinds of HTML block, link reference
// definitions, paragraphs; and GFM's tables, task list items and footnote
// definitions. Blocks are handed to a Renderer as they open and close, so
// nothing but the open path of blocks and the current paragraph is held.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "markdown_render.h"

namespace tollgate::extraction::markdown {

class BlockParser {
 public:
  explicit BlockParser(Output& out) : renderer_(out) { reset(); }

  // One line, without its line ending. A line longer than kMaxLineBytes comes
  // in pieces: `more` says another piece of the same line follows (the next
  // piece never starts a block).
  void line(std::string_view line, bool more);
  void finish();
  void reset();

 private:
  enum class Kind : std::uint8_t {
    document, block_quote, list, item, footnote, paragraph, fenced_code, indented_code, html, table
  };
  struct Block {
    Kind kind = Kind::document;
    bool has_children = false;
    // lists and items
    bool ordered = false;
    char marker = 0;  // the bullet, or the ordered delimiter ('.' or ')')
    std::size_t marker_offset = 0, padding = 0;
    std::size_t opened_line = 0;
    bool bare = false;  // a paragraph shown without <p> (an item's first)
    // fenced code
    char fence_char = 0;
    std::size_t fence_length = 0, fence_offset = 0;
    int html_type = 0;
    // tables
    std::size_t columns = 0;
    bool body_open = false;
  };
  enum class Continue { matched, failed, done };

  // The line as the parser walks it: offsets in bytes, columns with tabs at every 4.
  void findNextNonspace();
  void advanceOffset(std::size_t count, bool columns);
  void advanceNextNonspace();
  char peek(std::size_t at) const { return at < line_.size() ? line_[at] : '\0'; }

  Continue continueBlock(Block& block);
  // Each tries to start a block at the current position: 0 no, 1 a container, 2 a leaf.
  int blockStart(std::size_t container);
  bool thematicBreakAt(std::size_t pos);
  bool listMarker(std::size_t container, Block* item);
  bool footnoteStart();
  bool tableStart(std::size_t container);

  void makeRoomFor(Kind kind);
  std::size_t addChild(Kind kind);
  void finalize();  // closes the tip
  void closeUnmatched();
  void addLine();
  void flushParagraph();
  void continuedPiece(std::string_view piece);
  void heading(int level, std::string_view text);
  void thematicBreak();
  void tableRow(std::string_view row, bool header);
  void finalizeParagraph();
  // Link reference definitions at the start of the paragraph: the bytes they took.
  std::size_t takeDefinitions(std::string_view text);
  bool tipIs(Kind kind) const { return blocks_.back().kind == kind; }

  Renderer renderer_;
  std::vector<Block> blocks_;  // the open blocks from the document down to the tip
  std::string paragraph_;      // the tip paragraph's text (or what is left of it after a flush)
  std::size_t paragraph_lines_ = 0;
  bool paragraph_flushed_ = false;  // past kMaxParagraphBytes: rendered in pieces
  bool previous_more_ = false;      // the last line was cut and goes on in this one
  std::string code_blanks_;    // blank lines inside indented code, written once more code follows
  std::string cell_;
  std::string label_;
  std::string nul_free_;   // a line whose NULs became U+FFFD
  std::string line_text_;  // a code or HTML line with its line ending
  bool more_ = false;      // the current line goes on in the next piece
  std::size_t break_from_[3] = {};  // per '*', '-', '_': where the line's suffix of break characters starts
  std::size_t line_number_ = 0;

  std::string_view line_;
  std::size_t offset_ = 0, column_ = 0;
  std::size_t next_nonspace_ = 0, next_nonspace_column_ = 0, indent_ = 0;
  bool indented_ = false, blank_ = false, partially_consumed_tab_ = false;
  bool all_closed_ = true;
  std::size_t last_matched_ = 0;  // index in blocks_
  std::size_t old_tip_ = 0;
};

}  // namespace tollgate::extraction::markdown
