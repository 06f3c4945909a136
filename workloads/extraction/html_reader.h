#pragma once
// What HTML elements and text mean for the result, apart from the tokenizer that
// finds them. The HTML format feeds it the tokens of a page; Markdown feeds it
// the elements its syntax stands for (a paragraph, a heading, a link, a cell)
// and its raw HTML through a tokenizer of its own, so both formats read the same
// markup the same way: a Markdown document gives what its rendered HTML gives.
//
// What it keeps: text with block structure as line breaks (paragraphs, headings,
// lists, tables with tab-separated cells, <br>), preformatted text as written;
// the title, <meta name=description|keywords> and <html lang> from the head;
// headings with their level; links (href and text); images (src and alt);
// tables as rows of cells. What it skips: script, style, noscript, iframe,
// template, textarea, comments, the head's other content.
//
// No element stack: each construct it cares about is a counter or a small
// bounded stack (tables, kMaxTableDepth), so 100,000 nested elements cost
// nothing and misnested or unclosed tags need no repair. Metadata comes from the
// head only (before <body> or the first content), which is what lets a stream
// report it before any content.

#include <string>
#include <string_view>
#include <vector>

#include "html_tokenizer.h"
#include "output.h"

namespace tollgate::extraction {

class HtmlReader final : public TokenSink {
 public:
  // document: a page, its head first. fragment: body content only (Markdown),
  // whose metadata comes from elsewhere.
  enum class Mode { document, fragment };

  HtmlReader(Output& out, Mode mode) : out_(out), mode_(mode) { reset(); }

  void text(const char* data, std::size_t size) override;
  using TokenSink::text;  // the string_view form, for Markdown's calls
  bool wantsAttributes(TagId id) override {
    return id == TagId::a || id == TagId::img || id == TagId::meta || id == TagId::html;
  }
  void startTag(const Tag& tag) override;
  void endTag(const Tag& tag) override;

  // Elements given by id, for a caller that is not a tokenizer.
  void start(TagId id);
  void end(TagId id);
  void startLink(std::string_view href);
  void image(std::string_view src, std::string_view alt);

  // Closes what is open (a link, a heading, tables) at the end of the input.
  void finish();
  void reset();

 private:
  struct OpenTable {
    std::uint32_t index = 0;
    RowBuilder row;
    bool in_row = false;
    std::size_t cells_started = 0;
  };

  void headTag(const Tag& tag);
  void bodyTag(const Tag& tag);
  void tableTag(const Tag& tag);
  void endHead();
  void endTitle();
  void itemSpace();
  void closeLink();
  void closeHeading();
  OpenTable* activeTable() { return table_depth_ > 0 && ignored_tables_ == 0 ? &tables_[table_depth_ - 1] : nullptr; }
  void endRow(OpenTable& t);
  void popTable();

  Output& out_;
  Mode mode_;
  Tag scratch_tag_;  // what start()/end() hand to startTag()/endTag()
  bool in_head_ = true;
  bool title_seen_ = false, collecting_title_ = false;
  ItemText title_;
  TagId raw_ = TagId::other;  // the RCDATA/RAWTEXT element being read
  int template_depth_ = 0;
  int pre_depth_ = 0;
  bool pre_start_ = false;  // HTML drops a newline right after <pre>
  bool in_link_ = false;
  std::string href_;
  ItemText link_text_;
  int heading_level_ = 0;
  ItemText heading_text_;
  std::vector<OpenTable> tables_;  // slots reused; the first table_depth_ are open
  std::size_t table_depth_ = 0;
  std::size_t ignored_tables_ = 0;  // open tables nested past kMaxTableDepth
};

}  // namespace tollgate::extraction
