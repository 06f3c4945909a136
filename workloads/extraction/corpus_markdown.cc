// The corpus's Markdown, plain text and CSV documents (see corpus.h).

#include "corpus_generators.h"

namespace tollgate::extraction::corpus {
namespace {

class MarkdownDocument {
 public:
  MarkdownDocument(const DocumentSpec& spec, Rng& rng, TextGenerator& text) : spec_(spec), rng_(rng), text_(text) {}

  std::string build() {
    out_.reserve(spec_.bytes + 2048);
    out_ += "---\ntitle: \"";
    text_.phrase(out_, 3, 6);
    out_ += "\"\ndescription: ";
    text_.sentence(out_);
    out_ += "\ntags: [";
    for (int i = 0; i < 3; ++i) {
      if (i > 0) out_ += ", ";
      text_.word(out_, Language::english);
    }
    out_ += "]\nlang: ";
    out_ += languageCode(text_.primary());
    out_ += "\n---\n\n# ";
    text_.phrase(out_, 3, 6);
    out_ += "\n\n";
    while (out_.size() + 40 < spec_.bytes) {
      const std::uint32_t roll = rng_.below(100);
      if (roll < 10) heading();
      else if (roll < 50) paragraph();
      else if (roll < 62) list();
      else if (roll < 68) quote();
      else if (roll < 76) code();
      else if (roll < 83) table();
      else if (roll < 86) out_ += "---\n\n";
      else if (roll < 90) image();
      else paragraph();
    }
    return std::move(out_);
  }

 private:
  void inlineText() {
    for (std::uint32_t s = rng_.between(1, 4); s > 0; --s) {
      const std::size_t start = out_.size();
      text_.sentence(out_);
      const std::uint32_t roll = rng_.below(100);
      const std::size_t space = out_.find(' ', start + 1);
      const std::size_t end = space == std::string::npos ? std::string::npos : out_.find(' ', space + 1);
      if (end != std::string::npos && roll < 40) {
        static const char* const kMarks[] = {"*", "**", "_", "`", "~~", "__"};
        const char* mark = rng_.pick(kMarks);
        out_.insert(end, mark);
        out_.insert(space + 1, mark);
      }
      out_ += ' ';
      if (roll >= 40 && roll < 60) {
        out_ += '[';
        text_.phrase(out_, 1, 3);
        out_ += "](https://";
        text_.slug(out_, 1);
        out_ += ".example.com/";
        text_.slug(out_, 2);
        out_ += rng_.chance(30) ? " \"a title\") " : ") ";
      } else if (roll < 63) {
        out_ += "&copy; &amp; &#8212; ";
      } else if (roll < 66) {
        out_ += "<https://auto.example.net/path> ";
      } else if (roll < 68) {
        out_ += "snake_case_name and 2*3*4 \\*escaped\\* ";
      }
    }
    out_.pop_back();
  }

  void heading() {
    const std::uint32_t level = rng_.between(2, 4);
    if (level == 2 && rng_.chance(20)) {  // setext
      text_.phrase(out_, 2, 5);
      out_ += "\n----------\n\n";
      return;
    }
    out_.append(level, '#');
    out_ += ' ';
    text_.phrase(out_, 2, 6);
    out_ += "\n\n";
  }

  void paragraph() {
    inlineText();
    if (rng_.chance(25)) {
      out_ += rng_.chance(50) ? "  \n" : "\n";  // a hard break or a soft one
      inlineText();
    }
    out_ += "\n\n";
  }

  void list() {
    const bool ordered = rng_.chance(30);
    const std::uint32_t items = rng_.between(3, 6);
    for (std::uint32_t i = 0; i < items; ++i) {
      if (ordered) {
        out_ += std::to_string(i + 1);
        out_ += ". ";
      } else {
        out_ += rng_.chance(15) ? "- [ ] " : "- ";
      }
      text_.phrase(out_, 2, 7);
      out_ += '\n';
      if (rng_.chance(15)) {
        out_ += "  - ";
        text_.phrase(out_, 1, 4);
        out_ += '\n';
      }
    }
    out_ += '\n';
  }

  void quote() {
    out_ += "> ";
    text_.sentence(out_);
    out_ += "\n> ";
    text_.sentence(out_);
    out_ += "\n\n";
  }

  void code() {
    out_ += rng_.chance(20) ? "~~~\n" : "```js\n";
    const bool tilde = out_[out_.size() - 2] == '~';
    for (std::uint32_t i = rng_.between(2, 6); i > 0; --i) {
      text_.codeLine(out_);
      out_ += '\n';
    }
    out_ += tilde ? "~~~\n\n" : "```\n\n";
  }

  void table() {
    const std::uint32_t cols = rng_.between(2, 5), rows = rng_.between(2, 8);
    out_ += '|';
    for (std::uint32_t c = 0; c < cols; ++c) {
      out_ += ' ';
      text_.phrase(out_, 1, 2);
      out_ += " |";
    }
    out_ += "\n|";
    for (std::uint32_t c = 0; c < cols; ++c) out_ += c == 0 ? ":---|" : "---:|";
    out_ += '\n';
    for (std::uint32_t r = 0; r < rows; ++r) {
      out_ += '|';
      for (std::uint32_t c = 0; c < cols; ++c) {
        out_ += ' ';
        if (c == 0) text_.phrase(out_, 1, 2);
        else text_.number(out_);
        out_ += " |";
      }
      out_ += '\n';
    }
    out_ += '\n';
  }

  void image() {
    out_ += "![";
    text_.phrase(out_, 2, 4);
    out_ += "](/img/";
    text_.slug(out_, 2);
    out_ += ".png)\n\n";
  }

  const DocumentSpec& spec_;
  Rng& rng_;
  TextGenerator& text_;
  std::string out_;
};

}  // namespace

std::string generateMarkdown(const DocumentSpec& spec, Rng& rng, TextGenerator& text) {
  return MarkdownDocument(spec, rng, text).build();
}

std::string generatePlainText(const DocumentSpec& spec, Rng& rng, TextGenerator& text) {
  std::string out;
  out.reserve(spec.bytes + 1024);
  // Windows line ends in some documents: the sanitizer's CR LF handling is part of the work.
  const char* newline = rng.chance(30) ? "\r\n" : "\n";
  text.phrase(out, 3, 6);
  out += newline;
  out += newline;
  while (out.size() < spec.bytes) {
    for (std::uint32_t s = rng.between(2, 6); s > 0; --s) {
      text.sentence(out);
      out += rng.chance(15) ? newline : " ";
    }
    out += newline;
    out += newline;
  }
  return out;
}

std::string generateCsv(const DocumentSpec& spec, Rng& rng, TextGenerator& text) {
  std::string out = "id,name,city,price,notes\r\n";
  out.reserve(spec.bytes + 512);
  for (std::uint32_t id = 1; out.size() < spec.bytes; ++id) {
    out += std::to_string(id);
    out += ',';
    text.personName(out);
    out += ',';
    text.word(out, rng.chance(50) ? Language::english : text.primary());
    out += ',';
    text.number(out);
    out += ',';
    const std::uint32_t roll = rng.below(100);
    if (roll < 30) {
      out += '"';  // quoted: commas, doubled quotes and line breaks inside
      text.phrase(out, 2, 5);
      out += ", \"\"quoted\"\" ";
      if (rng.chance(30)) out += "\r\nsecond line";
      out += '"';
    } else if (roll < 60) {
      text.phrase(out, 1, 4);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace tollgate::extraction::corpus
