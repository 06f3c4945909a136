#include "xml_extractor.h"

#include <string>
#include <vector>

#include "html_tokenizer.h"

namespace tollgate::extraction {
namespace {

std::string_view localName(std::string_view name) {
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

class XmlExtractor final : public FormatExtractor, private TokenSink {
 public:
  explicit XmlExtractor(Output& out) : FormatExtractor(out), tokenizer_(*this, Dialect::xml) {}

  void feed(std::string_view text) override { tokenizer_.feed(text); }
  void finish() override {
    tokenizer_.finish();
    endElement();
    out_.metadataReady();
    flushLinks();
  }
  void reset() override {
    tokenizer_.reset();
    collecting_ = Collecting::none;
    depth_ = 0;
    seen_title_ = false;
    break_owed_ = false;
    pending_links_.clear();
  }

 private:
  enum class Collecting { none, title, description, language, heading, link };

  bool wantsAttributes(TagId) override { return true; }

  void text(const char* data, std::size_t size) override {
    const std::string_view text(data, size);
    if (collecting_ != Collecting::none) {
      item_.append(text);
      return;
    }
    bool blank = true;
    for (const char c : text) blank = blank && isAsciiSpace(c);
    // Whitespace between elements neither starts the content nor ends the
    // metadata; once the content has begun it separates words like any space.
    if (blank) {
      if (out_.isMetadataReady() && !break_owed_) out_.content().text(text);
      return;
    }
    writeText(text);
  }

  // Breaks are owed, not written, until there is text: touching the content
  // makes the metadata final, and the feed's metadata elements come first.
  void writeText(std::string_view text) {
    ContentWriter& content = out_.content();
    flushLinks();
    if (break_owed_) content.block(1);
    break_owed_ = false;
    content.text(text);
  }

  void startTag(const Tag& tag) override {
    endElement();
    const std::string_view name = localName(tag.name());
    if (depth_++ == 0) {
      if (const std::string* lang = tag.attribute("xml:lang")) out_.setMetadata(MetaField::lang, *lang);
    }
    if (!tag.self_closing) break_owed_ = true;
    const bool metadata_open = !out_.isMetadataReady();
    if (name == "title") {
      collecting_ = seen_title_ ? Collecting::heading : Collecting::title;
      seen_title_ = true;
    } else if (metadata_open && (name == "description" || name == "subtitle" || name == "summary")) {
      collecting_ = Collecting::description;
    } else if (metadata_open && name == "language") {
      collecting_ = Collecting::language;
    } else if (name == "link") {
      if (const std::string* href = tag.attribute("href")) {
        link(*href);
      } else if (!tag.self_closing) {
        collecting_ = Collecting::link;
      }
    }
    if (tag.self_closing) {
      --depth_;
      endElement();
    }
    item_.clear();
  }

  void endTag(const Tag&) override {
    endElement();
    if (depth_ > 0) --depth_;
    break_owed_ = true;
  }

  // A record makes the metadata final, and a feed's own <link> comes before its
  // description: links wait (a bounded few) until the metadata is done.
  void link(std::string_view href) {
    if (out_.isMetadataReady()) {
      out_.link(href, "");
      return;
    }
    pending_links_.emplace_back(href);
    if (pending_links_.size() >= kMaxPendingLinks) {
      out_.metadataReady();
      flushLinks();
    }
  }
  void flushLinks() {
    for (const std::string& href : pending_links_) out_.link(href, "");
    pending_links_.clear();
  }

  // What a title, description, language or link element collected goes where it belongs.
  void endElement() {
    Collecting what = collecting_;
    collecting_ = Collecting::none;
    // A first title after the content began is a heading like the others.
    if (what == Collecting::title && out_.isMetadataReady()) what = Collecting::heading;
    switch (what) {
      case Collecting::title: out_.setMetadata(MetaField::title, item_.text()); break;
      case Collecting::description: out_.setMetadata(MetaField::description, item_.text()); break;
      case Collecting::language: out_.setMetadata(MetaField::lang, item_.text()); break;
      case Collecting::link: link(item_.text()); break;
      case Collecting::heading:
        break_owed_ = true;
        writeText(item_.text());  // the metadata is final from here on
        out_.heading(2, item_.text());
        break_owed_ = true;
        break;
      case Collecting::none: break;
    }
    item_.clear();
  }

  HtmlTokenizer tokenizer_;
  Collecting collecting_ = Collecting::none;
  ItemText item_;
  std::size_t depth_ = 0;
  bool seen_title_ = false;
  bool break_owed_ = false;
  static constexpr std::size_t kMaxPendingLinks = 16;
  std::vector<std::string> pending_links_;
};

}  // namespace

std::unique_ptr<FormatExtractor> makeXmlExtractor(Output& out) { return std::make_unique<XmlExtractor>(out); }

}  // namespace tollgate::extraction
