// The standard build's formats: this file is the only difference between the
// minimal, standard and complete modules (one is linked into each), so the
// handlers (and decoders) a build lacks are never linked into it.
#include "html_extractor.h"
#include "decoder.h"
#include "markdown_extractor.h"
#include "text_extractor.h"

namespace tollgate::extraction {

const std::vector<FormatHandler>& formatHandlers() {
  static const std::vector<FormatHandler> handlers = {
      {Format::text, &makeTextExtractor},
      {Format::markdown, &makeMarkdownExtractor},
      {Format::csv, &makeCsvExtractor},
      {Format::html, &makeHtmlExtractor},
  };
  return handlers;
}

const char* buildName() { return "standard"; }

// HTML pages in the single-byte encodings; CJK pages need the complete build.
std::unique_ptr<ByteDecoder> makeLegacyDecoder(Encoding encoding) { return makeSingleByteDecoder(encoding); }

}  // namespace tollgate::extraction
