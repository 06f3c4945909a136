#include "markdown_extractor.h"

#include <cstring>

#include "extraction_limits.h"
#include "markdown_block_syntax.h"
#include "markdown_blocks.h"

namespace tollgate::extraction {
namespace {

using namespace markdown;

// Front matter: "key: value" lines between "---" lines at the very start. Only
// the keys the result model has are kept; lists ("[a, b]" or "- a" lines) are
// joined with ", ".
class FrontMatter {
 public:
  void line(std::string_view line) {
    const bool indented = !line.empty() && (line[0] == ' ' || line[0] == '\t');
    std::string_view body = trimView(line);
    if (indented && body.size() >= 2 && body[0] == '-' && body[1] == ' ') {
      if (last_ >= 0) appendListItem(values_[last_], unquote(trimView(body.substr(2))));
      return;
    }
    last_ = -1;
    const auto colon = body.find(':');
    if (indented || colon == std::string_view::npos) return;
    const std::string_view key = trimView(body.substr(0, colon));
    const int field = key == "title" ? 0 : key == "description" ? 1 : (key == "keywords" || key == "tags") ? 2
                    : (key == "lang" || key == "language") ? 3 : -1;
    if (field < 0 || set_[field]) return;
    set_[field] = true;
    last_ = field;
    std::string_view value = trimView(body.substr(colon + 1));
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
      appendListItem(to, unquote(trimView(list.substr(0, comma))));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }

  std::string values_[kMetaFieldCount];
  bool set_[kMetaFieldCount] = {};
  int last_ = -1;  // the key whose "- item" lines follow
};

// Lines out of the text as it arrives (whole lines inside a piece are read in
// place, without a copy), front matter off the top, the rest to the block parser.
class MarkdownExtractor final : public FormatExtractor {
 public:
  explicit MarkdownExtractor(Output& out) : FormatExtractor(out), blocks_(out) {}

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
    if (!line_.empty() || pending_cut_) deliver(line_);
    line_.clear();
    if (front_matter_ == FrontMatterState::inside) replayFrontMatter();
    blocks_.finish();
  }

  void reset() override {
    line_.clear();
    pending_cut_ = false;
    front_matter_ = FrontMatterState::undecided;
    front_matter_lines_.clear();
    front_.clear();
    blocks_.reset();
  }

 private:
  enum class FrontMatterState { undecided, inside, done };

  // A whole line, cut into kMaxLineBytes pieces read on as one line.
  void deliver(std::string_view line) {
    while (line.size() > kMaxLineBytes) {
      const std::size_t cut = prefixAtBoundary(line, kMaxLineBytes);
      piece(line.substr(0, cut), true);
      line.remove_prefix(cut);
    }
    piece(line, false);
    pending_cut_ = false;
  }
  // The same cuts while the line is still arriving, so they fall at the same
  // places however the input was split.
  void cutLongLine() {
    while (line_.size() > kMaxLineBytes) {
      const std::size_t cut = prefixAtBoundary(line_, kMaxLineBytes);
      piece(std::string_view(line_).substr(0, cut), true);
      line_.erase(0, cut);
      pending_cut_ = true;
    }
  }
  void piece(std::string_view text, bool more) {
    if (!pending_cut_ && !more && front_matter_ != FrontMatterState::done && frontMatterLine(text)) return;
    if (front_matter_ != FrontMatterState::done) front_matter_ = FrontMatterState::done;
    blocks_.line(text, more);
    pending_cut_ = more;
  }
  bool frontMatterLine(std::string_view line);
  void replayFrontMatter();

  std::string line_;
  bool pending_cut_ = false;  // the line being read was cut: its next piece continues it
  FrontMatterState front_matter_ = FrontMatterState::undecided;
  std::string front_matter_lines_;  // kept to be read as Markdown if it never closes
  FrontMatter front_;
  BlockParser blocks_;
};

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
  blocks_.line("---", false);
  std::string_view rest = lines;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    blocks_.line(rest.substr(0, nl), false);
    rest.remove_prefix(nl + 1);
  }
}

}  // namespace

std::unique_ptr<FormatExtractor> makeMarkdownExtractor(Output& out) {
  return std::make_unique<MarkdownExtractor>(out);
}

}  // namespace tollgate::extraction
