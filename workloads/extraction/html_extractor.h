#pragma once
// HTML: the text a reader sees, without building a tree.
//
// What it keeps: text with block structure as line breaks (paragraphs, headings,
// lists, tables with tab-separated cells, <br>), preformatted text as written;
// the title, <meta name=description|keywords> and <html lang> from the head;
// headings with their level; links (href and text); images (src and alt);
// tables as rows of cells. What it skips: script, style, noscript, iframe,
// template, textarea, comments, the head's other content.
//
// No element stack: each construct it cares about is a counter or a small
// bounded stack (tables, kMaxTableDepth), so 100,000 nested elements cost
// nothing and misnested or unclosed tags need no repair. Metadata comes from the
// head only (before <body> or the first content), which is what lets a stream
// report it before any content.

#include <memory>

#include "extractor.h"

namespace tollgate::extraction {

std::unique_ptr<FormatExtractor> makeHtmlExtractor(Output& out);

}  // namespace tollgate::extraction
