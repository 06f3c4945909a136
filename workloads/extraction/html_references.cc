// The HTML tokenizer's character references (html_tokenizer.h): the states
// after '&', in text and in attribute values, resumable like every other state.

#include <string>

#include "entities.h"
#include "html_tokenizer.h"
#include "utf8.h"

namespace tollgate::extraction {

void HtmlTokenizer::beginReference(State return_state) {
  return_state_ = return_state;
  state_ = State::char_ref;
}

bool HtmlTokenizer::inAttribute() const {
  return return_state_ == State::attr_value_double || return_state_ == State::attr_value_single ||
         return_state_ == State::attr_value_unquoted;
}

void HtmlTokenizer::emitReferenceText(std::string_view text) {
  if (inAttribute()) appendToValue(text);
  else sink_.text(text);
}

bool HtmlTokenizer::resolveNamedReference(char next, bool at_end) {
  const bool semicolon = !at_end && next == ';' && reference_.size() <= kMaxEntityNameBytes;
  const NamedReference match = matchNamedReference(reference_, semicolon);
  bool literal = match.length == 0;
  if (!literal && !match.semicolon && inAttribute()) {
    // HTML5: in an attribute, "&copy=1" or "&notit" without ';' stays as written.
    const char after = match.length < reference_.size() ? reference_[match.length] : (at_end ? '\0' : next);
    literal = after == '=' || isAsciiAlnum(after);
  }
  if (literal) {
    decoded_ = "&";
    decoded_ += reference_;
    emitReferenceText(decoded_);
    return false;
  }
  decoded_.assign(match.value);
  if (match.length < reference_.size()) decoded_.append(reference_, match.length, std::string::npos);
  emitReferenceText(decoded_);
  return match.semicolon;
}

void HtmlTokenizer::resolveNumericReference(bool /*semicolon*/) {
  decoded_.clear();
  appendUtf8(decoded_, htmlNumericReference(numeric_value_));
  emitReferenceText(decoded_);
}

const char* HtmlTokenizer::referenceStep(const char* p, const char* end) {
  const char c = *p;
  switch (state_) {
    case State::char_ref:
      if (isAsciiAlnum(c)) {
        reference_.clear();
        state_ = State::named_ref;
        return p;
      }
      if (c == '#') {
        numeric_value_ = 0;
        numeric_hex_ = false;
        numeric_digits_ = 0;
        reference_ = "#";
        state_ = State::numeric_ref;
        return p + 1;
      }
      emitReferenceText("&");  // "R&D", "a & b": just an ampersand
      state_ = return_state_;
      return p;
    case State::named_ref: {
      // One past the longest name is enough to know no "name;" can match.
      while (p < end && isAsciiAlnum(*p) && reference_.size() <= kMaxEntityNameBytes) reference_ += *p++;
      if (p == end) return p;
      const bool consumed = resolveNamedReference(*p, false);
      state_ = return_state_;
      return consumed ? p + 1 : p;
    }
    case State::numeric_ref:
      state_ = State::numeric_digits;
      if (c == 'x' || c == 'X') {
        numeric_hex_ = true;
        reference_ += c;
        return p + 1;
      }
      return p;
    default:  // numeric_digits
      for (; p < end; ++p) {
        const char ch = *p;
        const bool digit = numeric_hex_ ? isAsciiHexDigit(ch) : (ch >= '0' && ch <= '9');
        if (!digit) break;
        const std::uint32_t v = numeric_hex_ ? static_cast<std::uint32_t>(hexValue(ch)) : static_cast<std::uint32_t>(ch - '0');
        numeric_value_ = numeric_value_ * (numeric_hex_ ? 16 : 10) + v;
        if (numeric_value_ > 0x10FFFF) numeric_value_ = 0x110000;  // saturate: past the range is U+FFFD anyway
        ++numeric_digits_;
      }
      if (p == end) return p;
      if (numeric_digits_ == 0) {  // "&#;" "&#x": no reference, the characters stay
        decoded_ = "&";
        decoded_ += reference_;
        emitReferenceText(decoded_);
        state_ = return_state_;
        return p;
      }
      resolveNumericReference(*p == ';');
      state_ = return_state_;
      return *p == ';' ? p + 1 : p;
  }
}

}  // namespace tollgate::extraction
