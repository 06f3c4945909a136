#pragma once
// Markdown (CommonMark's blocks, with GFM tables, strikethrough and task lists):
// plain text plus the same structure as HTML. Headings (ATX and setext), fenced
// and indented code kept verbatim, lists one item a line, block quotes, tables
// as rows of cells, thematic breaks, and YAML-style front matter (title,
// description, keywords, lang) as the metadata.
//
// Read line by line as text arrives: a line longer than kMaxLineBytes is cut and
// read on, a paragraph longer than kMaxParagraphBytes is rendered in pieces, so
// memory stays bounded whatever the input. Simplifications: list items are not
// nested structurally (each item is a line), a lazy continuation line does not
// continue a block quote, HTML blocks are read as paragraphs whose tags are
// dropped, and reference-style links keep their text only.

#include <memory>

#include "extractor.h"

namespace tollgate::extraction {

std::unique_ptr<FormatExtractor> makeMarkdownExtractor(Output& out);

}  // namespace tollgate::extraction
