// The WHATWG multi-byte decoders: gb18030 (and GBK, which decodes the same),
// Big5, EUC-JP, ISO-2022-JP, Shift_JIS and EUC-KR, step for step as the
// Encoding Standard writes them, over its indexes (encoding_cjk_tables.cc,
// generated in the build). A byte the algorithm "prepends" is read again.
#include <algorithm>

#include "decoder.h"
#include "utf8.h"

namespace tollgate::extraction {
namespace cjk {
extern const std::uint16_t kJis0208[];
extern const std::size_t kJis0208Size;
extern const std::uint16_t kJis0212[];
extern const std::size_t kJis0212Size;
extern const std::uint16_t kEucKr[];
extern const std::size_t kEucKrSize;
extern const std::uint16_t kGb18030[];
extern const std::size_t kGb18030Size;
extern const std::uint16_t kBig5[];
extern const std::size_t kBig5Size;
extern const std::uint32_t kBig5High[];
extern const std::uint32_t kGb18030Ranges[][2];
extern const std::size_t kGb18030RangesSize;
}  // namespace cjk

namespace {

// The code point at `pointer` in an index, or 0 (none).
std::uint32_t at(const std::uint16_t* index, std::size_t size, std::size_t pointer) {
  return pointer < size ? index[pointer] : 0;
}

std::uint32_t big5At(std::size_t pointer) {
  if (pointer >= cjk::kBig5Size) return 0;
  const std::uint32_t low = cjk::kBig5[pointer];
  if (low == 0) return 0;
  const bool high = (cjk::kBig5High[pointer >> 5] >> (pointer & 31)) & 1u;
  return high ? 0x20000 + low : low;
}

std::uint32_t gb18030RangesAt(std::uint32_t pointer) {
  if ((pointer > 39419 && pointer < 189000) || pointer > 1237575) return 0;
  if (pointer >= 189000) return 0x10000 + pointer - 189000;
  if (pointer == 7457) return 0xE7C7;
  const auto* begin = cjk::kGb18030Ranges;
  const auto* end = begin + cjk::kGb18030RangesSize;
  const auto* it = std::upper_bound(begin, end, pointer, [](std::uint32_t p, const std::uint32_t(&r)[2]) {
    return p < r[0];
  });
  if (it == begin) return 0;
  --it;
  return (*it)[1] + pointer - (*it)[0];
}

bool isAscii(unsigned char b) { return b < 0x80; }

// The bytes waiting to be read, with room in front for those put back.
class CjkDecoder : public ByteDecoder {
 public:
  void decode(const unsigned char* data, std::size_t size, std::string& out) override {
    for (std::size_t i = 0; i < size; ++i) {
      if (head_ == tail_) head_ = tail_ = kFront;
      queue_[tail_++] = data[i];
      while (head_ < tail_) step(queue_[head_++], out);
    }
  }
  void finish(std::string& out) override { end(out); }

 protected:
  virtual void step(unsigned char b, std::string& out) = 0;
  // The end of the input (the algorithms' end-of-queue).
  virtual void end(std::string& out) = 0;
  void prepend(unsigned char b) { queue_[--head_] = b; }
  static void emit(std::uint32_t cp, std::string& out) {
    if (cp == 0) out += kReplacementChar;
    else appendUtf8(out, cp);
  }
  static void error(std::string& out) { out += kReplacementChar; }

 private:
  static constexpr int kFront = 4;
  unsigned char queue_[kFront + 4] = {};
  int head_ = kFront, tail_ = kFront;
};

class Gb18030Decoder final : public CjkDecoder {
  void step(unsigned char b, std::string& out) override {
    if (third_ != 0) {
      if (b < 0x30 || b > 0x39) {
        prepend(b);
        prepend(third_);
        prepend(second_);
        first_ = second_ = third_ = 0;
        return error(out);
      }
      const std::uint32_t pointer =
          ((first_ - 0x81) * 10u * 126u * 10u) + ((second_ - 0x30) * 10u * 126u) + ((third_ - 0x81) * 10u) + (b - 0x30);
      first_ = second_ = third_ = 0;
      return emit(gb18030RangesAt(pointer), out);
    }
    if (second_ != 0) {
      if (b >= 0x81 && b <= 0xFE) {
        third_ = b;
        return;
      }
      prepend(b);
      prepend(second_);
      first_ = second_ = 0;
      return error(out);
    }
    if (first_ != 0) {
      if (b >= 0x30 && b <= 0x39) {
        second_ = b;
        return;
      }
      const unsigned lead = first_;
      first_ = 0;
      std::uint32_t cp = 0;
      if ((b >= 0x40 && b <= 0x7E) || (b >= 0x80 && b <= 0xFE)) {
        const unsigned offset = b < 0x7F ? 0x40 : 0x41;
        cp = at(cjk::kGb18030, cjk::kGb18030Size, (lead - 0x81) * 190 + (b - offset));
      }
      if (cp != 0) return emit(cp, out);
      if (isAscii(b)) prepend(b);
      return error(out);
    }
    if (isAscii(b)) {
      out += static_cast<char>(b);
      return;
    }
    if (b == 0x80) return emit(0x20AC, out);
    if (b >= 0x81 && b <= 0xFE) {
      first_ = b;
      return;
    }
    error(out);
  }
  void end(std::string& out) override {
    if (first_ != 0 || second_ != 0 || third_ != 0) error(out);
    first_ = second_ = third_ = 0;
  }
  unsigned char first_ = 0, second_ = 0, third_ = 0;
};

class Big5Decoder final : public CjkDecoder {
  void step(unsigned char b, std::string& out) override {
    if (lead_ != 0) {
      const unsigned lead = lead_;
      lead_ = 0;
      std::size_t pointer = static_cast<std::size_t>(-1);
      if ((b >= 0x40 && b <= 0x7E) || (b >= 0xA1 && b <= 0xFE)) {
        pointer = (lead - 0x81) * 157 + (b - (b < 0x7F ? 0x40 : 0x62));
      }
      // Four pointers stand for two code points each.
      if (pointer == 1133 || pointer == 1135 || pointer == 1164 || pointer == 1166) {
        appendUtf8(out, pointer < 1164 ? 0x00CA : 0x00EA);
        appendUtf8(out, pointer == 1133 || pointer == 1164 ? 0x0304 : 0x030C);
        return;
      }
      const std::uint32_t cp = big5At(pointer);
      if (cp != 0) return emit(cp, out);
      if (isAscii(b)) prepend(b);
      return error(out);
    }
    if (isAscii(b)) return ascii(b, out);
    if (b >= 0x81 && b <= 0xFE) {
      lead_ = b;
      return;
    }
    error(out);
  }
  void end(std::string& out) override {
    if (lead_ != 0) error(out);
    lead_ = 0;
  }
  static void ascii(unsigned char b, std::string& out) { out += static_cast<char>(b); }
  unsigned char lead_ = 0;
};

class EucKrDecoder final : public CjkDecoder {
  void step(unsigned char b, std::string& out) override {
    if (lead_ != 0) {
      const unsigned lead = lead_;
      lead_ = 0;
      const std::uint32_t cp = b >= 0x41 && b <= 0xFE ? at(cjk::kEucKr, cjk::kEucKrSize, (lead - 0x81) * 190 + (b - 0x41)) : 0;
      if (cp != 0) return emit(cp, out);
      if (isAscii(b)) prepend(b);
      return error(out);
    }
    if (isAscii(b)) {
      out += static_cast<char>(b);
      return;
    }
    if (b >= 0x81 && b <= 0xFE) {
      lead_ = b;
      return;
    }
    error(out);
  }
  void end(std::string& out) override {
    if (lead_ != 0) error(out);
    lead_ = 0;
  }
  unsigned char lead_ = 0;
};

class EucJpDecoder final : public CjkDecoder {
  void step(unsigned char b, std::string& out) override {
    if (lead_ == 0x8E && b >= 0xA1 && b <= 0xDF) {
      lead_ = 0;
      return emit(0xFF61 - 0xA1 + b, out);
    }
    if (lead_ == 0x8F && b >= 0xA1 && b <= 0xFE) {
      jis0212_ = true;
      lead_ = b;
      return;
    }
    if (lead_ != 0) {
      const unsigned lead = lead_;
      lead_ = 0;
      std::uint32_t cp = 0;
      if (lead >= 0xA1 && lead <= 0xFE && b >= 0xA1 && b <= 0xFE) {
        const std::size_t pointer = (lead - 0xA1) * 94 + b - 0xA1;
        cp = jis0212_ ? at(cjk::kJis0212, cjk::kJis0212Size, pointer) : at(cjk::kJis0208, cjk::kJis0208Size, pointer);
      }
      jis0212_ = false;
      if (cp != 0) return emit(cp, out);
      if (isAscii(b)) prepend(b);
      return error(out);
    }
    if (isAscii(b)) {
      out += static_cast<char>(b);
      return;
    }
    if (b == 0x8E || b == 0x8F || (b >= 0xA1 && b <= 0xFE)) {
      lead_ = b;
      return;
    }
    error(out);
  }
  void end(std::string& out) override {
    if (lead_ != 0) error(out);
    lead_ = 0;
    jis0212_ = false;
  }
  unsigned char lead_ = 0;
  bool jis0212_ = false;
};

class ShiftJisDecoder final : public CjkDecoder {
  void step(unsigned char b, std::string& out) override {
    if (lead_ != 0) {
      const unsigned lead = lead_;
      lead_ = 0;
      if ((b >= 0x40 && b <= 0x7E) || (b >= 0x80 && b <= 0xFC)) {
        const std::size_t pointer = (lead - (lead < 0xA0 ? 0x81 : 0xC1)) * 188 + b - (b < 0x7F ? 0x40 : 0x41);
        if (pointer >= 8836 && pointer <= 10715) return emit(0xE000 - 8836 + pointer, out);  // private use
        const std::uint32_t cp = at(cjk::kJis0208, cjk::kJis0208Size, pointer);
        if (cp != 0) return emit(cp, out);
      }
      if (isAscii(b)) prepend(b);
      return error(out);
    }
    if (isAscii(b) || b == 0x80) {
      if (b == 0x80) appendUtf8(out, 0x80);
      else out += static_cast<char>(b);
      return;
    }
    if (b >= 0xA1 && b <= 0xDF) return emit(0xFF61 - 0xA1 + b, out);
    if ((b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC)) {
      lead_ = b;
      return;
    }
    error(out);
  }
  void end(std::string& out) override {
    if (lead_ != 0) error(out);
    lead_ = 0;
  }
  unsigned char lead_ = 0;
};

class Iso2022JpDecoder final : public CjkDecoder {
  enum class State : std::uint8_t { ascii, roman, katakana, lead_byte, trail_byte, escape_start, escape };

  void step(unsigned char b, std::string& out) override {
    switch (state_) {
      case State::ascii:
      case State::roman:
        if (b == 0x1B) return escapeStart();
        output_ = false;
        if (state_ == State::roman && b == 0x5C) return appendUtf8(out, 0xA5);
        if (state_ == State::roman && b == 0x7E) return appendUtf8(out, 0x203E);
        if (b <= 0x7F && b != 0x0E && b != 0x0F) {
          out += static_cast<char>(b);
          return;
        }
        return error(out);
      case State::katakana:
        if (b == 0x1B) return escapeStart();
        output_ = false;
        if (b >= 0x21 && b <= 0x5F) return emit(0xFF61 - 0x21 + b, out);
        return error(out);
      case State::lead_byte:
        if (b == 0x1B) return escapeStart();
        output_ = false;
        if (b >= 0x21 && b <= 0x7E) {
          lead_ = b;
          state_ = State::trail_byte;
          return;
        }
        return error(out);
      case State::trail_byte:
        if (b == 0x1B) {
          state_ = State::escape_start;
          return error(out);
        }
        state_ = State::lead_byte;
        if (b >= 0x21 && b <= 0x7E) {
          return emit(at(cjk::kJis0208, cjk::kJis0208Size, (lead_ - 0x21) * 94 + b - 0x21), out);
        }
        return error(out);
      case State::escape_start:
        if (b == 0x24 || b == 0x28) {
          lead_ = b;
          state_ = State::escape;
          return;
        }
        prepend(b);
        output_ = false;
        state_ = output_state_;
        return error(out);
      case State::escape: {
        const unsigned char lead = lead_;
        lead_ = 0;
        State next = State::escape;
        if (lead == 0x28 && b == 0x42) next = State::ascii;
        else if (lead == 0x28 && b == 0x4A) next = State::roman;
        else if (lead == 0x28 && b == 0x49) next = State::katakana;
        else if (lead == 0x24 && (b == 0x40 || b == 0x42)) next = State::lead_byte;
        if (next != State::escape) {
          state_ = output_state_ = next;
          const bool was_output = output_;
          output_ = true;
          if (was_output) error(out);  // two escapes in a row with nothing between
          return;
        }
        prepend(b);
        prepend(lead);
        output_ = false;
        state_ = output_state_;
        return error(out);
      }
    }
  }
  void end(std::string& out) override {
    // End-of-queue in each state, as the standard has it: an unfinished
    // character or escape is an error, and an escape's lead byte is read again.
    for (;;) {
      if (state_ == State::trail_byte) {
        state_ = State::lead_byte;
      } else if (state_ == State::escape_start) {
        output_ = false;
        state_ = output_state_;
      } else if (state_ == State::escape) {
        const unsigned char lead = lead_;
        lead_ = 0;
        output_ = false;
        state_ = output_state_;
        error(out);
        step(lead, out);
        continue;
      } else {
        break;
      }
      error(out);
    }
    state_ = output_state_ = State::ascii;
    output_ = false;
    lead_ = 0;
  }
  void escapeStart() { state_ = State::escape_start; }

  State state_ = State::ascii, output_state_ = State::ascii;
  bool output_ = false;
  unsigned char lead_ = 0;
};

}  // namespace

std::unique_ptr<ByteDecoder> makeCjkDecoder(Encoding encoding) {
  switch (encoding) {
    case Encoding::gbk: case Encoding::gb18030: return std::make_unique<Gb18030Decoder>();
    case Encoding::big5: return std::make_unique<Big5Decoder>();
    case Encoding::euc_kr: return std::make_unique<EucKrDecoder>();
    case Encoding::euc_jp: return std::make_unique<EucJpDecoder>();
    case Encoding::shift_jis: return std::make_unique<ShiftJisDecoder>();
    case Encoding::iso_2022_jp: return std::make_unique<Iso2022JpDecoder>();
    default: return nullptr;
  }
}

}  // namespace tollgate::extraction
