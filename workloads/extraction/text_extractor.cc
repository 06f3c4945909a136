#include "text_extractor.h"

namespace tollgate::extraction {
namespace {

class TextExtractor final : public FormatExtractor {
 public:
  using FormatExtractor::FormatExtractor;
  void feed(std::string_view text) override { out_.content().preformatted(text); }
  void finish() override {}
  void reset() override {}
};

class CsvExtractor final : public FormatExtractor {
 public:
  using FormatExtractor::FormatExtractor;

  void feed(std::string_view text) override {
    std::size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      switch (state_) {
        case State::field_start:
          if (c == '\n' && !in_record_) {  // a blank line is no record
            ++i;
            continue;
          }
          startField();
          if (c == '"') {
            state_ = State::quoted;
            ++i;
          } else {
            state_ = State::unquoted;
          }
          continue;
        case State::unquoted: {
          std::size_t end = i;
          while (end < text.size() && text[end] != ',' && text[end] != '\n') ++end;
          appendToField(text.substr(i, end - i));
          i = end;
          if (i < text.size()) endField(text[i++]);
          continue;
        }
        case State::quoted: {
          std::size_t end = i;
          while (end < text.size() && text[end] != '"' && text[end] != '\n') ++end;
          appendToField(text.substr(i, end - i));
          i = end;
          if (i == text.size()) continue;
          if (text[i] == '\n') {
            appendToField(" ");  // a line break inside a field: the record stays one line
            ++i;
          } else {
            state_ = State::quote_in_quoted;
            ++i;
          }
          continue;
        }
        case State::quote_in_quoted:
          if (c == '"') {
            appendToField("\"");
            state_ = State::quoted;
            ++i;
          } else if (c == ',' || c == '\n') {
            endField(c);
            ++i;
          } else {
            state_ = State::unquoted;  // text after the closing quote: kept
          }
          continue;
      }
    }
  }

  void finish() override {
    if (!in_record_) return;
    if (state_ == State::field_start) startField();  // "a," ends with an empty field
    endField('\n');
  }

  void reset() override {
    state_ = State::field_start;
    in_record_ = false;
    has_table_ = false;
    row_.clear();
  }

 private:
  enum class State { field_start, unquoted, quoted, quote_in_quoted };

  void startField() {
    if (!in_record_) {
      in_record_ = true;
      out_.content().block(1);
      if (!has_table_) {
        table_ = out_.beginTable();
        has_table_ = true;
      }
    } else {
      out_.content().separator("\t");
    }
    row_.beginCell();
  }

  void appendToField(std::string_view text) {
    if (text.empty()) return;
    out_.content().preformatted(text);
    row_.appendToCell(text);
  }

  void endField(char terminator) {
    row_.endCell();
    state_ = State::field_start;
    if (terminator == '\n') {
      out_.row(table_, row_);
      row_.clear();
      in_record_ = false;
    }
  }

  State state_ = State::field_start;
  bool in_record_ = false;
  bool has_table_ = false;
  std::uint32_t table_ = 0;
  RowBuilder row_;
};

}  // namespace

std::unique_ptr<FormatExtractor> makeTextExtractor(Output& out) { return std::make_unique<TextExtractor>(out); }
std::unique_ptr<FormatExtractor> makeCsvExtractor(Output& out) { return std::make_unique<CsvExtractor>(out); }

}  // namespace tollgate::extraction
