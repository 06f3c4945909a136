#include "result_layout.h"

#include <cstdint>

namespace tollgate::extraction {
namespace {

template <typename T>
std::uint32_t address(const T* p) {
  return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p));
}

}  // namespace

void writeHeader(const ResultBuffers& r, std::uint32_t* h) {
  h[kHeaderFormat] = static_cast<std::uint32_t>(r.format);
  h[kHeaderEncoding] = static_cast<std::uint32_t>(r.encoding);
  h[kHeaderFlags] = (r.metadata_ready ? 1u : 0u) | (r.finished ? 2u : 0u);
  h[kHeaderContentPtr] = address(r.content.data());
  h[kHeaderContentBytes] = static_cast<std::uint32_t>(r.content.size());
  h[kHeaderStringsPtr] = address(r.strings.data());
  h[kHeaderStringsBytes] = static_cast<std::uint32_t>(r.strings.size());
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
