#pragma once
// What a format extractor writes into: the content writer and the records of a
// ResultBuffers. One Output lives as long as one document's extraction; the
// buffers behind it may be emptied between chunks (streaming), so nothing here
// refers back to earlier records.

#include <string_view>

#include "content_writer.h"
#include "result.h"

namespace tollgate::extraction {

// The cells of one table row, collected as its content goes by.
class RowBuilder {
 public:
  void beginCell();
  void appendToCell(std::string_view text) { cell_.append(text); }
  void spaceInCell() { cell_.space(); }
  void endCell();
  bool inCell() const { return in_cell_; }
  std::size_t cellCount() const { return count_; }
  std::string_view cell(std::size_t i) const;
  void clear();

 private:
  std::string text_;              // the row's finished cells, back to back
  std::vector<std::size_t> ends_;  // end of each cell in text_ (reused, never shrunk)
  std::size_t count_ = 0;
  ItemText cell_;
  bool in_cell_ = false;
};

class Output {
 public:
  explicit Output(ResultBuffers& out) : out_(&out), content_(&out.content) {}
  // Writes into other buffers from now on (the pooled adapter: one result per document).
  void retarget(ResultBuffers& out) {
    out_ = &out;
    content_.retarget(&out.content);
  }

  // Writing content or a record makes the metadata final first, so a stream
  // always hands over the metadata before anything else.
  ContentWriter& content() {
    if (!metadata_ready_) metadataReady();
    return content_;
  }
  ResultBuffers& buffers() { return *out_; }

  // First value wins; ignored once the metadata is final. Values are held here
  // until then: a stream hands them over in the chunk where they became final.
  void setMetadata(MetaField field, std::string_view value);
  // The metadata is final: written into the buffers (once).
  void metadataReady();
  bool isMetadataReady() const { return metadata_ready_; }

  void heading(int level, std::string_view text);
  void link(std::string_view href, std::string_view text);
  void image(std::string_view src, std::string_view alt);
  std::uint32_t beginTable() { return table_count_++; }
  void row(std::uint32_t table, const RowBuilder& row);

  // Copies the running totals into the buffers (after each piece of input).
  void syncTotals();
  void reset();

 private:
  ResultBuffers* out_;
  ContentWriter content_;
  bool metadata_set_[kMetaFieldCount] = {};
  std::string metadata_values_[kMetaFieldCount];
  bool metadata_ready_ = false;
  std::uint32_t table_count_ = 0;
};

// The text of a record, cut at kMaxItemBytes, with ASCII whitespace trimmed.
std::string_view recordText(std::string_view text);

}  // namespace tollgate::extraction
