#pragma once
// Markdown as GitHub renders it (CommonMark 0.31 with GFM's tables,
// strikethrough, autolinks, task lists and footnotes), read into the same
// result as its rendered HTML would give: the block parser (markdown_blocks.h)
// hands the elements Markdown stands for to an HtmlReader, inline syntax
// (markdown_inline.h) included, and raw HTML goes through the HTML tokenizer.
// YAML-style front matter (title, description, keywords, lang) is the metadata.
//
// Read line by line as text arrives: a line longer than kMaxLineBytes is cut and
// read on, a paragraph longer than kMaxParagraphBytes is rendered in pieces,
// and what waits for a reference's definition is bounded (markdown_render.h),
// so memory stays bounded whatever the input.

#include <memory>

#include "extractor.h"

namespace tollgate::extraction {

std::unique_ptr<FormatExtractor> makeMarkdownExtractor(Output& out);

}  // namespace tollgate::extraction
