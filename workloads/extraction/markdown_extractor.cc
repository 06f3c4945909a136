#include "markdown_extractor.h"

#include <cstring>

#include "extraction_limits.h"
#include "markdown_inline.h"
#include "markdown_lines.h"

namespace tollgate::extraction {
namespace {

using namespace markdown;

// Front matter: "key: value" lines between "---" lines at the very start. Only
// the keys the result model has are kept; lists ("[a, b]" or "- a" lines) are
// joined with ", ".
class FrontMatter {
 public:
  void line(std::string_view line) {
    const Indent indent = indentOf(line);
    std::string_view body = trim(line);
    if (indent.columns > 0 && body.size() >= 2 && body[0] == '-' && body[1] == ' ') {
      if (last_ >= 0) appendListItem(values_[last_], unquote(trim(body.substr(2))));
      return;
    }
    last_ = -1;
    const auto colon = body.find(':');
    if (indent.columns > 0 || colon == std::string_view::npos) return;
    const std::string_view key = trim(body.substr(0, colon));
    const int field = key == "title" ? 0 : key == "description" ? 1 : (key == "keywords" || key == "tags") ? 2
                    : (key == "lang" || key == "language") ? 3 : -1;
    if (field < 0 || set_[field]) return;
    set_[field] = true;
    last_ = field;
    std::string_view value = trim(body.substr(colon + 1));
    if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
      splitList(values_[field], value.substr(1, value.size() - 2));
    } else {
      values_[field].assign(unquote(value));
    }
  }
  void apply(Output& out) const {
    for (int f = 0; f < kMetaFieldCount; ++f) {
      if (set_[f]) out.setMetadata(static_cast<MetaField>(f), values_[f]);
    }
  }
  void clear() {
    for (int f = 0; f < kMetaFieldCount; ++f) {
      values_[f].clear();
      set_[f] = false;
    }
    last_ = -1;
  }

 private:
  static std::string_view unquote(std::string_view v) {
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) return v.substr(1, v.size() - 2);
    return v;
  }
  static void appendListItem(std::string& to, std::string_view item) {
    if (item.empty()) return;
    if (!to.empty()) to += ", ";
    to.append(item);
  }
  static void splitList(std::string& to, std::string_view list) {
    while (!list.empty()) {
      const auto comma = list.find(',');
      appendListItem(to, unquote(trim(list.substr(0, comma))));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }

  std::string values_[kMetaFieldCount];
  bool set_[kMetaFieldCount] = {};
  int last_ = -1;  // the key whose "- item" lines follow
};

class MarkdownExtractor final : public FormatExtractor {
 public:
  using FormatExtractor::FormatExtractor;

  void feed(std::string_view text) override {
    std::size_t i = 0;
    while (i < text.size()) {
      const void* hit = std::memchr(text.data() + i, '\n', text.size() - i);
      const std::size_t end = hit ? static_cast<const char*>(hit) - text.data() : text.size();
      const std::string_view part = text.substr(i, end - i);
      if (hit != nullptr && line_.empty()) {
        deliver(part);  // the common case: a whole line inside the piece, no copy
      } else {
        line_.append(part);
        if (hit != nullptr) {
          deliver(line_);
          line_.clear();
        } else {
          cutLongLine();
        }
      }
      i = hit ? end + 1 : text.size();
    }
  }

  void finish() override {
    if (!line_.empty()) deliver(line_);
    line_.clear();
    closeBlock();
    if (front_matter_ == FrontMatterState::inside) replayFrontMatter();
    closeBlock();
  }

  void reset() override {
    line_.clear();
    glued_ = false;
    front_matter_ = FrontMatterState::undecided;
    front_matter_lines_.clear();
    front_.clear();
    block_ = Block::none;
    paragraph_.clear();
    paragraph_lines_ = 0;
    paragraph_flushed_ = false;
    quote_depth_ = 0;
    in_list_ = list_item_start_ = false;
    blank_before_ = true;
    row_.clear();
  }

 private:
  enum class Block { none, paragraph, fence, indented_code, table };
  enum class FrontMatterState { undecided, inside, done };

  // A whole line, cut into kMaxLineBytes pieces read on as one line.
  void deliver(std::string_view line) {
    while (line.size() > kMaxLineBytes) {
      const std::size_t cut = prefixAtBoundary(line, kMaxLineBytes);
      processLine(line.substr(0, cut));
      glued_ = true;
      line.remove_prefix(cut);
    }
    processLine(line);
    glued_ = false;
  }
  // The same cuts while the line is still arriving, so they fall at the same
  // places however the input was split.
  void cutLongLine() {
    while (line_.size() > kMaxLineBytes) {
      const std::size_t cut = prefixAtBoundary(line_, kMaxLineBytes);
      processLine(std::string_view(line_).substr(0, cut));
      glued_ = true;
      line_.erase(0, cut);
    }
  }

  void processLine(std::string_view line);
  bool frontMatterLine(std::string_view line);
  void replayFrontMatter();
  bool blockStart(std::string_view body, Indent indent);
  void heading(int level, std::string_view text);
  void appendToParagraph(std::string_view text);
  void tableRow(std::string_view line);
  void closeBlock();
  void flushParagraph();

  std::string line_;
  bool glued_ = false;  // this line continues the previous one (it was cut)
  FrontMatterState front_matter_ = FrontMatterState::undecided;
  std::string front_matter_lines_;  // kept to be read as Markdown if it never closes
  FrontMatter front_;
  Block block_ = Block::none;
  std::string paragraph_;
  std::size_t paragraph_lines_ = 0;
  bool paragraph_flushed_ = false;
  int paragraph_break_ = 2;
  int quote_depth_ = 0;
  char fence_char_ = '`';
  std::size_t fence_length_ = 0, fence_indent_ = 0;
  bool fence_first_ = true;
  std::size_t table_columns_ = 0;
  std::uint32_t table_index_ = 0;
  bool in_list_ = false, list_item_start_ = false, blank_before_ = true;
  InlineScratch scratch_;
  ItemText heading_text_;
  RowBuilder row_;
};

void MarkdownExtractor::processLine(std::string_view line) {
  if (glued_ && front_matter_ != FrontMatterState::inside) {  // the rest of a cut line: never a block start
    if (block_ == Block::fence || block_ == Block::indented_code) {
      out_.content().preformatted(line);
    } else {
      if (block_ == Block::table) closeBlock();
      appendToParagraph(line);
    }
    return;
  }
  if (front_matter_ != FrontMatterState::done && frontMatterLine(line)) return;

  std::size_t pos = 0;
  int depth = 0;
  if (block_ != Block::fence || quote_depth_ > 0) {
    for (;;) {  // block quote markers
      const Indent indent = indentOf(line.substr(pos));
      if (indent.columns > 3 || pos + indent.bytes >= line.size() || line[pos + indent.bytes] != '>') break;
      pos += indent.bytes + 1;
      if (pos < line.size() && line[pos] == ' ') ++pos;
      ++depth;
      if (block_ == Block::fence && depth == quote_depth_) break;
    }
  }
  std::string_view rest = line.substr(pos);
  if (block_ == Block::fence) {
    if (depth == quote_depth_) {
      const Indent indent = indentOf(rest);
      if (indent.columns <= 3 && fenceClose(rest.substr(indent.bytes), fence_char_, fence_length_)) {
        block_ = Block::none;
        out_.content().block(2);
        return;
      }
      if (!fence_first_) out_.content().preformatted("\n");
      fence_first_ = false;
      const Indent strip = indentOf(rest.substr(0, fence_indent_));
      out_.content().preformatted(rest.substr(std::min(strip.bytes, rest.size())));
      return;
    }
    closeBlock();  // the quote holding the fence ended
  }
  if (depth != quote_depth_) {
    closeBlock();
    quote_depth_ = depth;
    out_.content().block(2);
  }
  if (isBlank(rest)) {
    closeBlock();
    blank_before_ = true;
    return;
  }
  const Indent indent = indentOf(rest);
  if (block_ == Block::indented_code && indent.columns >= 4) {
    out_.content().preformatted("\n");
    out_.content().preformatted(rest.substr(indentOf(rest.substr(0, 4)).bytes));
    return;
  }
  if (indent.columns >= 4 && block_ != Block::paragraph && !in_list_) {
    closeBlock();
    out_.content().block(2);
    out_.content().preformatted(rest.substr(indentOf(rest.substr(0, 4)).bytes));
    block_ = Block::indented_code;
    blank_before_ = false;
    return;
  }
  if (indent.columns == 0 && blank_before_ && in_list_) in_list_ = false;
  std::string_view body = rest.substr(indent.bytes);
  for (int nesting = 0; nesting < 16; ++nesting) {
    if (blockStart(body, indent)) {
      blank_before_ = false;
      return;
    }
    std::string_view after;
    long number = -1;
    if (!listMarker(body, &after, &number)) break;
    // Outside a list, only a bullet or "1." item with text interrupts a paragraph
    // ("2023. was a year" stays text); inside one, any item starts the next.
    if (block_ == Block::paragraph && !in_list_ && (after.empty() || (number != -1 && number != 1))) break;
    closeBlock();
    out_.content().block(in_list_ ? 1 : 2);
    in_list_ = list_item_start_ = true;
    blank_before_ = false;
    if (after.empty()) return;
    body = after;
  }
  if (block_ != Block::paragraph && referenceDefinition(body)) return;
  if (block_ == Block::table) {
    tableRow(body);
  } else {
    appendToParagraph(body);
  }
  blank_before_ = false;
}

// Fences, headings, breaks and the start of a table: true when `body` was one.
bool MarkdownExtractor::blockStart(std::string_view body, Indent indent) {
  char fence_char;
  std::size_t fence_length;
  if (fenceOpen(body, &fence_char, &fence_length)) {
    closeBlock();
    out_.content().block(2);
    block_ = Block::fence;
    fence_char_ = fence_char;
    fence_length_ = fence_length;
    fence_indent_ = indent.columns;
    fence_first_ = true;
    return true;
  }
  std::string_view text;
  if (const int level = atxHeading(body, &text); level > 0) {
    heading(level, text);
    return true;
  }
  if (block_ == Block::paragraph && !paragraph_flushed_) {
    if (const int level = setextUnderline(body); level > 0) {
      block_ = Block::none;
      heading(level, paragraph_);
      return true;
    }
  }
  if (thematicBreak(body)) {
    closeBlock();
    out_.content().block(2);
    return true;
  }
  std::size_t cells;
  if (block_ == Block::paragraph && paragraph_lines_ == 1 && !paragraph_flushed_ &&
      paragraph_.find('|') != std::string::npos && delimiterRow(body, &cells) && cells == countCells(paragraph_)) {
    const std::string header = paragraph_;
    block_ = Block::none;
    out_.content().block(2);
    table_index_ = out_.beginTable();
    table_columns_ = cells;
    block_ = Block::table;
    tableRow(header);
    return true;
  }
  return false;
}

void MarkdownExtractor::heading(int level, std::string_view text) {
  if (block_ != Block::none) closeBlock();
  out_.content().block(2);
  heading_text_.clear();
  renderInline(text, out_, &heading_text_, scratch_);
  out_.heading(level, heading_text_.text());
  out_.content().block(2);
  paragraph_.clear();
}

void MarkdownExtractor::appendToParagraph(std::string_view text) {
  if (block_ != Block::paragraph) {
    closeBlock();
    block_ = Block::paragraph;
    paragraph_.clear();
    paragraph_lines_ = 0;
    paragraph_flushed_ = false;
    paragraph_break_ = list_item_start_ ? 1 : 2;
    out_.content().block(paragraph_break_);
  } else if (!glued_) {
    paragraph_ += '\n';  // a soft break, also after a flushed piece
  }
  list_item_start_ = false;
  paragraph_.append(text);
  ++paragraph_lines_;
  if (paragraph_.size() >= kMaxParagraphBytes) flushParagraph();
}

// Renders what the paragraph holds and goes on with it empty: a soft break
// (the '\n' the next line brings) separates the pieces.
void MarkdownExtractor::flushParagraph() {
  renderInline(paragraph_, out_, nullptr, scratch_);
  paragraph_.clear();
  paragraph_flushed_ = true;
}

void MarkdownExtractor::tableRow(std::string_view line) {
  out_.content().block(1);
  row_.clear();
  std::size_t index = 0;
  splitRow(line, [&](std::string_view cell) {
    if (index >= table_columns_) return;  // extra cells are ignored, as GFM does
    if (index++ > 0) out_.content().separator("\t");
    ItemText& text = scratch_.capture;
    text.clear();
    renderInline(cell, out_, &text, scratch_);
    row_.beginCell();
    row_.appendToCell(text.text());
    row_.endCell();
  });
  for (; index < table_columns_; ++index) {  // missing cells are empty
    out_.content().separator("\t");
    row_.beginCell();
    row_.endCell();
  }
  out_.row(table_index_, row_);
}

void MarkdownExtractor::closeBlock() {
  if (block_ == Block::paragraph) {
    if (!paragraph_.empty()) renderInline(paragraph_, out_, nullptr, scratch_);
    paragraph_.clear();
  }
  if (block_ == Block::fence || block_ == Block::indented_code || block_ == Block::table) out_.content().block(2);
  block_ = Block::none;
}

bool MarkdownExtractor::frontMatterLine(std::string_view line) {
  if (front_matter_ == FrontMatterState::undecided) {
    front_matter_ = trimRight(line) == "---" ? FrontMatterState::inside : FrontMatterState::done;
    if (front_matter_ == FrontMatterState::inside) front_.clear();
    return front_matter_ == FrontMatterState::inside;
  }
  const std::string_view trimmed = trimRight(line);
  if (trimmed == "---" || trimmed == "...") {
    front_matter_ = FrontMatterState::done;
    front_matter_lines_.clear();
    front_.apply(out_);
    out_.metadataReady();
    return true;
  }
  front_matter_lines_.append(line);
  front_matter_lines_ += '\n';
  if (front_matter_lines_.size() > kMaxFrontMatterBytes) {
    replayFrontMatter();
    return true;
  }
  front_.line(line);
  return true;
}

// Front matter that never closed (or grew too long) was Markdown after all.
void MarkdownExtractor::replayFrontMatter() {
  front_matter_ = FrontMatterState::done;
  front_.clear();
  const std::string lines = std::move(front_matter_lines_);
  front_matter_lines_.clear();
  processLine("---");
  std::string_view rest = lines;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    processLine(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
  }
}

}  // namespace

std::unique_ptr<FormatExtractor> makeMarkdownExtractor(Output& out) {
  return std::make_unique<MarkdownExtractor>(out);
}

}  // namespace tollgate::extraction
