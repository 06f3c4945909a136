#pragma once
// The result as JS reads it without copies: a header of 32-bit words pointing
// into linear memory at the buffers of a ResultBuffers. Its content and its
// strings are each given as they are when all ASCII (V8 and Blink copy that
// into a one-byte string), otherwise as UTF-16 (utf16_text.h says why): flag
// bits say which. The word names (and so
// their order) are exported to JS as one string, read once per module, so the
// layout is defined here only.
//
// Pointers are linear-memory offsets: meaningful in wasm32, where the JS reads
// them; native code uses ResultBuffers directly.

#include <array>
#include <cstdint>

#include "result.h"
#include "utf16_text.h"

namespace tollgate::extraction {

enum HeaderWord : std::uint32_t {
  kHeaderFormat,
  kHeaderEncoding,  // an index into encodingNameList()
  kHeaderFlags,  // bit 0: metadata in this header, bit 1: the document is finished,
                 // bit 2: content in UTF-16 (else ASCII), bit 3: strings in UTF-16
  kHeaderContentPtr, kHeaderContentBytes,
  kHeaderStringsPtr, kHeaderStringsBytes,
  kHeaderMetadataPtr,
  kHeaderHeadingsPtr, kHeaderHeadingCount,
  kHeaderLinksPtr, kHeaderLinkCount,
  kHeaderImagesPtr, kHeaderImageCount,
  kHeaderRowsPtr, kHeaderRowCount,
  kHeaderCellsPtr,
  kHeaderTableCount,
  kHeaderWordsLow, kHeaderWordsHigh,
  kHeaderCharsLow, kHeaderCharsHigh,
  kHeaderWordCount
};

using ResultHeader = std::array<std::uint32_t, kHeaderWordCount>;

inline constexpr const char* kHeaderLayout =
    "format,encoding,flags,content_ptr,content_bytes,strings_ptr,strings_bytes,metadata_ptr,headings_ptr,heading_count,"
    "links_ptr,link_count,images_ptr,image_count,rows_ptr,row_count,cells_ptr,table_count,words_low,words_high,"
    "chars_low,chars_high";

inline constexpr std::uint32_t kFlagMetadata = 1, kFlagFinished = 2, kFlagContentUtf16 = 4, kFlagStringsUtf16 = 8;

// How a result's two texts reach JS: as they are when ASCII, else as UTF-16,
// which needs up to one unit per byte of room in the Utf16Text.
struct TextForms {
  bool content_ascii = true;
  bool strings_ascii = true;
  std::size_t utf16_units = 0;
};
TextForms textForms(const ResultBuffers& result);

// The header of `result`; text outside ASCII is transcoded into `text`
// (appended: a batch's headers share one buffer, reserved for all first,
// from their forms).
void writeHeader(const ResultBuffers& result, const TextForms& forms, Utf16Text& text, std::uint32_t* header);
inline void writeHeader(const ResultBuffers& result, Utf16Text& text, std::uint32_t* header) {
  writeHeader(result, textForms(result), text, header);
}

}  // namespace tollgate::extraction
