// The complete build's formats: this file is the only difference between the
// minimal, standard and complete modules (one is linked into each), so the
// handlers (and decoders) a build lacks are never linked into it.
#include "html_extractor.h"
#include "decoder.h"
#include "markdown_extractor.h"
#include "text_extractor.h"
#include "xml_extractor.h"

namespace tollgate::extraction {

const std::vector<FormatHandler>& formatHandlers() {
  static const std::vector<FormatHandler> handlers = {
      {Format::text, &makeTextExtractor},
      {Format::markdown, &makeMarkdownExtractor},
      {Format::csv, &makeCsvExtractor},
      {Format::html, &makeHtmlExtractor},
      {Format::xml, &makeXmlExtractor},
  };
  return handlers;
}

const char* buildName() { return "complete"; }

// Every WHATWG encoding.
std::unique_ptr<ByteDecoder> makeLegacyDecoder(Encoding encoding) {
  return isCjk(encoding) ? makeCjkDecoder(encoding) : makeSingleByteDecoder(encoding);
}

}  // namespace tollgate::extraction
