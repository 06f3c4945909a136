#include "html_tokenizer.h"

#include <algorithm>

#include "extraction_limits.h"
#include "scan.h"
#include "utf8.h"

namespace tollgate::extraction {
namespace {

bool isAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char toLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool startsLike(std::string_view text, std::string_view word, bool ignore_case) {
  if (text.size() > word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((ignore_case ? toLower(text[i]) : text[i]) != word[i]) return false;
  }
  return true;
}

}  // namespace

const std::string* Tag::attribute(std::string_view name) const {
  for (std::size_t i = 0; i < attribute_count_; ++i) {
    if (attributes_[i].name == name) return &attributes_[i].value;
  }
  return nullptr;
}

void Tag::clearName() {
  name_length_ = 0;
  packed_name_ = 0;
  name_too_long_ = false;
}

void Tag::setName(const char* name, std::size_t length) {
  clearName();
  appendToName(name, length);
}

void Tag::appendToName(const char* text, std::size_t length) {
  const std::size_t take = std::min(length, kMaxNameBytes - name_length_);
  name_too_long_ = name_too_long_ || take < length;
  std::uint64_t packed = packed_name_;
  for (std::size_t i = 0; i < take; ++i) {
    const std::size_t at = name_length_ + i;
    const char c = toLower(text[i]);
    name_[at] = c;
    if (at < 8) packed |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * at);
  }
  packed_name_ = packed;
  name_length_ += take;
}

TagId Tag::lookUpId() const {
  if (name_too_long_ || name_length_ == 0) return TagId::other;
  if (name_length_ > 8) return tagId(name());
  return tagIdPacked(packed_name_);
}

void Tag::assign(TagId tag_id, bool end_tag) {
  id = tag_id;
  end = end_tag;
  self_closing = false;
  clearName();
  attribute_count_ = 0;
}

void Tag::addAttribute(std::string_view name, std::string_view value) {
  if (attribute_count_ >= kMaxAttributes) return;
  if (attributes_.size() <= attribute_count_) attributes_.emplace_back();
  Attribute& a = attributes_[attribute_count_++];
  a.name.assign(name);
  a.value.assign(value.substr(0, prefixAtBoundary(value, 2 * kMaxItemBytes)));
}

void HtmlTokenizer::reset() {
  state_ = text_state_ = return_state_ = State::data;
  tag_.attribute_count_ = 0;
  keep_attributes_ = attribute_kept_ = false;
}

void HtmlTokenizer::feed(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    switch (state_) {
      case State::data: case State::rcdata: case State::rawtext: case State::plaintext:
        p = textStep(p, end);
        break;
      case State::tag_open: case State::end_tag_open: case State::tag_name: case State::raw_less_than:
      case State::raw_end_tag_name:
        p = tagStep(p, end);
        break;
      case State::before_attr_name: case State::attr_name: case State::after_attr_name:
      case State::before_attr_value: case State::attr_value_double: case State::attr_value_single:
      case State::attr_value_unquoted: case State::after_attr_value: case State::self_closing:
        p = attributeStep(p, end);
        break;
      case State::char_ref: case State::named_ref: case State::numeric_ref: case State::numeric_digits:
        p = referenceStep(p, end);
        break;
      default:
        p = markupStep(p, end);
    }
  }
}

const char* HtmlTokenizer::textStep(const char* p, const char* end) {
  const char* start = p;
  if (state_ == State::data || state_ == State::rcdata) {
    p = scan::find(p, end, '<', '&', '\0');
  } else if (state_ == State::rawtext) {
    p = scan::find(p, end, '<', '\0', '\0');
  } else {
    p = scan::find(p, end, '\0', '\0', '\0');
  }
  if (p > start) sink_.text(std::string_view(start, p - start));
  if (p == end) return p;
  const char c = *p++;
  if (c == '\0') {
    // A browser's tree builder drops NUL from data; the raw modes show U+FFFD.
    if (state_ != State::data) sink_.text(kReplacementChar);
  } else if (c == '&') {
    beginReference(state_);
  } else if (state_ == State::data) {
    if (const char* after = wholeTag(p, end)) return after;
    state_ = State::tag_open;
  } else {
    state_ = State::raw_less_than;
  }
  return p;
}

void HtmlTokenizer::beginTag(bool end_tag) {
  tag_.assign(TagId::other, end_tag);
  keep_attributes_ = attribute_kept_ = false;
}

void HtmlTokenizer::endTagName() {
  tag_.id = tag_.lookUpId();
  keep_attributes_ = !tag_.end && sink_.wantsAttributes(tag_.id);
}

const char* HtmlTokenizer::tagStep(const char* p, const char* end) {
  const char c = *p;
  switch (state_) {
    case State::tag_open:
      if (isAsciiAlpha(c)) {
        beginTag(false);
        state_ = State::tag_name;
        return p;
      }
      if (c == '/') {
        state_ = State::end_tag_open;
        return p + 1;
      }
      if (c == '!') {
        declaration_.clear();
        state_ = State::markup_declaration;
        return p + 1;
      }
      if (c == '?') {
        state_ = State::bogus_comment;
        return p + 1;
      }
      sink_.text("<");  // a stray '<': "a < b"
      state_ = State::data;
      return p;
    case State::end_tag_open:
      if (isAsciiAlpha(c)) {
        beginTag(true);
        state_ = State::tag_name;
        return p;
      }
      state_ = c == '>' ? State::data : State::bogus_comment;  // "</>" is nothing
      return c == '>' ? p + 1 : p;
    case State::tag_name: {
      const char* name_end = p;
      while (name_end < end && !isAsciiSpace(*name_end) && *name_end != '/' && *name_end != '>') ++name_end;
      tag_.appendToName(p, name_end - p);
      if (name_end == end) return end;
      const char ch = *name_end;
      endTagName();
      if (ch == '>') {
        emitTag();
      } else {
        state_ = ch == '/' ? State::self_closing : State::before_attr_name;
      }
      return name_end + 1;
    }
    case State::raw_less_than:
      if (c == '/') {
        raw_seen_ = "</";
        state_ = State::raw_end_tag_name;
        return p + 1;
      }
      sink_.text("<");
      state_ = text_state_;
      return p;
    default: {  // raw_end_tag_name
      const std::size_t matched = raw_seen_.size() - 2;
      if (matched < raw_name_.size()) {
        if (toLower(c) == raw_name_[matched]) {
          raw_seen_ += c;
          return p + 1;
        }
      } else if (isAsciiSpace(c) || c == '/' || c == '>') {
        beginTag(true);
        tag_.setName(raw_name_.data(), raw_name_.size());
        endTagName();
        if (c == '>') {
          emitTag();
        } else {
          state_ = c == '/' ? State::self_closing : State::before_attr_name;
        }
        return p + 1;
      }
      sink_.text(raw_seen_);  // not the end tag after all: it was text
      state_ = text_state_;
      return p;
    }
  }
}

void HtmlTokenizer::beginAttribute() {
  attribute_kept_ = keep_attributes_ && tag_.attribute_count_ < kMaxAttributes;
  if (!attribute_kept_) return;
  if (tag_.attributes_.size() <= tag_.attribute_count_) tag_.attributes_.emplace_back();
  Attribute& a = tag_.attributes_[tag_.attribute_count_++];
  a.name.clear();
  a.value.clear();
}

void HtmlTokenizer::endAttributeName() {
  if (!attribute_kept_) return;
  const std::string& name = tag_.attributes_[tag_.attribute_count_ - 1].name;
  for (std::size_t i = 0; i + 1 < tag_.attribute_count_; ++i) {
    if (tag_.attributes_[i].name == name) {  // a duplicate: the first one wins
      --tag_.attribute_count_;
      attribute_kept_ = false;
      return;
    }
  }
}

void HtmlTokenizer::appendToValue(std::string_view text) {
  if (!attribute_kept_) return;
  std::string& value = tag_.attributes_[tag_.attribute_count_ - 1].value;
  // Kept a little past kMaxItemBytes so that trimming whitespace still leaves a full record.
  const std::size_t room = 2 * kMaxItemBytes - std::min(value.size(), 2 * kMaxItemBytes);
  value.append(text.substr(0, prefixAtBoundary(text, room)));
}

void HtmlTokenizer::emitTag() {
  if (tag_.end) {
    sink_.endTag(tag_);
    state_ = text_state_ = State::data;
    return;
  }
  sink_.startTag(tag_);
  switch (dialect_ == Dialect::xml ? TextMode::data : textModeAfter(tag_.id)) {
    case TextMode::rcdata: text_state_ = State::rcdata; break;
    case TextMode::rawtext: text_state_ = State::rawtext; break;
    case TextMode::plaintext: text_state_ = State::plaintext; break;
    case TextMode::data: text_state_ = State::data; break;
  }
  if (text_state_ != State::data) raw_name_.assign(tag_.name());  // what ends RCDATA or RAWTEXT
  state_ = text_state_;
}

const char* HtmlTokenizer::attributeStep(const char* p, const char* end) {
  const char c = *p;
  switch (state_) {
    case State::before_attr_name:
      if (isAsciiSpace(c)) return p + 1;
      if (c == '/' || c == '>') {
        if (c == '>') emitTag(); else state_ = State::self_closing;
        return p + 1;
      }
      beginAttribute();
      state_ = State::attr_name;
      if (c == '=') {  // "<p =x>": an attribute named "="
        if (attribute_kept_) tag_.attributes_[tag_.attribute_count_ - 1].name += '=';
        return p + 1;
      }
      return p;
    case State::attr_name:
      for (; p < end; ++p) {
        const char ch = *p;
        if (isAsciiSpace(ch) || ch == '/' || ch == '>' || ch == '=') {
          endAttributeName();
          if (ch == '>') emitTag();
          else state_ = ch == '/' ? State::self_closing : ch == '=' ? State::before_attr_value : State::after_attr_name;
          return p + 1;
        }
        if (attribute_kept_) {
          std::string& name = tag_.attributes_[tag_.attribute_count_ - 1].name;
          if (name.size() < kMaxNameBytes) name += toLower(ch);
        }
      }
      return p;
    case State::after_attr_name:
      if (isAsciiSpace(c)) return p + 1;
      if (c == '/' || c == '=' || c == '>') {
        if (c == '>') emitTag(); else state_ = c == '/' ? State::self_closing : State::before_attr_value;
        return p + 1;
      }
      beginAttribute();
      state_ = State::attr_name;
      return p;
    case State::before_attr_value:
      if (isAsciiSpace(c)) return p + 1;
      if (c == '"') state_ = State::attr_value_double;
      else if (c == '\'') state_ = State::attr_value_single;
      else if (c == '>') emitTag();
      else {
        state_ = State::attr_value_unquoted;
        return p;
      }
      return p + 1;
    case State::attr_value_double:
    case State::attr_value_single: {
      const char quote = state_ == State::attr_value_double ? '"' : '\'';
      const char* start = p;
      while (p < end && *p != quote && *p != '&') ++p;
      appendToValue(std::string_view(start, p - start));
      if (p == end) return p;
      if (*p == quote) state_ = State::after_attr_value;
      else beginReference(state_);
      return p + 1;
    }
    case State::attr_value_unquoted: {
      const char* start = p;
      while (p < end && !isAsciiSpace(*p) && *p != '&' && *p != '>') ++p;
      appendToValue(std::string_view(start, p - start));
      if (p == end) return p;
      if (*p == '&') beginReference(state_);
      else if (*p == '>') emitTag();
      else state_ = State::before_attr_name;
      return p + 1;
    }
    case State::after_attr_value:
      if (isAsciiSpace(c)) {
        state_ = State::before_attr_name;
        return p + 1;
      }
      if (c == '/' || c == '>') {
        if (c == '>') emitTag(); else state_ = State::self_closing;
        return p + 1;
      }
      state_ = State::before_attr_name;
      return p;
    default:  // self_closing
      if (c == '>') {
        tag_.self_closing = true;
        emitTag();
        return p + 1;
      }
      state_ = State::before_attr_name;
      return p;
  }
}

const char* HtmlTokenizer::markupStep(const char* p, const char* end) {
  const char c = *p;
  switch (state_) {
    case State::markup_declaration: {
      if (c == '>') {  // "<!>", "<!->", "<!DOC>": an empty bogus comment
        state_ = State::data;
        return p + 1;
      }
      declaration_ += c;
      if (declaration_ == "--") {
        state_ = State::comment_start;
      } else if (dialect_ == Dialect::xml && declaration_ == "[CDATA[") {
        state_ = State::cdata;
      } else if (declaration_.size() == 7 || !(startsLike(declaration_, "--", false) ||
                                               startsLike(declaration_, "doctype", true) ||
                                               startsLike(declaration_, "[CDATA[", false))) {
        state_ = State::bogus_comment;  // DOCTYPE, CDATA (bogus in HTML content) and the rest: up to '>'
      }
      return p + 1;
    }
    case State::comment_start:
    case State::comment_start_dash:
      if (c == '-') {
        state_ = state_ == State::comment_start ? State::comment_start_dash : State::comment_end;
        return p + 1;
      }
      if (c == '>') {  // "<!-->" and "<!--->" end at once
        state_ = State::data;
        return p + 1;
      }
      state_ = State::comment;
      return p;
    case State::comment: {
      const char* dash = scan::find(p, end, '-', '-', '-');  // wasm's memchr is byte-serial
      if (dash == end) return end;
      state_ = State::comment_end_dash;
      return dash + 1;
    }
    case State::comment_end_dash:
      state_ = c == '-' ? State::comment_end : State::comment;
      return c == '-' ? p + 1 : p;
    case State::comment_end:
      if (c == '>') state_ = State::data;
      else if (c == '!') state_ = State::comment_end_bang;
      else if (c != '-') {
        state_ = State::comment;
        return p;
      }
      return p + 1;
    case State::comment_end_bang:
      if (c == '-') state_ = State::comment_end_dash;
      else if (c == '>') state_ = State::data;
      else {
        state_ = State::comment;
        return p;
      }
      return p + 1;
    case State::cdata: {
      const char* start = p;
      while (p < end && *p != ']') ++p;
      if (p > start) sink_.text(std::string_view(start, p - start));
      if (p < end) state_ = State::cdata_bracket;
      return p < end ? p + 1 : p;
    }
    case State::cdata_bracket:
      if (c == ']') {
        state_ = State::cdata_end;
        return p + 1;
      }
      sink_.text("]");
      state_ = State::cdata;
      return p;
    case State::cdata_end:
      if (c == '>') {
        state_ = State::data;
        return p + 1;
      }
      sink_.text("]");  // "]]]": the first bracket was text
      if (c != ']') {
        sink_.text("]");
        state_ = State::cdata;
      }
      return c == ']' ? p + 1 : p;
    default: {  // bogus_comment
      const char* close = scan::find(p, end, '>', '>', '>');
      if (close == end) return end;
      state_ = State::data;
      return close + 1;
    }
  }
}

void HtmlTokenizer::finish() {
  switch (state_) {
    case State::tag_open: case State::raw_less_than: sink_.text("<"); break;
    case State::end_tag_open: sink_.text("</"); break;
    case State::raw_end_tag_name: sink_.text(raw_seen_); break;
    case State::cdata_bracket: sink_.text("]"); break;
    case State::cdata_end: sink_.text("]]"); break;
    case State::char_ref: emitReferenceText("&"); break;
    case State::named_ref: resolveNamedReference('\0', true); break;
    case State::numeric_ref:
    case State::numeric_digits:
      if (numeric_digits_ == 0) {
        decoded_ = "&";
        decoded_ += reference_;
        emitReferenceText(decoded_);
      } else {
        resolveNumericReference(false);
      }
      break;
    default: break;  // an unfinished tag, comment or declaration is dropped
  }
  state_ = State::data;
}

}  // namespace tollgate::extraction
