#include "html_extractor.h"

#include "html_reader.h"
#include "html_tokenizer.h"

namespace tollgate::extraction {
namespace {

// A page: its tokens read by HtmlReader, head first.
class HtmlExtractor final : public FormatExtractor {
 public:
  explicit HtmlExtractor(Output& out)
      : FormatExtractor(out), reader_(out, HtmlReader::Mode::document), tokenizer_(reader_) {}

  void feed(std::string_view text) override { tokenizer_.feed(text); }

  void finish() override {
    tokenizer_.finish();
    reader_.finish();
  }

  void reset() override {
    tokenizer_.reset();
    reader_.reset();
  }

 private:
  HtmlReader reader_;
  HtmlTokenizer tokenizer_;
};

}  // namespace

std::unique_ptr<FormatExtractor> makeHtmlExtractor(Output& out) { return std::make_unique<HtmlExtractor>(out); }

}  // namespace tollgate::extraction
