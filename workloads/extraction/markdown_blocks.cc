#include "markdown_blocks.h"

#include "extraction_limits.h"
#include "markdown_block_syntax.h"
#include "markdown_syntax.h"

namespace tollgate::extraction::markdown {

void BlockParser::reset() {
  renderer_.reset();
  blocks_.assign(1, Block{});
  paragraph_.clear();
  paragraph_lines_ = 0;
  paragraph_flushed_ = false;
  code_blanks_.clear();
  line_number_ = 0;
  previous_more_ = false;
}

// --- Walking the line ---------------------------------------------------

void BlockParser::findNextNonspace() {
  std::size_t i = offset_, cols = column_;
  while (i < line_.size()) {
    if (line_[i] == ' ') {
      ++i;
      ++cols;
    } else if (line_[i] == '\t') {
      ++i;
      cols += 4 - cols % 4;
    } else {
      break;
    }
  }
  blank_ = i == line_.size();
  next_nonspace_ = i;
  next_nonspace_column_ = cols;
  indent_ = next_nonspace_column_ - column_;
  indented_ = indent_ >= 4;
}

void BlockParser::advanceNextNonspace() {
  offset_ = next_nonspace_;
  column_ = next_nonspace_column_;
  partially_consumed_tab_ = false;
}

// Moves `count` bytes, or with `columns` `count` columns (a tab may be left
// partly consumed: its remaining columns are spaces of the content).
void BlockParser::advanceOffset(std::size_t count, bool columns) {
  while (count > 0 && offset_ < line_.size()) {
    if (line_[offset_] == '\t') {
      const std::size_t to_tab = 4 - column_ % 4;
      if (columns) {
        partially_consumed_tab_ = to_tab > count;
        const std::size_t advance = to_tab > count ? count : to_tab;
        column_ += advance;
        offset_ += partially_consumed_tab_ ? 0 : 1;
        count -= advance;
      } else {
        partially_consumed_tab_ = false;
        column_ += to_tab;
        offset_ += 1;
        count -= 1;
      }
    } else {
      partially_consumed_tab_ = false;
      offset_ += 1;
      column_ += 1;
      count -= 1;
    }
  }
}

// --- A line -------------------------------------------------------------------

void BlockParser::line(std::string_view text, bool more) {
  const bool continued = previous_more_;
  previous_more_ = more;
  if (text.find('\0') != std::string_view::npos) {  // CommonMark: NUL is U+FFFD
    nul_free_.clear();
    for (const char c : text) {
      if (c == '\0') nul_free_ += "\xEF\xBF\xBD";
      else nul_free_ += c;
    }
    text = nul_free_;
  }
  if (continued) {
    continuedPiece(text);
    return;
  }
  ++line_number_;
  line_ = text;
  for (std::size_t& from : break_from_) from = kNotFound;
  offset_ = column_ = 0;
  blank_ = partially_consumed_tab_ = false;
  more_ = more;

  // Which open blocks the line continues.
  old_tip_ = blocks_.size() - 1;
  std::size_t container = 0;
  bool all_matched = true;
  while (container + 1 < blocks_.size()) {
    findNextNonspace();
    const Continue result = continueBlock(blocks_[container + 1]);
    if (result == Continue::done) return;  // a closing code fence: nothing more on this line
    if (result == Continue::failed) {
      all_matched = false;
      break;
    }
    ++container;
  }
  (void)all_matched;
  all_closed_ = container == old_tip_;
  last_matched_ = container;

  // New blocks the line starts, one inside the other ("> - # x").
  const Kind matched_kind = blocks_[container].kind;
  bool leaf = matched_kind != Kind::paragraph && matched_kind >= Kind::paragraph && matched_kind != Kind::table;
  while (!leaf) {
    findNextNonspace();
    const char c = peek(next_nonspace_);
    if (!indented_ && std::string_view("#`~*+_=<>0123456789-[|:").find(c) == std::string_view::npos) {
      advanceNextNonspace();
      break;
    }
    const int started = blockStart(container);
    if (started == 0) {
      advanceNextNonspace();
      break;
    }
    container = blocks_.size() - 1;
    leaf = started == 2;
  }

  // What remains of the line is text: a lazy paragraph line, or the content
  // of the block it belongs to.
  if (!all_closed_ && !blank_ && tipIs(Kind::paragraph)) {
    addLine();
    return;
  }
  closeUnmatched();
  if (container >= blocks_.size()) container = blocks_.size() - 1;
  const Kind kind = blocks_[container].kind;
  if (container == blocks_.size() - 1 && kind >= Kind::paragraph && kind != Kind::table) {
    // A code fence's own line holds its info string, which is not content.
    if (kind == Kind::fenced_code && blocks_.back().opened_line == line_number_) return;
    addLine();
    Block& tip = blocks_.back();
    if (kind == Kind::html && tip.html_type <= 5 && htmlBlockEnds(tip.html_type, line_.substr(offset_))) finalize();
  } else if (kind == Kind::table && offset_ < line_.size() && !blank_) {
    tableRow(line_.substr(offset_), false);
  } else if (offset_ < line_.size() && !blank_) {
    addChild(Kind::paragraph);
    advanceNextNonspace();
    const Block& parent = blocks_[blocks_.size() - 2];
    if (parent.kind == Kind::item && parent.opened_line == line_number_) {
      // GFM task list item: "[ ]" or "[x]" and a space open the item's text.
      const std::string_view rest = line_.substr(offset_);
      if (rest.size() > 3 && rest[0] == '[' && (rest[1] == ' ' || rest[1] == 'x' || rest[1] == 'X') &&
          rest[2] == ']' && isSpaceOrTab(rest[3])) {
        advanceOffset(4, false);
        findNextNonspace();
        advanceNextNonspace();
      }
    }
    addLine();
  }
}

BlockParser::Continue BlockParser::continueBlock(Block& block) {
  switch (block.kind) {
    case Kind::block_quote:
      if (indented_ || peek(next_nonspace_) != '>') return Continue::failed;
      advanceNextNonspace();
      advanceOffset(1, false);
      if (isSpaceOrTab(peek(offset_))) advanceOffset(1, true);
      return Continue::matched;
    case Kind::item:
      if (blank_) {
        if (!block.has_children) return Continue::failed;  // an item begins with at most one blank line
        advanceNextNonspace();
      } else if (indent_ >= block.marker_offset + block.padding) {
        advanceOffset(block.marker_offset + block.padding, true);
      } else {
        return Continue::failed;
      }
      return Continue::matched;
    case Kind::footnote:
      if (indent_ >= 4) advanceOffset(4, true);
      else if (!blank_) return Continue::failed;
      return Continue::matched;
    case Kind::paragraph:
    case Kind::table:
      return blank_ ? Continue::failed : Continue::matched;
    case Kind::fenced_code: {
      if (indent_ <= 3 && peek(next_nonspace_) == block.fence_char) {
        std::size_t n = next_nonspace_;
        while (peek(n) == block.fence_char) ++n;
        std::size_t after = n;
        while (isSpaceOrTab(peek(after))) ++after;
        if (n - next_nonspace_ >= block.fence_length && after == line_.size()) {
          finalize();
          return Continue::done;
        }
      }
      for (std::size_t i = block.fence_offset; i > 0 && isSpaceOrTab(peek(offset_)); --i) advanceOffset(1, true);
      return Continue::matched;
    }
    case Kind::indented_code:
      if (indent_ >= 4) advanceOffset(4, true);
      else if (blank_) advanceNextNonspace();
      else return Continue::failed;
      return Continue::matched;
    case Kind::html:
      return blank_ && (block.html_type == 6 || block.html_type == 7) ? Continue::failed : Continue::matched;
    default:
      return Continue::matched;
  }
}

int BlockParser::blockStart(std::size_t container) {
  const Kind kind = blocks_[container].kind;
  const char c = peek(next_nonspace_);
  const std::string_view rest = line_.substr(next_nonspace_);
  // Containers stop nesting at kMaxMarkdownDepth: what would open another is text.
  const bool room = blocks_.size() < kMaxMarkdownDepth;
  if (!indented_) {
    if (c == '>' && room) {
      advanceNextNonspace();
      advanceOffset(1, false);
      if (isSpaceOrTab(peek(offset_))) advanceOffset(1, true);
      closeUnmatched();
      addChild(Kind::block_quote);
      return 1;
    }
    if (c == '#') {
      std::size_t level = 0;
      while (level < rest.size() && rest[level] == '#') ++level;
      if (level <= 6 && (level == rest.size() || isSpaceOrTab(rest[level]))) {
        closeUnmatched();
        // The closing sequence: '#'s preceded by a space (or alone), trailing spaces.
        std::string_view text = trimView(rest.substr(level));
        std::size_t end = text.size();
        while (end > 0 && text[end - 1] == '#') --end;
        if (end == 0) text = {};
        else if (end < text.size() && isSpaceOrTab(text[end - 1])) text = trimView(text.substr(0, end));
        heading(static_cast<int>(level), text);
        offset_ = line_.size();
        return 2;
      }
    }
    if (c == '`' || c == '~') {
      std::size_t n = 0;
      while (n < rest.size() && rest[n] == c) ++n;
      if (n >= 3 && !(c == '`' && rest.find('`', n) != std::string_view::npos)) {
        closeUnmatched();
        Block& b = blocks_[addChild(Kind::fenced_code)];
        b.fence_char = c;
        b.fence_length = n;
        b.fence_offset = indent_;
        offset_ = line_.size();  // the info string is not content
        return 2;
      }
    }
    if (c == '<') {
      const bool after_paragraph = kind == Kind::paragraph || (!all_closed_ && !blank_ && tipIs(Kind::paragraph));
      if (const int type = htmlBlockStart(rest, after_paragraph)) {
        closeUnmatched();
        blocks_[addChild(Kind::html)].html_type = type;
        return 2;  // the tag is part of the text: the offset stays
      }
    }
    if (kind == Kind::paragraph && !paragraph_flushed_) {
      if (const int level = setextLevel(rest)) {
        closeUnmatched();
        const std::size_t taken = takeDefinitions(paragraph_);
        paragraph_.erase(0, taken);
        if (!trimView(paragraph_).empty()) {
          const std::string text = std::move(paragraph_);
          paragraph_.clear();
          blocks_.pop_back();  // the paragraph becomes the heading
          heading(level, text);
          offset_ = line_.size();
          return 2;
        }
      }
    }
    if (thematicBreakAt(next_nonspace_)) {
      closeUnmatched();
      thematicBreak();
      offset_ = line_.size();
      return 2;
    }
    if (c == '[' && room && footnoteStart()) return 1;
  }
  if (room && (!indented_ || kind == Kind::list)) {
    Block item;
    if (listMarker(container, &item)) {
      closeUnmatched();
      const Block& tip = blocks_.back();
      if (tip.kind != Kind::list || tip.ordered != item.ordered || tip.marker != item.marker) {
        Block& list = blocks_[addChild(Kind::list)];
        list.ordered = item.ordered;
        list.marker = item.marker;
        renderer_.open(item.ordered ? TagId::ol : TagId::ul);
      }
      Block& added = blocks_[addChild(Kind::item)];
      added.ordered = item.ordered;
      added.marker = item.marker;
      added.marker_offset = item.marker_offset;
      added.padding = item.padding;
      return 1;
    }
  }
  if (indented_ && !tipIs(Kind::paragraph) && !blank_) {
    advanceOffset(4, true);
    closeUnmatched();
    addChild(Kind::indented_code);
    return 2;
  }
  if (!indented_ && kind == Kind::paragraph && tableStart(container)) return 2;
  return 0;
}

// Whether the line from `pos` is a thematic break. A line of nested list
// markers ("- - - - x") asks at every level: each asks the same suffix, so
// where the suffix of breaking characters starts is found once per line.
bool BlockParser::thematicBreakAt(std::size_t pos) {
  const char c = peek(pos);
  if (c != '*' && c != '-' && c != '_') return false;
  std::size_t& from = break_from_[c == '*' ? 0 : c == '-' ? 1 : 2];
  if (from == kNotFound) {
    from = line_.size();
    while (from > 0 && (line_[from - 1] == c || isSpaceOrTab(line_[from - 1]))) --from;
  }
  return pos >= from && isThematicBreak(line_.substr(pos));
}

bool BlockParser::listMarker(std::size_t container, Block* item) {
  if (indent_ >= 4) return false;
  const bool in_paragraph = blocks_[container].kind == Kind::paragraph;
  const std::string_view rest = line_.substr(next_nonspace_);
  std::size_t length = 0;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '+' || rest[0] == '*')) {
    item->ordered = false;
    item->marker = rest[0];
    length = 1;
  } else {
    long number = 0;
    while (length < rest.size() && length < 9 && rest[length] >= '0' && rest[length] <= '9') {
      number = number * 10 + (rest[length++] - '0');
    }
    if (length == 0 || length >= rest.size() || (rest[length] != '.' && rest[length] != ')')) return false;
    if (in_paragraph && number != 1) return false;  // only "1." interrupts a paragraph
    item->ordered = true;
    item->marker = rest[length++];
  }
  if (length < rest.size() && !isSpaceOrTab(rest[length])) return false;
  bool blank_item = true;
  for (std::size_t i = length; i < rest.size() && blank_item; ++i) blank_item = isSpaceOrTab(rest[i]);
  if (in_paragraph && blank_item) return false;  // an empty item does not interrupt a paragraph

  item->marker_offset = indent_;
  advanceNextNonspace();
  advanceOffset(length, true);
  const std::size_t spaces_column = column_, spaces_offset = offset_;
  const bool spaces_partial = partially_consumed_tab_;
  do {
    advanceOffset(1, true);
  } while (column_ - spaces_column < 5 && isSpaceOrTab(peek(offset_)));
  const std::size_t spaces = column_ - spaces_column;
  if (spaces >= 5 || spaces < 1 || offset_ >= line_.size()) {
    // Indented code after the marker, or nothing: the content starts one column after it.
    item->padding = length + 1;
    column_ = spaces_column;
    offset_ = spaces_offset;
    partially_consumed_tab_ = spaces_partial;
    if (isSpaceOrTab(peek(offset_))) advanceOffset(1, true);
  } else {
    item->padding = length + spaces;
  }
  return true;
}

// "[^label]:" opens a footnote definition; its text follows on the line.
bool BlockParser::footnoteStart() {
  const std::string_view rest = line_.substr(next_nonspace_);
  if (rest.size() < 5 || rest[1] != '^') return false;
  std::size_t i = 2;
  while (i < rest.size() && rest[i] != ']' && rest[i] != ' ' && rest[i] != '\t') ++i;
  if (i == 2 || i + 1 >= rest.size() || rest[i] != ']' || rest[i + 1] != ':') return false;
  closeUnmatched();
  label_.clear();
  normalizeLabel(rest.substr(2, i - 2), label_);
  advanceNextNonspace();
  advanceOffset(i + 2, false);
  while (isSpaceOrTab(peek(offset_))) advanceOffset(1, false);
  addChild(Kind::footnote);
  renderer_.beginFootnote(label_);
  return true;
}

// A delimiter row under a paragraph whose last line has as many cells: the
// line before it is the header of a GFM table (earlier lines stay a paragraph).
bool BlockParser::tableStart(std::size_t container) {
  if (container != blocks_.size() - 1 || paragraph_flushed_) return false;
  const std::size_t columns = delimiterRowCells(trimView(line_.substr(next_nonspace_)));
  if (columns == 0) return false;
  const std::size_t last_line = paragraph_.rfind('\n');
  const std::string header = paragraph_.substr(last_line == std::string::npos ? 0 : last_line + 1);
  if (splitRow(header, cell_, [](std::string_view) {}) != columns) return false;
  closeUnmatched();
  if (last_line == std::string::npos) {
    paragraph_.clear();
  } else {
    paragraph_.resize(last_line);
  }
  finalize();  // the lines above the header, if any
  Block& table = blocks_[addChild(Kind::table)];
  table.columns = columns;
  renderer_.open(TagId::table);
  renderer_.open(TagId::thead);
  tableRow(header, true);
  renderer_.close(TagId::thead);
  offset_ = line_.size();
  return true;
}

}  // namespace tollgate::extraction::markdown
