#pragma once
// HTML: the text a reader sees, without building a tree. The tokenizer
// (html_tokenizer.h) finds tags and text; HtmlReader (html_reader.h) decides
// what they mean for the result.

#include <memory>

#include "extractor.h"

namespace tollgate::extraction {

std::unique_ptr<FormatExtractor> makeHtmlExtractor(Output& out);

}  // namespace tollgate::extraction
