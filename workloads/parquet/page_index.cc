#include "page_index.h"

#include "tollgate/errors.h"

namespace tollgate::parquet {

void Warnings::add(std::string message) {
  if (messages.size() < kKept) messages.push_back(std::move(message));
  ++count;
}

PageIndexes::PageIndexes(const ParquetFile& file, MemoryBudget& budget)
    : file_(file), budget_(budget), table_memory_(budget), chunks_(file.metadata().row_groups.size()) {
  table_memory_.grow(chunks_.size() * sizeof(chunks_[0]), "the page index table");
}

void PageIndexes::addGroup(std::size_t group) {
  const std::size_t columns = file_.schema().columns.size();
  table_memory_.grow(columns * sizeof(ChunkIndex), "the page index table");
  chunks_[group].resize(columns);
}

std::string PageIndexes::chunkName(std::size_t group, std::size_t column) const {
  return "column " + quoted(file_.schema().columns[column].name) + " in row group " + std::to_string(group);
}

std::vector<ByteRange> PageIndexes::locate(const std::vector<bool>& wanted, std::optional<std::size_t> where, Warnings& warnings) {
  std::vector<ByteRange> ranges;
  // The indexes lie in the file's data, before the footer; a larger one is a lie.
  const auto usable = [&](std::optional<std::int64_t> offset, std::optional<std::int32_t> length) {
    return *offset >= 0 && *length > 0 && static_cast<std::uint64_t>(*offset) + static_cast<std::uint64_t>(*length) <= file_.footerOffset() &&
           *length <= (64 << 20);
  };
  for (std::size_t g = 0; g < chunks_.size(); ++g) {
    if (chunks_[g].empty()) continue;
    const auto& chunks = file_.metadata().row_groups[g].columns;
    const auto add = [&](std::size_t c) {
      const ColumnChunk& chunk = chunks[c];
      if (!chunk.offset_index_offset || !chunk.offset_index_length) return;
      if (!usable(chunk.offset_index_offset, chunk.offset_index_length)) {
        warnings.add("the offset index of " + chunkName(g, c) + " claims bytes " + std::to_string(*chunk.offset_index_offset) +
                     " (" + std::to_string(*chunk.offset_index_length) + " long), outside the file's data: ignored, the chunk is read whole");
        return;
      }
      Located l{g, c, {static_cast<std::uint64_t>(*chunk.offset_index_offset), static_cast<std::uint64_t>(*chunk.offset_index_length)}, {}};
      if (where && c == *where && chunk.column_index_offset && chunk.column_index_length) {
        if (usable(chunk.column_index_offset, chunk.column_index_length)) {
          l.stats = ByteRange{static_cast<std::uint64_t>(*chunk.column_index_offset), static_cast<std::uint64_t>(*chunk.column_index_length)};
          ranges.push_back(*l.stats);
        } else {
          warnings.add("the column index of " + chunkName(g, c) + " claims bytes " + std::to_string(*chunk.column_index_offset) +
                       " (" + std::to_string(*chunk.column_index_length) + " long), outside the file's data: ignored, no page of it is pruned");
        }
      }
      ranges.push_back(l.offsets);
      located_.push_back(l);
    };
    if (where) add(*where);
    for (std::size_t c = 0; c < chunks.size(); ++c) {
      if (wanted[c] && !(where && c == *where)) add(c);
    }
  }
  return ranges;
}

void PageIndexes::parse(const Fetcher& source, Warnings& warnings) {
  const auto bytes = [&](const ByteRange& r) {
    const std::uint8_t* p = source.held(r.offset, r.length);
    if (p == nullptr) throw std::logic_error("internal error: a page index was never fetched");
    return p;
  };
  for (const Located& l : located_) {
    ChunkIndex& index = chunks_[l.group][l.column];
    index.memory.bind(budget_);
    try {
      index.offsets = parseOffsetIndex(bytes(l.offsets), static_cast<std::size_t>(l.offsets.length), index.memory);
      validate(l.group, l.column, *index.offsets);
    } catch (const InputError& e) {
      // Ignored, and what it held with it: the chunk is read whole.
      index = ChunkIndex{};
      warnings.add(e.what() + std::string(": the offset index of ") + chunkName(l.group, l.column) +
                   " is ignored, the chunk is read whole");
      continue;
    }
    if (!l.stats) continue;
    try {
      index.stats = parseColumnIndex(bytes(*l.stats), static_cast<std::size_t>(l.stats->length), index.memory);
      if (index.stats->null_pages.size() != index.offsets->pages.size()) {
        throw InputError("the column index has " + std::to_string(index.stats->null_pages.size()) + " pages, its offset index " +
                         std::to_string(index.offsets->pages.size()));
      }
    } catch (const InputError& e) {
      index.stats.reset();
      warnings.add(e.what() + std::string(": the column index of ") + chunkName(l.group, l.column) +
                   " is ignored, none of its pages is pruned");
    }
  }
  located_.clear();
}

void PageIndexes::validate(std::size_t group, std::size_t column, const OffsetIndex& index) const {
  const ChunkRange chunk = chunkRange(*file_.metadata().row_groups[group].columns[column].meta_data);
  const auto rows = static_cast<std::uint64_t>(file_.metadata().row_groups[group].num_rows);
  if (index.pages.empty() || index.pages[0].first_row_index != 0) throw InputError("the offset index does not start at row 0");
  for (std::size_t i = 0; i < index.pages.size(); ++i) {
    const PageLocation& p = index.pages[i];
    const std::string page = "page " + std::to_string(i);
    // A page has a header at least: an empty one would vanish when reads are
    // merged, and its bytes would then be looked for where none were fetched.
    if (p.compressed_page_size <= 0) {
      throw InputError("the offset index gives " + page + " a size of " + std::to_string(p.compressed_page_size) + " bytes");
    }
    const auto offset = static_cast<std::uint64_t>(p.offset);
    if (offset < chunk.offset || offset + static_cast<std::uint64_t>(p.compressed_page_size) > chunk.offset + chunk.length) {
      throw InputError("the offset index puts " + page + " outside its column chunk");
    }
    if (static_cast<std::uint64_t>(p.first_row_index) >= rows) throw InputError("the offset index puts " + page + " past the row group's rows");
    if (i == 0) continue;
    const PageLocation& before = index.pages[i - 1];
    if (p.first_row_index <= before.first_row_index || p.offset < before.offset) {
      throw InputError("the offset index is not in increasing order at " + page);
    }
    if (p.offset < before.offset + before.compressed_page_size) {
      throw InputError("the offset index says " + page + " overlaps page " + std::to_string(i - 1));
    }
  }
}

}  // namespace tollgate::parquet
