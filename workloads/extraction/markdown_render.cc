#include "markdown_render.h"

#include <cstdio>

#include "extraction_limits.h"

namespace tollgate::extraction::markdown {

Renderer::Renderer(Output& out)
    : reader_(out, HtmlReader::Mode::fragment), raw_(reader_) {}

void Renderer::reset() {
  reader_.reset();
  raw_.reset();
  links_.clear();
  link_bytes_ = 0;
  footnote_index_.clear();
  footnotes_.clear();
  referenced_.clear();
  footnote_bytes_ = 0;
  open_footnote_ = -1;
  footnote_inline_ = false;
  held_.clear();
  final_ = false;
}

References::Answer Renderer::link(std::string_view label, std::string_view* href) {
  label_.assign(label);
  const auto it = links_.find(label_);
  if (it != links_.end()) {
    *href = it->second;
    return Answer::defined;
  }
  return final_ ? Answer::undefined : Answer::unknown;
}

References::Answer Renderer::footnote(std::string_view label, std::uint32_t* number) {
  label_.assign(label);
  const auto it = footnote_index_.find(label_);
  if (it == footnote_index_.end()) return final_ ? Answer::undefined : Answer::unknown;
  Footnote& f = footnotes_[it->second];
  if (f.number == 0) {
    referenced_.push_back(it->second);
    f.number = static_cast<std::uint32_t>(referenced_.size());
  }
  *number = f.number;
  return Answer::defined;
}

void Renderer::defineLink(std::string_view label, std::string_view destination) {
  if (label.empty() || link_bytes_ > kMaxLinkDefinitionBytes) return;
  label_.assign(label);
  if (links_.count(label_) != 0) return;  // the first definition wins
  std::string href;
  std::string unescaped;
  unescape(destination, unescaped);
  appendHref(unescaped, href);
  link_bytes_ += label_.size() + href.size();
  links_.emplace(label_, std::move(href));
}

void Renderer::beginFootnote(std::string_view label) {
  label_.assign(label);
  footnote_inline_ = footnote_bytes_ > kMaxFootnoteBytes || footnote_index_.count(label_) != 0;
  if (footnote_inline_) return;  // a second definition of a label, or no room: its text stays here
  footnote_index_.emplace(label_, static_cast<std::uint32_t>(footnotes_.size()));
  open_footnote_ = static_cast<std::int64_t>(footnotes_.size());
  footnotes_.emplace_back();
}

void Renderer::endFootnote() {
  open_footnote_ = -1;
  footnote_inline_ = false;
}

Renderer::Log* Renderer::target() {
  if (open_footnote_ >= 0) return &footnotes_[static_cast<std::size_t>(open_footnote_)].log;
  return held_.events.empty() ? nullptr : &held_;
}

void Renderer::record(Log& log, EventKind kind, TagId tag, std::string_view text) {
  log.events.push_back({kind, tag, static_cast<std::uint32_t>(log.text.size()), static_cast<std::uint32_t>(text.size())});
  log.text.append(text);
  if (&log != &held_) {
    footnote_bytes_ += text.size() + sizeof(Event);
  } else if (held_.text.size() + held_.events.size() * sizeof(Event) > kMaxHeldMarkdownBytes) {
    releaseHeld();
  }
}

void Renderer::open(TagId tag) {
  if (Log* log = target()) return record(*log, EventKind::open, tag, {});
  reader_.start(tag);
  if (tag == TagId::pre) reader_.start(TagId::other);  // <pre><code>: the newline after <pre> is kept
}

void Renderer::close(TagId tag) {
  if (Log* log = target()) return record(*log, EventKind::close, tag, {});
  reader_.end(tag);
}

void Renderer::code(std::string_view text) {
  if (Log* log = target()) return record(*log, EventKind::code, TagId::other, text);
  reader_.text(text);
}

void Renderer::html(std::string_view raw) {
  if (Log* log = target()) return record(*log, EventKind::html, TagId::other, raw);
  raw_.feed(raw);
}

void Renderer::inlines(std::string_view source, TagId wrapper) {
  if (Log* log = target()) return record(*log, EventKind::inlines, wrapper, source);
  if (!renderInline(source, wrapper, *this, reader_, raw_, scratch_)) {
    record(held_, EventKind::inlines, wrapper, source);  // from here on, everything waits
  }
}

void Renderer::render(const Event& event, const Log& log) {
  const std::string_view text = std::string_view(log.text).substr(event.offset, event.length);
  switch (event.kind) {
    case EventKind::open:
      reader_.start(event.tag);
      if (event.tag == TagId::pre) reader_.start(TagId::other);
      break;
    case EventKind::close: reader_.end(event.tag); break;
    case EventKind::code: reader_.text(text); break;
    case EventKind::html: raw_.feed(text); break;
    case EventKind::inlines: renderInline(text, event.tag, *this, reader_, raw_, scratch_); break;
  }
}

void Renderer::releaseHeld() {
  const bool was_final = final_;
  final_ = true;  // what is still undefined now counts as undefined
  Log log = std::move(held_);
  held_.clear();
  for (const Event& e : log.events) render(e, log);
  final_ = was_final;
  log.clear();
  held_ = std::move(log);  // keeps its capacity
}

void Renderer::finish() {
  final_ = true;
  open_footnote_ = -1;
  releaseHeld();
  if (!referenced_.empty()) {
    // GFM's footnotes section: the referenced footnotes in the order of their
    // numbers (a footnote's own references may add more as it renders).
    reader_.start(TagId::section);
    reader_.start(TagId::ol);
    for (std::size_t i = 0; i < referenced_.size(); ++i) {
      const Log& log = footnotes_[referenced_[i]].log;
      reader_.start(TagId::li);
      for (const Event& e : log.events) render(e, log);
      reader_.end(TagId::li);
    }
    reader_.end(TagId::ol);
    reader_.end(TagId::section);
  }
  raw_.finish();
  reader_.finish();
}

}  // namespace tollgate::extraction::markdown
