#include "html_reader.h"

#include "extraction_limits.h"
#include "utf8.h"

namespace tollgate::extraction {
namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != b[i]) return false;
  }
  return true;
}

bool isAllSpace(std::string_view text) {
  for (const char c : text) {
    if (!isAsciiSpace(c)) return false;
  }
  return true;
}

}  // namespace

void HtmlReader::reset() {
  in_head_ = mode_ == Mode::document;
  title_seen_ = collecting_title_ = false;
  title_.clear();
  raw_ = TagId::other;
  template_depth_ = pre_depth_ = 0;
  pre_start_ = false;
  in_link_ = false;
  heading_level_ = 0;
  table_depth_ = ignored_tables_ = 0;
}

void HtmlReader::finish() {
  if (raw_ == TagId::title) endTitle();
  closeLink();
  closeHeading();
  while (table_depth_ > 0) popTable();
  out_.metadataReady();
}

void HtmlReader::endHead() {
  in_head_ = false;
  out_.metadataReady();
}

void HtmlReader::endTitle() {
  if (collecting_title_) out_.setMetadata(MetaField::title, title_.text());
  collecting_title_ = false;
  raw_ = TagId::other;
}

// A block boundary or <br> inside a heading, link or cell separates words there.
void HtmlReader::itemSpace() {
  if (in_link_) link_text_.space();
  if (heading_level_ > 0) heading_text_.space();
  if (OpenTable* t = activeTable(); t != nullptr && t->row.inCell()) t->row.spaceInCell();
}

void HtmlReader::closeLink() {
  if (!in_link_) return;
  in_link_ = false;
  out_.link(href_, link_text_.text());
}

void HtmlReader::closeHeading() {
  if (heading_level_ == 0) return;
  out_.heading(heading_level_, heading_text_.text());
  heading_level_ = 0;
}

void HtmlReader::endRow(OpenTable& t) {
  if (!t.in_row) return;
  t.row.endCell();
  if (t.cells_started > 0) out_.row(t.index, t.row);
  t.row.clear();
  t.in_row = false;
  t.cells_started = 0;
}

void HtmlReader::popTable() {
  endRow(tables_[table_depth_ - 1]);
  --table_depth_;
}

void HtmlReader::start(TagId id) {
  scratch_tag_.assign(id, false);
  startTag(scratch_tag_);
}

void HtmlReader::end(TagId id) {
  scratch_tag_.assign(id, true);
  endTag(scratch_tag_);
}

void HtmlReader::startLink(std::string_view href) {
  scratch_tag_.assign(TagId::a, false);
  scratch_tag_.addAttribute("href", href);
  startTag(scratch_tag_);
}

void HtmlReader::image(std::string_view src, std::string_view alt) {
  scratch_tag_.assign(TagId::img, false);
  scratch_tag_.addAttribute("src", src);
  scratch_tag_.addAttribute("alt", alt);
  startTag(scratch_tag_);
}

void HtmlReader::text(const char* data, std::size_t size) {
  std::string_view text(data, size);
  if (raw_ != TagId::other) {
    if (raw_ == TagId::title && collecting_title_) title_.append(text);
    else if (raw_ == TagId::xmp && template_depth_ == 0) out_.content().preformatted(text);
    return;  // script, style, noscript, iframe, textarea...
  }
  if (template_depth_ > 0) return;
  if (in_head_) {
    if (isAllSpace(text)) return;
    endHead();
  }
  if (pre_depth_ > 0) {
    if (pre_start_ && !text.empty()) {
      pre_start_ = false;
      if (text[0] == '\n') text.remove_prefix(1);
    }
    out_.content().preformatted(text);
  } else {
    out_.content().text(text);
  }
  if (in_link_) link_text_.append(text);
  if (heading_level_ > 0) heading_text_.append(text);
  if (OpenTable* t = activeTable(); t != nullptr && t->row.inCell()) t->row.appendToCell(text);
}

void HtmlReader::startTag(const Tag& tag) {
  const TextMode mode = textModeAfter(tag.id);
  if (mode == TextMode::rcdata || mode == TextMode::rawtext) {
    raw_ = tag.id;  // the tokenizer reads its content as text up to its end tag
    if (tag.id == TagId::title) {
      collecting_title_ = in_head_ && !title_seen_ && template_depth_ == 0;
      title_seen_ = title_seen_ || collecting_title_;
      title_.clear();
      return;
    }
    if (tag.id != TagId::xmp) return;  // skipped; xmp is shown, as preformatted text
  }
  if (tag.id == TagId::template_) {
    ++template_depth_;
    return;
  }
  if (template_depth_ > 0) return;
  if (in_head_) {
    if (isHeadElement(tag.id)) {
      headTag(tag);
      return;
    }
    endHead();
  }
  bodyTag(tag);
}

void HtmlReader::headTag(const Tag& tag) {
  if (tag.id == TagId::html) {
    if (const std::string* lang = tag.attribute("lang")) out_.setMetadata(MetaField::lang, *lang);
  } else if (tag.id == TagId::meta) {
    const std::string* name = tag.attribute("name");
    const std::string* content = tag.attribute("content");
    if (name == nullptr || content == nullptr) return;
    if (equalsIgnoringCase(*name, "description")) out_.setMetadata(MetaField::description, *content);
    if (equalsIgnoringCase(*name, "keywords")) out_.setMetadata(MetaField::keywords, *content);
  }
}

void HtmlReader::bodyTag(const Tag& tag) {
  // Only a newline that is the very next token after <pre> is dropped
  // ("<pre><code>\n" keeps it, as HTML5's tree builder does).
  pre_start_ = false;
  if (const int b = blockBreak(tag.id); b > 0) {
    itemSpace();
    out_.content().block(b);
  }
  if (const int level = headingLevel(tag.id); level > 0) {
    closeHeading();  // a heading inside a heading closes the first, as HTML5 does
    heading_level_ = level;
    heading_text_.clear();
    return;
  }
  switch (tag.id) {
    case TagId::pre: case TagId::listing:
      ++pre_depth_;
      pre_start_ = true;
      return;
    case TagId::plaintext:
      ++pre_depth_;
      return;
    case TagId::br:
      itemSpace();
      out_.content().lineBreak();
      return;
    case TagId::a:
      closeLink();  // an <a> inside an <a> closes the first
      if (const std::string* href = tag.attribute("href")) {
        in_link_ = true;
        href_ = *href;
        link_text_.clear();
      }
      return;
    case TagId::img:
      if (const std::string* src = tag.attribute("src")) {
        const std::string* alt = tag.attribute("alt");
        out_.image(*src, alt != nullptr ? std::string_view(*alt) : std::string_view());
      }
      return;
    default:
      tableTag(tag);
  }
}

void HtmlReader::tableTag(const Tag& tag) {
  if (tag.id == TagId::table) {
    if (ignored_tables_ > 0 || table_depth_ >= kMaxTableDepth) {
      ++ignored_tables_;
      return;
    }
    if (tables_.size() <= table_depth_) tables_.emplace_back();
    OpenTable& t = tables_[table_depth_++];
    t.index = out_.beginTable();
    t.row.clear();
    t.in_row = false;
    t.cells_started = 0;
    return;
  }
  OpenTable* t = activeTable();
  if (t == nullptr) return;  // a stray row or cell outside any table is just flow
  switch (tag.id) {
    case TagId::tr:
      endRow(*t);
      t->in_row = true;
      return;
    case TagId::thead: case TagId::tbody: case TagId::tfoot:
      endRow(*t);
      return;
    case TagId::td: case TagId::th:
      t->in_row = true;
      t->row.endCell();
      if (t->cells_started++ > 0) out_.content().separator("\t");
      t->row.beginCell();
      return;
    default:
      return;
  }
}

void HtmlReader::endTag(const Tag& tag) {
  if (raw_ != TagId::other && tag.id == raw_) {
    if (raw_ == TagId::title) {
      endTitle();
      return;
    }
    raw_ = TagId::other;
    if (tag.id != TagId::xmp) return;
  }
  if (template_depth_ > 0) {
    if (tag.id == TagId::template_) --template_depth_;
    return;
  }
  if (in_head_) {
    if (tag.id == TagId::head) endHead();
    return;  // stray end tags in the head change nothing
  }
  pre_start_ = false;
  if (tag.id == TagId::br) {  // "</br>" is a <br>, as HTML5 says
    itemSpace();
    out_.content().lineBreak();
    return;
  }
  if (const int b = blockBreak(tag.id); b > 0) {
    itemSpace();
    out_.content().block(b);
  }
  if (headingLevel(tag.id) > 0) {
    closeHeading();
    return;
  }
  switch (tag.id) {
    case TagId::pre: case TagId::listing:
      if (pre_depth_ > 0) --pre_depth_;
      return;
    case TagId::a:
      closeLink();
      return;
    case TagId::table:
      if (ignored_tables_ > 0) --ignored_tables_;
      else if (table_depth_ > 0) popTable();
      return;
    default:
      break;
  }
  OpenTable* t = activeTable();
  if (t == nullptr) return;
  if (tag.id == TagId::td || tag.id == TagId::th) t->row.endCell();
  if (tag.id == TagId::tr || tag.id == TagId::thead || tag.id == TagId::tbody || tag.id == TagId::tfoot) endRow(*t);
}

}  // namespace tollgate::extraction
