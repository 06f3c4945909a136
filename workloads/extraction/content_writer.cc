#include "content_writer.h"

#include <cstring>

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

namespace {

// A run of text already in collapsed form, and what it holds.
struct Run {
  const char* end;
  std::uint64_t chars, words;
  bool in_word;  // after its last character
};

// Bytes set in a comparison result (bytes of 0 or 0xFF), without a popcount
// instruction (the x86-64 baseline has none): one bit per byte, summed by a
// multiply.
template <typename Mask>
std::uint64_t countSet(Mask mask) {
  std::uint64_t halves[2];
  std::memcpy(halves, &mask, sizeof halves);
  constexpr std::uint64_t kLow = scan::kOnes;
  return (((halves[0] & kLow) * kLow) >> 56) + (((halves[1] & kLow) * kLow) >> 56);
}

// The longest run from p (which is not ASCII whitespace) that can be written
// as it is: words with single spaces between them, no other HTML whitespace,
// not ending in a space. Counted as it is scanned (characters: bytes that are
// not continuation bytes; words: starts after a space, a vertical tab or a
// Unicode space). Sixteen bytes at a time while a block has no control byte,
// no space next to whitespace and no lead byte of a Unicode space (the next
// block, loaded one byte on, says what follows each byte); byte by byte
// through the rest of a block that has.
Run collapsedRun(const char* p, const char* end, bool in_word) {
  using scan::splat;
  const char* q = p;
  std::uint64_t chars = 0, words = 0;
  for (;;) {
    while (end - q >= 17) {
      const scan::U8x16 v = scan::load16(q), next = scan::load16(q + 1);
      const auto space = v == splat(' ');
      const auto wide_lead = ((v == splat(0xC2)) & ((next == splat(0x85)) | (next == splat(0xA0)))) |
                             ((v == splat(0xE1)) & (next == splat(0x9A))) |
                             ((v == splat(0xE2)) & ((next == splat(0x80)) | (next == splat(0x81)))) |
                             ((v == splat(0xE3)) & (next == splat(0x80)));
      // A space before the lead byte of a possible Unicode space: that lead may
      // be the next block's first byte, which wide_lead (leads in this block)
      // does not see, and then no word starts after the space.
      const auto lead_next = (next == splat(0xC2)) | (next == splat(0xE1)) | (next == splat(0xE2)) |
                             (next == splat(0xE3));
      if (scan::any((v < splat(0x20)) | (space & ((next < splat(0x21)) | lead_next)) | wide_lead)) break;
      // Every space here is followed by a word: one start each, plus the first
      // byte's if it starts one.
      words += countSet(space) + (!in_word && *q != ' ' ? 1 : 0);
      chars += 16 - countSet((v & splat(0xC0)) == splat(0x80));
      in_word = true;
      q += 16;
    }
    const char* const block_end = end - q >= 16 ? q + 16 : end;
    while (q < block_end) {
      const auto c = static_cast<unsigned char>(*q);
      if (c == ' ') {
        if (q + 1 == end || isAsciiSpace(q[1])) return {q, chars, words, in_word};
        ++chars;
        in_word = false;
        ++q;
      } else if (c < 0x80) {
        if (isAsciiSpace(static_cast<char>(c))) return {q, chars, words, in_word};
        ++chars;
        const bool separator = c == '\v';  // a word separator that HTML does not collapse
        words += !separator && !in_word;
        in_word = !separator;
        ++q;
      } else if ((c & 0xC0) == 0x80) {
        ++q;  // a continuation byte: counted with its lead
      } else {
        ++chars;
        const bool separator = isWideSpace(reinterpret_cast<const unsigned char*>(q), end - q);
        words += !separator && !in_word;
        in_word = !separator;
        ++q;
      }
    }
    // A character the block cut in two ends here (its continuation bytes count
    // with its lead): the next block must start at a character, because its
    // first byte starts a word after a separator. Counting from the rest of a
    // Unicode space counted one word too many when a space followed it.
    while (q < end && (static_cast<unsigned char>(*q) & 0xC0) == 0x80) ++q;
    if (q == end) return {q, chars, words, in_word};
  }
}

}  // namespace

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
    flushOwed();
    if (space_owed_) {  // one space: counted here rather than through write()
      space_owed_ = false;
      out_->push_back(' ');
      ++chars_;
      in_word_ = false;
    }
    const Run run = collapsedRun(p, end, in_word_);
    started_ = true;
    out_->append(p, run.end - p);
    chars_ += run.chars;
    words_ += run.words;
    in_word_ = run.in_word;
    trailing_newlines_ = 0;
    line_has_text_ = true;
    p = run.end;
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
