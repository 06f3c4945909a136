#include "content_writer.h"

#include "scan.h"
#include "utf8.h"

namespace tollgate::extraction {

void ContentWriter::reset() {
  owed_newlines_ = 0;
  trailing_newlines_ = 0;
  space_owed_ = false;
  line_has_text_ = false;
  started_ = false;
  in_word_ = false;
  words_ = 0;
  chars_ = 0;
}

namespace {

// Whether the character whose lead byte is p[0] is a Unicode space (its length
// is at least 2: the ASCII ones are tested apart). Only a handful exist:
// U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
bool isWideSpace(const unsigned char* p, std::size_t available) {
  switch (p[0]) {
    case 0xC2: return available >= 2 && (p[1] == 0x85 || p[1] == 0xA0);
    case 0xE1: return available >= 3 && p[1] == 0x9A && p[2] == 0x80;
    case 0xE2:
      if (available < 3) return false;
      if (p[1] == 0x80) return p[2] <= 0x8A || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF;
      return p[1] == 0x81 && p[2] == 0x9F;
    case 0xE3: return available >= 3 && p[1] == 0x80 && p[2] == 0x80;
    default: return false;
  }
}

bool isAsciiWordSpace(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

}  // namespace

void ContentWriter::write(std::string_view text) {
  if (text.empty()) return;
  started_ = true;
  out_->append(text);
  // Count characters and words on exactly what is written, so every adapter and
  // every chunking of a stream counts the same.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::uint64_t chars = 0, words = 0;
  bool in_word = in_word_;
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {  // plain ASCII, eight bytes at a time, resumed after every other character
      const std::uint64_t v = scan::load(text.data() + i);
      if ((v & scan::kHighs) == 0) {
        scan::countAscii(v, words, in_word);
        chars += 8;
        i += 8;
        continue;
      }
    }
    // One character: valid UTF-8, so its lead byte gives its length.
    const unsigned char c = p[i];
    bool space;
    if (c < 0x80) {
      space = isAsciiWordSpace(c);
      i += 1;
    } else {
      space = isWideSpace(p + i, n - i);
      i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    }
    ++chars;
    words += !space && !in_word;
    in_word = !space;
  }
  chars_ += chars;
  words_ += words;
  in_word_ = in_word;
  std::size_t newlines = 0;
  while (newlines < n && text[n - 1 - newlines] == '\n') ++newlines;
  trailing_newlines_ = newlines == n ? trailing_newlines_ + static_cast<int>(newlines) : static_cast<int>(newlines);
  line_has_text_ = newlines == 0;
}

void ContentWriter::flushOwed() {
  if (owed_newlines_ > 0) {
    if (started_) {
      const int missing = owed_newlines_ - trailing_newlines_;
      for (int i = 0; i < missing; ++i) write("\n");
    }
    owed_newlines_ = 0;
    space_owed_ = false;
  }
}

void ContentWriter::text(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    if (isAsciiSpace(*p)) {
      // Owed only after text on this line; breaks owed or written drop it.
      if (line_has_text_ && owed_newlines_ == 0) space_owed_ = true;
      ++p;
      continue;
    }
    // The longest run already in collapsed form (words with single spaces
    // between) goes out in one append, counted as it is scanned.
    const char* run = p;
    std::uint64_t spaces = 0;
    unsigned char high = 0;
    for (;;) {
      // Non-ASCII and VT (a word separator that HTML does not collapse) take
      // the counting path below; everything else is counted by its spaces.
      while (p < end && !isAsciiSpace(*p)) {
        const auto c = static_cast<unsigned char>(*p++);
        high |= c == '\v' ? 0x80 : c;
      }
      if (p + 1 < end && *p == ' ' && !isAsciiSpace(p[1])) {
        ++spaces;
        ++p;
        continue;
      }
      break;
    }
    flushOwed();
    if (space_owed_) {  // one space: counted here rather than through write()
      space_owed_ = false;
      out_->push_back(' ');
      ++chars_;
      in_word_ = false;
    }
    if (high >= 0x80) {
      write(std::string_view(run, p - run));  // characters counted one by one
      continue;
    }
    started_ = true;
    out_->append(run, p - run);
    chars_ += static_cast<std::uint64_t>(p - run);
    words_ += spaces + (in_word_ ? 0 : 1);
    in_word_ = true;
    trailing_newlines_ = 0;
    line_has_text_ = true;
  }
}

void ContentWriter::preformatted(std::string_view text) {
  if (text.empty()) return;
  flushOwed();
  if (space_owed_) {
    write(" ");
    space_owed_ = false;
  }
  write(text);
}

void ContentWriter::block(int newlines) {
  if (newlines > owed_newlines_) owed_newlines_ = newlines;
  space_owed_ = false;
}

void ContentWriter::lineBreak() {
  // A break counts from what is already owed or written: "a<br><br>b" is a blank line.
  if (!started_) return;
  const int base = owed_newlines_ > trailing_newlines_ ? owed_newlines_ : trailing_newlines_;
  owed_newlines_ = base + 1;
  space_owed_ = false;
}

void ContentWriter::separator(std::string_view separator) {
  flushOwed();
  space_owed_ = false;
  write(separator);
  line_has_text_ = false;  // like a line start: whitespace right after it is dropped
}

void ItemText::clear() {
  buffer_.clear();
  space_owed_ = false;
  full_ = false;
}

void ItemText::append(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && !full_) {
    if (isAsciiSpace(text[i])) {
      if (!buffer_.empty()) space_owed_ = true;
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < text.size() && !isAsciiSpace(text[end])) ++end;
    std::string_view word = text.substr(i, end - i);
    const std::size_t room = kMaxItemBytes - buffer_.size();
    const std::size_t needed = word.size() + (space_owed_ ? 1 : 0);
    if (needed > room) {
      full_ = true;
      if (space_owed_ && room > 1) {
        buffer_ += ' ';
        buffer_.append(word.substr(0, prefixAtBoundary(word, room - 1)));
      } else if (!space_owed_) {
        buffer_.append(word.substr(0, prefixAtBoundary(word, room)));
      }
      break;
    }
    if (space_owed_) buffer_ += ' ';
    space_owed_ = false;
    buffer_.append(word);
    i = end;
  }
}

}  // namespace tollgate::extraction
