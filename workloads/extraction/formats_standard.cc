// The standard build's formats: this file is the only difference between the
// minimal, standard and complete modules (one is linked into each), so the
// handlers a build lacks are never linked into it.
#include "html_extractor.h"
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

}  // namespace tollgate::extraction
