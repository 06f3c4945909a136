#include "result.h"

#include <string>

#include "tollgate/errors.h"
#include "utf8.h"

namespace tollgate::extraction {
namespace {

constexpr std::array<const char*, kFormatCount> kFormatNames = {"text", "markdown", "csv", "html", "xml"};

// The byte and UTF-16 offsets of every span in `words` (records of `stride`
// words whose spans start at `first_span` and number `span_count`) move by the
// lengths of what came before.
void rebase(std::vector<std::uint32_t>& words, std::size_t from, std::size_t stride, std::size_t first_span,
            std::size_t span_count, std::uint32_t bytes, std::uint32_t units) {
  for (std::size_t r = from; r + stride <= words.size(); r += stride) {
    for (std::size_t s = 0; s < span_count; ++s) {
      words[r + first_span + s * kSpanWords] += bytes;
      words[r + first_span + s * kSpanWords + 2] += units;
    }
  }
}

}  // namespace

const char* formatName(Format format) { return kFormatNames[static_cast<int>(format)]; }

Format parseFormat(std::string_view name) {
  for (int i = 0; i < kFormatCount; ++i) {
    if (name == kFormatNames[i]) return static_cast<Format>(i);
  }
  throw InputError("unknown format '" + std::string(name) + "' (known: text, markdown, csv, html, xml)");
}

void writeSpan(std::uint32_t* words, const Span& span) {
  words[0] = span.offset;
  words[1] = span.length;
  words[2] = span.u16_offset;
  words[3] = span.u16_length;
}

Span ResultBuffers::addString(std::string_view text) {
  Span span;
  span.offset = static_cast<std::uint32_t>(strings.size());
  span.length = static_cast<std::uint32_t>(text.size());
  // The UTF-16 offset of the end of `strings` is kept in the last span written;
  // recomputing it from the whole arena would be quadratic.
  span.u16_offset = strings_u16_length;
  span.u16_length = static_cast<std::uint32_t>(utf16Length(text));
  strings_u16_length += span.u16_length;
  strings.append(text);
  return span;
}

std::string_view ResultBuffers::text(const std::uint32_t* span_words) const {
  return strings.view().substr(span_words[0], span_words[1]);
}

void ResultBuffers::clear() {
  encoding = Encoding::utf_8;
  content.clear();
  strings.clear();
  strings_u16_length = 0;
  metadata.fill(0);
  headings.clear();
  links.clear();
  images.clear();
  rows.clear();
  cells.clear();
  table_count = 0;
  word_count = 0;
  char_count = 0;
  metadata_ready = false;
  finished = false;
}

void ResultBuffers::append(const ResultBuffers& chunk) {
  const auto bytes = static_cast<std::uint32_t>(strings.size());
  const std::uint32_t units = strings_u16_length;
  content += chunk.content.view();
  strings += chunk.strings.view();
  strings_u16_length += chunk.strings_u16_length;
  if (chunk.metadata_ready && !metadata_ready) {
    metadata = chunk.metadata;
    for (int f = 0; f < kMetaFieldCount; ++f) {
      metadata[f * kSpanWords] += bytes;
      metadata[f * kSpanWords + 2] += units;
    }
    metadata_ready = true;
  }
  const std::size_t h = headings.size(), l = links.size(), i = images.size();
  const std::size_t first_cell = cells.size() / kCellWords;
  const std::size_t r = rows.size(), c = cells.size();
  headings.insert(headings.end(), chunk.headings.begin(), chunk.headings.end());
  links.insert(links.end(), chunk.links.begin(), chunk.links.end());
  images.insert(images.end(), chunk.images.begin(), chunk.images.end());
  rows.insert(rows.end(), chunk.rows.begin(), chunk.rows.end());
  cells.insert(cells.end(), chunk.cells.begin(), chunk.cells.end());
  rebase(headings, h, kHeadingWords, 1, 1, bytes, units);
  rebase(links, l, kLinkWords, 0, 2, bytes, units);
  rebase(images, i, kLinkWords, 0, 2, bytes, units);
  rebase(cells, c, kCellWords, 0, 1, bytes, units);
  for (std::size_t w = r; w < rows.size(); w += kRowWords) rows[w + 1] += static_cast<std::uint32_t>(first_cell);
  // Counts and flags are running totals in every chunk: the latest is the truth.
  format = chunk.format;
  encoding = chunk.encoding;
  table_count = chunk.table_count;
  word_count = chunk.word_count;
  char_count = chunk.char_count;
  finished = chunk.finished;
}

}  // namespace tollgate::extraction
