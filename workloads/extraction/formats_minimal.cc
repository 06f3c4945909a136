// The minimal build's formats: this file is the only difference between the
// minimal, standard and complete modules (one is linked into each), so the
// handlers (and decoders) a build lacks are never linked into it.
#include "decoder.h"
#include "markdown_extractor.h"
#include "text_extractor.h"

namespace tollgate::extraction {

const std::vector<FormatHandler>& formatHandlers() {
  static const std::vector<FormatHandler> handlers = {
      {Format::text, &makeTextExtractor},
      {Format::markdown, &makeMarkdownExtractor},
      {Format::csv, &makeCsvExtractor},
  };
  return handlers;
}

const char* buildName() { return "minimal"; }

// No legacy encodings: the minimal build reads text, Markdown and CSV as
// UTF-8, UTF-16 or UTF-32.
std::unique_ptr<ByteDecoder> makeLegacyDecoder(Encoding) { return nullptr; }

}  // namespace tollgate::extraction
