#pragma once
// Plain text and CSV: the two formats with no markup to speak of.

#include <memory>

#include "extractor.h"

namespace tollgate::extraction {

// Plain UTF-8 text: the content is the text itself (BOM, CR/LF and invalid
// sequences already dealt with by the sanitizer).
std::unique_ptr<FormatExtractor> makeTextExtractor(Output& out);

// RFC 4180 CSV, read leniently: ',' between fields, quoted fields with "" for a
// quote and line breaks inside, a quote inside an unquoted field kept as text,
// text after a closing quote appended, an unterminated quote running to the end.
// One table of every non-blank record; the content has the records as lines and
// the fields separated by tabs (line breaks inside a field become spaces).
std::unique_ptr<FormatExtractor> makeCsvExtractor(Output& out);

}  // namespace tollgate::extraction
