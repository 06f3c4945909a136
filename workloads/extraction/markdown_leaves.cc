// The blocks' contents: opening and closing them, paragraphs and their link
// reference definitions, headings, tables, code and HTML lines.
#include "markdown_blocks.h"

#include "extraction_limits.h"
#include "markdown_block_syntax.h"
#include "markdown_syntax.h"

namespace tollgate::extraction::markdown {

// --- Opening and closing blocks ---------------------------------------------

// A leaf, or a list (which holds only items), cannot hold a new `kind`: close it.
void BlockParser::makeRoomFor(Kind kind) {
  for (;;) {
    const Kind tip = blocks_.back().kind;
    const bool can_contain = tip == Kind::list ? kind == Kind::item : tip < Kind::paragraph && kind != Kind::item;
    if (can_contain || blocks_.size() == 1) return;
    finalize();
  }
}

std::size_t BlockParser::addChild(Kind kind) {
  makeRoomFor(kind);
  Block block;
  block.kind = kind;
  block.opened_line = line_number_;
  // The first paragraph of a list item is not wrapped in <p>: a tight list's
  // items hold their text directly (a loose one's differ only in line breaks).
  block.bare = kind == Kind::paragraph && blocks_.back().kind == Kind::item && !blocks_.back().has_children;
  blocks_.back().has_children = true;
  blocks_.push_back(block);
  switch (kind) {
    case Kind::block_quote: renderer_.open(TagId::blockquote); break;
    case Kind::item: renderer_.open(TagId::li); break;
    case Kind::fenced_code: case Kind::indented_code: renderer_.open(TagId::pre); break;
    case Kind::paragraph:
      paragraph_.clear();
      paragraph_lines_ = 0;
      paragraph_flushed_ = false;
      break;
    default: break;  // a list opens with its first item's data; a footnote with its label
  }
  return blocks_.size() - 1;
}

void BlockParser::finalize() {
  const Block& b = blocks_.back();
  switch (b.kind) {
    case Kind::paragraph: finalizeParagraph(); break;
    case Kind::fenced_code: renderer_.close(TagId::pre); break;
    case Kind::indented_code:
      code_blanks_.clear();  // trailing blank lines are not part of the block
      renderer_.close(TagId::pre);
      break;
    case Kind::table:
      if (b.body_open) renderer_.close(TagId::tbody);
      renderer_.close(TagId::table);
      break;
    case Kind::block_quote: renderer_.close(TagId::blockquote); break;
    case Kind::list: renderer_.close(b.ordered ? TagId::ol : TagId::ul); break;
    case Kind::item: renderer_.close(TagId::li); break;
    case Kind::footnote: renderer_.endFootnote(); break;
    default: break;
  }
  if (blocks_.size() > 1) blocks_.pop_back();
}

void BlockParser::closeUnmatched() {
  if (all_closed_) return;
  while (blocks_.size() - 1 > last_matched_) finalize();
  all_closed_ = true;
}

// The paragraph's text, its link reference definitions taken off first.
void BlockParser::finalizeParagraph() {
  std::string_view text(paragraph_);
  if (!paragraph_flushed_) text.remove_prefix(takeDefinitions(text));
  text = trimView(text);
  const TagId wrapper = blocks_.back().bare ? TagId::other : TagId::p;
  if (paragraph_flushed_) {
    if (!text.empty()) renderer_.inlines(text, TagId::other);
    if (wrapper != TagId::other) renderer_.close(wrapper);
  } else if (!text.empty()) {
    renderer_.inlines(text, wrapper);
  }
  paragraph_.clear();
}

std::size_t BlockParser::takeDefinitions(std::string_view text) {
  std::size_t pos = 0;
  const std::size_t n = text.size();
  while (pos < n && text[pos] == '[') {
    const std::size_t label_end = scanLinkLabel(text, pos);
    if (label_end == kNotFound || label_end >= n || text[label_end] != ':') break;
    const std::string_view raw_label = text.substr(pos + 1, label_end - pos - 2);
    label_.clear();
    normalizeLabel(raw_label, label_);
    if (label_.empty()) break;
    std::size_t dest_begin, dest_end;
    const std::size_t start = skipSpacesAndOneNewline(text, label_end + 1);
    const std::size_t dest = scanLinkDestination(text, start, false, &dest_begin, &dest_end);
    if (dest == kNotFound) break;
    // The rest of a line holds nothing but spaces: where it ends, or kNotFound.
    const auto lineEnd = [&](std::size_t at) {
      while (at < n && isSpaceOrTab(text[at])) ++at;
      if (at == n) return n;
      return text[at] == '\n' ? at + 1 : kNotFound;
    };
    std::size_t end = kNotFound;
    const std::size_t title = skipSpacesAndOneNewline(text, dest);
    if (title > dest && title < n) {
      const std::size_t title_end = scanLinkTitle(text, title);
      if (title_end != kNotFound) end = lineEnd(title_end);
    }
    if (end == kNotFound) end = lineEnd(dest);  // no title (or not a valid one): the line ends at the destination
    if (end == kNotFound) break;
    renderer_.defineLink(label_, text.substr(dest_begin, dest_end - dest_begin));
    pos = end;
  }
  return pos;
}

void BlockParser::heading(int level, std::string_view text) {
  makeRoomFor(Kind::paragraph);  // what can hold a paragraph can hold a heading
  blocks_.back().has_children = true;
  static constexpr TagId kLevels[] = {TagId::h1, TagId::h2, TagId::h3, TagId::h4, TagId::h5, TagId::h6};
  renderer_.inlines(trimView(text), kLevels[level - 1]);
}

void BlockParser::thematicBreak() {
  makeRoomFor(Kind::paragraph);
  blocks_.back().has_children = true;
  renderer_.open(TagId::hr);
}

void BlockParser::tableRow(std::string_view row, bool header) {
  Block& table = blocks_.back();
  if (!header && !table.body_open) {
    renderer_.open(TagId::tbody);
    table.body_open = true;
  }
  renderer_.open(TagId::tr);
  const TagId cell = header ? TagId::th : TagId::td;
  std::size_t index = 0;
  splitRow(row, cell_, [&](std::string_view text) {
    if (index++ >= table.columns) return;  // extra cells are dropped, as GFM does
    renderer_.inlines(text, cell);
  });
  for (; index < table.columns; ++index) renderer_.inlines({}, cell);  // missing ones are empty
  renderer_.close(TagId::tr);
}


// --- Text of the tip block ----------------------------------------------------

void BlockParser::addLine() {
  std::string_view text = line_.substr(offset_);
  std::size_t tab_spaces = 0;
  if (partially_consumed_tab_) {  // the rest of a tab is spaces of the content
    text.remove_prefix(1);
    tab_spaces = 4 - column_ % 4;
  }
  Block& tip = blocks_.back();
  switch (tip.kind) {
    case Kind::paragraph:
      if (paragraph_lines_++ > 0) paragraph_ += '\n';
      paragraph_.append(tab_spaces, ' ');
      paragraph_.append(text);
      if (paragraph_.size() >= kMaxParagraphBytes) flushParagraph();
      break;
    case Kind::fenced_code: case Kind::indented_code: case Kind::html: {
      line_text_.assign(tab_spaces, ' ');
      line_text_.append(text);
      if (!more_) line_text_ += '\n';
      if (tip.kind == Kind::indented_code && blank_) {
        code_blanks_.append(line_text_.empty() ? "\n" : line_text_);  // written only if more code follows
        if (code_blanks_.size() > kMaxParagraphBytes) {
          renderer_.code(code_blanks_);
          code_blanks_.clear();
        }
        break;
      }
      if (!code_blanks_.empty()) {
        renderer_.code(code_blanks_);
        code_blanks_.clear();
      }
      if (tip.kind == Kind::html) renderer_.html(line_text_);
      else renderer_.code(line_text_);
      break;
    }
    default:
      break;
  }
}

// A paragraph past kMaxParagraphBytes is rendered in pieces, so memory stays
// bounded; a soft break (the next line's '\n') separates them.
void BlockParser::flushParagraph() {
  if (!paragraph_flushed_) {
    paragraph_.erase(0, takeDefinitions(paragraph_));
    if (!blocks_.back().bare) renderer_.open(TagId::p);
    paragraph_flushed_ = true;
  }
  renderer_.inlines(paragraph_, TagId::other);
  paragraph_.clear();
}

// The rest of a line cut at kMaxLineBytes: more of the same text.
void BlockParser::continuedPiece(std::string_view piece) {
  const Kind tip = blocks_.back().kind;
  if (tip == Kind::paragraph) {
    paragraph_.append(piece);
    if (paragraph_.size() >= kMaxParagraphBytes) flushParagraph();
  } else if (tip == Kind::fenced_code || tip == Kind::indented_code || tip == Kind::html) {
    line_text_.assign(piece);
    if (!previous_more_) line_text_ += '\n';
    if (tip == Kind::html) renderer_.html(line_text_);
    else renderer_.code(line_text_);
  } else {
    if (tip == Kind::table) finalize();
    addChild(Kind::paragraph);
    paragraph_.assign(piece);
    paragraph_lines_ = 1;
  }
}

void BlockParser::finish() {
  while (blocks_.size() > 1) finalize();
  renderer_.finish();
}

}  // namespace tollgate::extraction::markdown
