#pragma once
// Where Markdown's blocks go: the elements they stand for, handed in document
// order to an HtmlReader (so the result is what the rendered HTML gives).
//
// References make a streaming reader wait: "[text][label]" is a link only if
// "[label]: url" is defined somewhere in the document, perhaps at its end, and
// a footnote's text is shown at the end, numbered by its first reference. So
// from the first block with a reference not yet defined, blocks are held (as
// events over their source) and rendered once the document ends, with every
// definition known. Held events are bounded by kMaxHeldMarkdownBytes: past it
// they are rendered with the definitions known so far (a reference still
// undefined stays text) and holding starts afresh. What is held depends only
// on the document, never on how it was split, so every adapter agrees.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "html_reader.h"
#include "html_tokenizer.h"
#include "markdown_inline.h"

namespace tollgate::extraction::markdown {

class Renderer final : private References {
 public:
  explicit Renderer(Output& out);

  // Elements: blockquote, ul, ol, li, pre (a code block: its <code> is implied),
  // hr, table, thead, tbody, tr.
  void open(TagId tag);
  void close(TagId tag);
  // A code block's text, as written.
  void code(std::string_view text);
  // A line of an HTML block, its line ending included.
  void html(std::string_view raw);
  // Inline content inside `wrapper` (p, h1-h6, th, td, or TagId::other for a
  // tight list item's paragraph).
  void inlines(std::string_view source, TagId wrapper);

  // "[label]: destination": the first definition of a label wins.
  void defineLink(std::string_view label, std::string_view destination);
  // Blocks between these belong to the footnote `label` (shown at the end).
  void beginFootnote(std::string_view label);
  void endFootnote();

  // The end of the document: what was held, then the footnotes.
  void finish();
  void reset();

 private:
  enum class EventKind : std::uint8_t { open, close, code, html, inlines };
  struct Event {
    EventKind kind;
    TagId tag;
    std::uint32_t offset, length;  // into the log's text
  };
  struct Log {
    std::vector<Event> events;
    std::string text;
    void clear() {
      events.clear();
      text.clear();
    }
  };
  struct Footnote {
    Log log;
    std::uint32_t number = 0;  // 0: not referenced (yet)
  };

  Answer link(std::string_view label, std::string_view* href) override;
  Answer footnote(std::string_view label, std::uint32_t* number) override;

  // Where events go now: the held log, a footnote's log, or nowhere (rendered).
  Log* target();
  void record(Log& log, EventKind kind, TagId tag, std::string_view text);
  void render(const Event& event, const Log& log);
  // Renders the held log with what is known now; empties it.
  void releaseHeld();

  HtmlReader reader_;
  HtmlTokenizer raw_;  // the raw HTML of HTML blocks and inline tags
  InlineScratch scratch_;
  std::unordered_map<std::string, std::string> links_;  // normalized label -> href
  std::size_t link_bytes_ = 0;
  std::unordered_map<std::string, std::uint32_t> footnote_index_;  // normalized label -> footnotes_
  std::vector<Footnote> footnotes_;
  std::vector<std::uint32_t> referenced_;  // footnotes_ indices in the order of their numbers
  std::size_t footnote_bytes_ = 0;
  std::int64_t open_footnote_ = -1;  // index being defined, or -1
  bool footnote_inline_ = false;     // the open footnote did not fit: rendered where it stands
  Log held_;
  bool final_ = false;  // every definition that will ever count is known
  std::string label_;
};

}  // namespace tollgate::extraction::markdown
