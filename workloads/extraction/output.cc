#include "output.h"

#include "utf8.h"

namespace tollgate::extraction {

void RowBuilder::beginCell() {
  if (in_cell_) endCell();
  cell_.clear();
  in_cell_ = true;
}

void RowBuilder::endCell() {
  if (!in_cell_) return;
  in_cell_ = false;
  if (count_ >= kMaxRowCells) return;
  text_.append(cell_.text());
  if (ends_.size() <= count_) ends_.push_back(0);
  ends_[count_++] = text_.size();
}

std::string_view RowBuilder::cell(std::size_t i) const {
  const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
  return std::string_view(text_).substr(begin, ends_[i] - begin);
}

void RowBuilder::clear() {
  text_.clear();
  count_ = 0;
  cell_.clear();
  in_cell_ = false;
}

std::string_view recordText(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && isAsciiSpace(text[begin])) ++begin;
  while (end > begin && isAsciiSpace(text[end - 1])) --end;
  text = text.substr(begin, end - begin);
  return text.substr(0, prefixAtBoundary(text, kMaxItemBytes));
}

void Output::setMetadata(MetaField field, std::string_view value) {
  const int f = static_cast<int>(field);
  if (metadata_ready_ || metadata_set_[f]) return;
  metadata_set_[f] = true;
  metadata_values_[f].assign(recordText(value));
}

void Output::metadataReady() {
  if (metadata_ready_) return;
  metadata_ready_ = true;
  out_->metadata_ready = true;
  for (int f = 0; f < kMetaFieldCount; ++f) {
    writeSpan(&out_->metadata[f * kSpanWords], out_->addString(metadata_values_[f]));
  }
}

void Output::heading(int level, std::string_view text) {
  metadataReady();
  const Span span = out_->addString(recordText(text));
  const std::uint32_t words[kHeadingWords] = {static_cast<std::uint32_t>(level), span.offset, span.length,
                                              span.u16_offset, span.u16_length};
  out_->headings.insert(out_->headings.end(), words, words + kHeadingWords);
}

void Output::link(std::string_view href, std::string_view text) {
  metadataReady();
  std::uint32_t words[kLinkWords];
  writeSpan(words, out_->addString(recordText(href)));
  writeSpan(words + kSpanWords, out_->addString(recordText(text)));
  out_->links.insert(out_->links.end(), words, words + kLinkWords);
}

void Output::image(std::string_view src, std::string_view alt) {
  metadataReady();
  std::uint32_t words[kLinkWords];
  writeSpan(words, out_->addString(recordText(src)));
  writeSpan(words + kSpanWords, out_->addString(recordText(alt)));
  out_->images.insert(out_->images.end(), words, words + kLinkWords);
}

void Output::row(std::uint32_t table, const RowBuilder& row) {
  metadataReady();
  const std::uint32_t words[kRowWords] = {table, static_cast<std::uint32_t>(out_->cells.size() / kCellWords),
                                          static_cast<std::uint32_t>(row.cellCount())};
  out_->rows.insert(out_->rows.end(), words, words + kRowWords);
  for (std::size_t i = 0; i < row.cellCount(); ++i) {
    std::uint32_t span[kSpanWords];
    writeSpan(span, out_->addString(row.cell(i)));
    out_->cells.insert(out_->cells.end(), span, span + kSpanWords);
  }
}

void Output::syncTotals() {
  out_->word_count = content_.words();
  out_->char_count = content_.chars();
  out_->table_count = table_count_;
}

void Output::reset() {
  content_.reset();
  for (int f = 0; f < kMetaFieldCount; ++f) {
    metadata_set_[f] = false;
    metadata_values_[f].clear();
  }
  metadata_ready_ = false;
  table_count_ = 0;
}

}  // namespace tollgate::extraction
