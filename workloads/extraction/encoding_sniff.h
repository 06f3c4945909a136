#pragma once
// What a document's first bytes say about its encoding, as a browser reads
// them (the WHATWG HTML standard's "encoding sniffing algorithm"): a byte
// order mark; for HTML, the <meta charset> or http-equiv content-type that a
// prescan of the first 1,024 bytes finds; for XML, the declaration's
// encoding="...". And one step browsers skip: UTF-16 and UTF-32 without a
// byte order mark, found by where the zero bytes of their ASCII characters are
// (otherwise such a document comes out as text with a NUL between letters).

#include <cstddef>
#include <string_view>

#include "encoding.h"

namespace tollgate::extraction {

// How many bytes the prescans look at.
inline constexpr std::size_t kPrescanBytes = 1024;

// UTF-8 (EF BB BF), UTF-16BE (FE FF), UTF-16LE (FF FE), UTF-32LE (FF FE 00 00),
// UTF-32BE (00 00 FE FF): the mark's length, or 0. Give it at least 4 bytes
// unless the document is shorter.
std::size_t byteOrderMark(std::string_view bytes, Encoding* encoding);

// BOM-less UTF-32 (every unit a code point below 0x110000, some ASCII) or
// UTF-16 (many ASCII characters: one zero byte in a pair, on the same side).
bool sniffUtf16Or32(std::string_view bytes, Encoding* encoding);

// WHATWG's "prescan a byte stream to determine its encoding" over the first
// kPrescanBytes: a declared UTF-16 is read as UTF-8, x-user-defined as
// windows-1252, as the standard says.
bool prescanHtml(std::string_view bytes, Encoding* encoding);

// "<?xml ... encoding='label' ?>" at the very start.
bool prescanXml(std::string_view bytes, Encoding* encoding);

// For an HTML document that declares nothing: whether `window` (from its first
// byte of 0x80 or more) is UTF-8. A sequence cut off by the window's end
// counts as valid unless `at_end`. (Browsers guess from the content too; the
// WHATWG default, windows-1252, is what is left.)
bool looksLikeUtf8(std::string_view window, bool at_end);

}  // namespace tollgate::extraction
