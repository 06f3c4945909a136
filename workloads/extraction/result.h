#pragma once
// The one result model, for every format: content, metadata, headings, links,
// images, tables, word and character counts.
//
// Laid out for the boundary: the content is one byte string, every other string
// sits back to back in a second one, and each record is a run of 32-bit words in
// a flat array. The zero-copy adapter hands JS these arrays as they are (offsets
// into linear memory, with UTF-16 offsets beside the byte ones so JS can slice one
// decoded string instead of decoding each field); the streaming adapter fills one
// ResultBuffers per chunk; canonical JSON is written from them too.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "encoding.h"
#include "text_buffer.h"

namespace tollgate::extraction {

enum class Format : std::uint32_t { text = 0, markdown = 1, csv = 2, html = 3, xml = 4 };
inline constexpr int kFormatCount = 5;

const char* formatName(Format format);
// Throws InputError naming the format when it is not one of formatName's.
Format parseFormat(std::string_view name);

enum class MetaField : std::uint32_t { title = 0, description, keywords, lang };
inline constexpr int kMetaFieldCount = 4;
inline constexpr std::array<const char*, kMetaFieldCount> kMetaFieldNames = {"title", "description", "keywords",
                                                                             "lang"};

// A string in `strings`: bytes for C++, UTF-16 code units for JS.
struct Span {
  std::uint32_t offset = 0, length = 0, u16_offset = 0, u16_length = 0;
};
inline constexpr std::size_t kSpanWords = 4;

// Words per record in each array.
inline constexpr std::size_t kHeadingWords = 1 + kSpanWords;  // level, text
inline constexpr std::size_t kLinkWords = 2 * kSpanWords;     // href, text (images: src, alt)
inline constexpr std::size_t kRowWords = 3;                   // table, first cell, cell count
inline constexpr std::size_t kCellWords = kSpanWords;

struct ResultBuffers {
  Format format = Format::text;
  // The encoding the document was read in (input_decoder.h); final once the
  // document is finished (a stream's last chunk has it).
  Encoding encoding = Encoding::utf_8;
  TextBuffer content;
  TextBuffer strings;
  std::uint32_t strings_u16_length = 0;  // UTF-16 length of `strings`
  std::array<std::uint32_t, kMetaFieldCount * kSpanWords> metadata{};
  std::vector<std::uint32_t> headings;
  std::vector<std::uint32_t> links;
  std::vector<std::uint32_t> images;
  std::vector<std::uint32_t> rows;   // in the order they ended; `table` says whose
  std::vector<std::uint32_t> cells;  // rows point at runs of these
  std::uint32_t table_count = 0;     // tables begun so far (some may have no rows)
  std::uint64_t word_count = 0;
  std::uint64_t char_count = 0;
  // The metadata spans above hold the final metadata. A stream sets it in the one
  // chunk where the metadata became final, before any content or record.
  bool metadata_ready = false;
  bool finished = false;        // the whole document was read

  Span addString(std::string_view text);
  std::string_view text(const std::uint32_t* span_words) const;
  std::string_view metadataText(MetaField field) const { return text(&metadata[static_cast<int>(field) * kSpanWords]); }

  // Empties every buffer, keeping its capacity (a reused result allocates nothing).
  void clear();
  // Appends a later chunk of the same document (streaming), re-basing its offsets.
  void append(const ResultBuffers& chunk);
};

void writeSpan(std::uint32_t* words, const Span& span);

}  // namespace tollgate::extraction
