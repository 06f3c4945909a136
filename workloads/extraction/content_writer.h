#pragma once
// Writing the content: the text of a document with its block structure kept as
// line breaks, and the word and character counts of exactly what was written.
//
// Breaks are owed, not written: a block boundary asks for one or two newlines
// before the next text, so a document never starts or ends with breaks, and
// nested blocks (100,000 nested divs) ask for the same break once. Inline text
// collapses runs of HTML whitespace into one space, dropped at line starts and
// before breaks.

#include <cstdint>
#include <string>
#include <string_view>

#include "extraction_limits.h"
#include "text_buffer.h"

namespace tollgate::extraction {

class ContentWriter {
 public:
  explicit ContentWriter(TextBuffer* out) : out_(out) {}
  void retarget(TextBuffer* out) { out_ = out; }

  // Inline text: whitespace runs collapse to one space.
  void text(std::string_view text);
  // Text kept as it is (pre, code blocks, plain text, CSV cells).
  void preformatted(std::string_view text);
  // Owes at least `newlines` line breaks (1: a line, 2: a paragraph) before the next text.
  void block(int newlines);
  // A hard line break (<br>, a Markdown hard break): one more newline owed.
  void lineBreak();
  // Writes `separator` now, after any owed breaks (a tab between table cells).
  void separator(std::string_view separator);

  std::uint64_t words() const { return words_; }
  std::uint64_t chars() const { return chars_; }
  void reset();

 private:
  void flushOwed();
  void write(std::string_view text);

  TextBuffer* out_;
  int owed_newlines_ = 0;
  int trailing_newlines_ = 0;  // newlines at the end of what was written
  bool space_owed_ = false;
  bool line_has_text_ = false;  // something written since the last newline
  bool started_ = false;        // anything written at all
  bool in_word_ = false;
  std::uint64_t words_ = 0;
  std::uint64_t chars_ = 0;
};

// The text of one record (a heading, a link, a cell, the title): whitespace
// collapsed, trimmed, cut at kMaxItemBytes on a character boundary.
class ItemText {
 public:
  void append(std::string_view text);
  // A boundary inside the item (a <br>, a block): separates words.
  void space() { space_owed_ = !buffer_.empty(); }
  std::string_view text() const { return buffer_.view(); }
  bool empty() const { return buffer_.empty(); }
  void clear();

 private:
  TextBuffer buffer_;
  bool space_owed_ = false;
  bool full_ = false;
};

}  // namespace tollgate::extraction
