#include "result_layout.h"

#include <cstdint>

namespace tollgate::extraction {
namespace {

template <typename T>
std::uint32_t address(const T* p) {
  return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p));
}

// The text as JS will read it: the UTF-8 itself when all ASCII, else UTF-16.
struct TextForJs {
  std::uint32_t ptr, bytes;
  bool utf16;
};

TextForJs textForJs(std::string_view utf8, bool ascii, Utf16Text& text) {
  if (ascii) return {address(utf8.data()), static_cast<std::uint32_t>(utf8.size()), false};
  std::size_t units = 0;
  const char16_t* at = text.append(utf8, &units);
  return {address(at), static_cast<std::uint32_t>(2 * units), true};
}

}  // namespace

TextForms textForms(const ResultBuffers& r) {
  TextForms forms;
  forms.content_ascii = isAscii(r.content);
  forms.strings_ascii = isAscii(r.strings);
  forms.utf16_units = (forms.content_ascii ? 0 : r.content.size()) + (forms.strings_ascii ? 0 : r.strings.size());
  return forms;
}

void writeHeader(const ResultBuffers& r, const TextForms& forms, Utf16Text& text, std::uint32_t* h) {
  // Room for both appends first: the first does not move when the second grows the buffer.
  text.reserve(forms.utf16_units);
  const TextForJs content = textForJs(r.content, forms.content_ascii, text);
  const TextForJs strings = textForJs(r.strings, forms.strings_ascii, text);
  h[kHeaderFormat] = static_cast<std::uint32_t>(r.format);
  h[kHeaderEncoding] = static_cast<std::uint32_t>(r.encoding);
  h[kHeaderFlags] = (r.metadata_ready ? kFlagMetadata : 0u) | (r.finished ? kFlagFinished : 0u) |
                    (content.utf16 ? kFlagContentUtf16 : 0u) | (strings.utf16 ? kFlagStringsUtf16 : 0u);
  h[kHeaderContentPtr] = content.ptr;
  h[kHeaderContentBytes] = content.bytes;
  h[kHeaderStringsPtr] = strings.ptr;
  h[kHeaderStringsBytes] = strings.bytes;
  h[kHeaderMetadataPtr] = address(r.metadata.data());
  h[kHeaderHeadingsPtr] = address(r.headings.data());
  h[kHeaderHeadingCount] = static_cast<std::uint32_t>(r.headings.size() / kHeadingWords);
  h[kHeaderLinksPtr] = address(r.links.data());
  h[kHeaderLinkCount] = static_cast<std::uint32_t>(r.links.size() / kLinkWords);
  h[kHeaderImagesPtr] = address(r.images.data());
  h[kHeaderImageCount] = static_cast<std::uint32_t>(r.images.size() / kLinkWords);
  h[kHeaderRowsPtr] = address(r.rows.data());
  h[kHeaderRowCount] = static_cast<std::uint32_t>(r.rows.size() / kRowWords);
  h[kHeaderCellsPtr] = address(r.cells.data());
  h[kHeaderTableCount] = r.table_count;
  h[kHeaderWordsLow] = static_cast<std::uint32_t>(r.word_count);
  h[kHeaderWordsHigh] = static_cast<std::uint32_t>(r.word_count >> 32);
  h[kHeaderCharsLow] = static_cast<std::uint32_t>(r.char_count);
  h[kHeaderCharsHigh] = static_cast<std::uint32_t>(r.char_count >> 32);
}

}  // namespace tollgate::extraction
