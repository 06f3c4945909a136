#pragma once
// XML, in the complete build only: feeds (RSS, Atom) and generic documents.
// Text of every element, one line per element boundary, CDATA included. The
// first <title> is the title; the first <description>, <subtitle> or <summary>
// and the first <language> (or the root's xml:lang) fill the metadata while no
// content has been written yet. Later titles are headings (level 2). <link>
// elements are links (Atom's href attribute, or RSS's text), not content.
// Names compare without their namespace prefix; the HTML named references are
// decoded too (feeds use them).

#include <memory>

#include "extractor.h"

namespace tollgate::extraction {

std::unique_ptr<FormatExtractor> makeXmlExtractor(Output& out);

}  // namespace tollgate::extraction
