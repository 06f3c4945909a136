#include "query.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "byte_reader.h"
#include "nested_assembly.h"
#include "tollgate/errors.h"

namespace tollgate::parquet {

std::optional<double> statNumber(const ColumnDescriptor& column, const std::string& bytes) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const PhysicalType type = column.type;
  const bool u = column.is_unsigned;
  double v;
  if (type == PhysicalType::int32 && bytes.size() == 4) {
    v = u ? static_cast<double>(loadLe<std::uint32_t>(p)) : static_cast<double>(loadLe<std::int32_t>(p));
  } else if (type == PhysicalType::int64 && bytes.size() == 8) {
    v = u ? static_cast<double>(loadLe<std::uint64_t>(p)) : static_cast<double>(loadLe<std::int64_t>(p));
  } else if (type == PhysicalType::float32 && bytes.size() == 4) {
    v = loadLe<float>(p);
  } else if (type == PhysicalType::float64 && bytes.size() == 8) {
    v = loadLe<double>(p);
  } else {
    return std::nullopt;
  }
  if (std::isnan(v)) return std::nullopt;
  return v;
}

namespace {

const ColumnMetaData& chunkMeta(const ParquetFile& file, std::size_t group, std::size_t column) {
  return *file.metadata().row_groups[group].columns[column].meta_data;
}

std::uint32_t groupRows(const ParquetFile& file, std::size_t group) {
  return static_cast<std::uint32_t>(file.metadata().row_groups[group].num_rows);
}

// Whether chunk statistics prove no row of the chunk can pass `where`. A
// maximum that cannot be read as the column's type is ignored with a warning.
bool prunedByStats(const ParquetFile& file, std::size_t group, std::size_t column, double threshold, Warnings& warnings) {
  const ColumnMetaData& meta = chunkMeta(file, group, column);
  if (!meta.statistics) return false;
  const Statistics& s = *meta.statistics;
  if (s.null_count && *s.null_count == meta.num_values && meta.num_values > 0) return true;  // all null
  const ColumnDescriptor& c = file.schema().columns[column];
  // max_value is in the column's own order (unsigned for UINT_*). The deprecated
  // max is in signed order: right for signed numbers, wrong for unsigned ones.
  const std::optional<std::string>& max = s.max_value || c.is_unsigned ? s.max_value : s.legacy_max;
  if (!max) return false;
  const std::optional<double> v = statNumber(c, *max);
  if (!v && !(max->size() == valueWidth(c.type, c.type_length))) {  // a NaN maximum proves nothing, silently
    warnings.add("the statistics of column " + quoted(c.name) + " in row group " + std::to_string(group) + " give a maximum of " +
                 std::to_string(max->size()) + " bytes for " + typeLabel(c) + ": ignored, the row group is read");
  }
  return v && !(*v > threshold);
}

// Calls match(row, k, value) for each candidate row whose value (k-th of
// `data`, a T each) is not null and greater than `threshold`, compared as a
// double as ColumnValues::number() reads it (unsigned zero-extended).
template <typename T, typename Match>
void scanGreater(const std::uint8_t* data, const std::uint8_t* valid, const RowRanges& candidates, double threshold, Match&& match) {
  std::size_t k = 0;
  for (const RowRange& range : candidates) {
    const std::size_t n = range.end - range.begin;
    for (std::size_t i = 0; i < n; ++i, ++k) {
      T raw;
      std::memcpy(&raw, data + k * sizeof(T), sizeof(T));  // little-endian, as loadLe reads it
      const double v = static_cast<double>(raw);
      if (v > threshold && (valid == nullptr || valid[k] != 0)) match(range.begin + static_cast<std::uint32_t>(i), k, v);
    }
  }
}

}  // namespace

Query::Query(const ParquetFile& file, QuerySpec spec)
    : Fetcher(file.budget()), file_(file), spec_(std::move(spec)), indexes_(file, file.budget()), memory_(file.budget()),
      buffers_(file.budget()) {
  if (!file.ready()) throw std::logic_error("internal error: a query on a file not yet opened");
  borrowFrom(file);
  const Schema& schema = file.schema();
  memory_.grow(spec_.columns.size() * sizeof(ColumnValues), "the result's columns");
  result_.columns.reserve(spec_.columns.size());
  for (const std::string& name : spec_.columns) {
    // A flat column; a nested field by its top-level name (all of it) or a leaf
    // of one by its dotted path (that leaf and the nodes above it).
    const ColumnDescriptor* leaf = schema.find(name);
    const std::uint32_t field = leaf ? topFieldOf(schema, *leaf) : schema.topField(name);
    if (field == FieldNode::kNone) schema.column(name);  // throws, naming the columns there are
    result_.columns.emplace_back();
    if (leaf && !leaf->nested) {
      if (!leaf->unsupported.empty()) throw InputError(leaf->unsupported);
      projected_.push_back(leaf->index);
      leaves_.push_back({leaf->index});
      result_.columns.back().init(*leaf, budget_);
      continue;
    }
    if (const ColumnDescriptor* refused = leaf ? (leaf->unsupported.empty() ? nullptr : leaf) : refusedLeaf(schema, field)) {
      throw InputError(refused->unsupported);
    }
    projected_.push_back(SIZE_MAX);
    leaves_.push_back(leaf ? std::vector<std::size_t>{leaf->index} : leavesOf(schema, field));
    initNested(result_.columns.back(), schema, field, leaf ? static_cast<std::uint32_t>(leaf->index) : FieldNode::kNone, budget_);
  }
  if (spec_.where) {
    const ColumnDescriptor& c = schema.column(spec_.where->column);
    if (!c.unsupported.empty()) throw InputError(c.unsupported);
    if (c.nested) {
      throw InputError("the predicate column " + quoted(c.name) + " is inside a nested field: predicates on nested columns are not supported");
    }
    if (!isNumeric(c.type)) {
      throw InputError("the predicate column " + quoted(c.name) + " is " + typeLabel(c) + ": only integer (INT32, INT64, signed or unsigned), FLOAT and DOUBLE columns can be compared");
    }
    where_ = c.index;
    predicate_values_.init(c, budget_);
  } else if (spec_.sum) {
    throw InputError("sum() needs a predicate column");
  }
  planRowGroups();
  wantIndexes();
}

void Query::planRowGroups() {
  const auto& groups = file_.metadata().row_groups;
  result_.stats.row_groups = groups.size();
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].num_rows == 0) continue;
    if (spec_.where && prunedByStats(file_, g, where_, spec_.where->threshold, result_.warnings)) {
      ++result_.stats.row_groups_pruned;
      continue;
    }
    groups_.push_back(g);
    indexes_.addGroup(g);
  }
}

void Query::wantIndexes() {
  std::vector<ByteRange> ranges;
  if (file_.options().use_page_index) {
    std::vector<bool> wanted(file_.schema().columns.size(), false);
    for (const auto& leaves : leaves_) {
      for (std::size_t c : leaves) wanted[c] = true;
    }
    ranges = indexes_.locate(wanted, spec_.where ? std::optional<std::size_t>(where_) : std::nullopt, result_.warnings);
  }
  const bool any = !ranges.empty();
  ranges.erase(std::remove_if(ranges.begin(), ranges.end(), [&](const ByteRange& r) { return holds(r.offset, r.length); }),
               ranges.end());
  if (!ranges.empty()) {
    stage_ = Stage::indexes;
    want(std::move(ranges), file_.options().coalesce_gap);
    return;
  }
  if (any) indexes_.parse(*this, result_.warnings);  // all in the file's tail already
  nextRowGroup(false);
}

void Query::onData() {
  switch (stage_) {
    case Stage::indexes:
      indexes_.parse(*this, result_.warnings);
      releaseFetched();
      nextRowGroup(false);
      return;
    case Stage::predicate:
      evaluatePredicate();
      if (selection_.empty() || projected_.empty()) {
        nextRowGroup(true);
      } else if (!wantProjection()) {
        decodeProjection();
        nextRowGroup(true);
      }
      return;
    case Stage::projection:
      decodeProjection();
      nextRowGroup(true);
      return;
  }
}

// Rows whose predicate values must be decoded: those of the pages the column
// index cannot rule out, or all of them.
RowRanges Query::candidateRows(std::size_t group) {
  const std::uint32_t rows = groupRows(file_, group);
  const ChunkIndex& index = indexes_.at(group, where_);
  if (!index.offsets || !index.stats) return {{0, rows}};
  const auto& pages = index.offsets->pages;
  const ColumnIndex& stats = *index.stats;
  const ColumnDescriptor& column = file_.schema().columns[where_];
  RowRanges out;
  bool warned = false;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto begin = static_cast<std::uint32_t>(pages[i].first_row_index);
    const auto end = i + 1 < pages.size() ? static_cast<std::uint32_t>(pages[i + 1].first_row_index) : rows;
    bool possible = !stats.null_pages[i];
    if (possible) {
      const std::optional<double> max = statNumber(column, stats.max_values[i]);
      possible = !max || *max > spec_.where->threshold;
      if (!max && stats.max_values[i].size() != column.width() && !warned) {
        warned = true;
        result_.warnings.add("the column index of column " + quoted(column.name) + " in row group " + std::to_string(group) +
                             " gives page " + std::to_string(i) + " a maximum of " + std::to_string(stats.max_values[i].size()) +
                             " bytes for " + typeLabel(column) + ": ignored, such pages are read");
      }
    }
    if (!possible) {
      ++result_.stats.pages_pruned;
      continue;
    }
    if (!out.empty() && out.back().end == begin) out.back().end = end;
    else out.push_back({begin, end});
  }
  return out;
}

std::vector<Query::WantedPage> Query::wantedPages(std::size_t group, std::size_t column, const RowRanges& rows) const {
  const ChunkRange chunk = chunkRange(chunkMeta(file_, group, column));
  const ChunkIndex& index = indexes_.at(group, column);
  if (!index.offsets) return {{{chunk.offset, chunk.length}, 0}};
  const auto& pages = index.offsets->pages;
  std::vector<WantedPage> out;
  if (chunk.offset < static_cast<std::uint64_t>(pages[0].offset)) {
    out.push_back({{chunk.offset, static_cast<std::uint64_t>(pages[0].offset) - chunk.offset}, -1});  // dictionary page
  }
  const std::uint32_t total = groupRows(file_, group);
  std::size_t r = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto begin = static_cast<std::uint32_t>(pages[i].first_row_index);
    const auto end = i + 1 < pages.size() ? static_cast<std::uint32_t>(pages[i + 1].first_row_index) : total;
    while (r < rows.size() && rows[r].end <= begin) ++r;
    if (r < rows.size() && rows[r].begin < end) {
      out.push_back({{static_cast<std::uint64_t>(pages[i].offset), static_cast<std::uint64_t>(pages[i].compressed_page_size)},
                     pages[i].first_row_index});
    }
  }
  return out;
}

std::vector<ByteRange> Query::pagesFor(std::size_t group, std::size_t column, const RowRanges& rows) const {
  std::vector<ByteRange> out;
  for (const WantedPage& page : wantedPages(group, column, rows)) out.push_back(page.range);
  return out;
}

std::vector<PageSpan> Query::spansFor(std::size_t group, std::size_t column, const RowRanges& rows) const {
  const ChunkIndex& index = indexes_.at(group, column);
  std::vector<PageSpan> spans;
  if (!index.offsets) {
    const ChunkRange chunk = chunkRange(chunkMeta(file_, group, column));
    spans.push_back({bytesAt(chunk.offset, chunk.length), static_cast<std::size_t>(chunk.length), 0, chunk.offset});
    return spans;
  }
  // The pages fetched, as runs of adjacent pages (each run's first row known).
  std::int64_t run_first_row = -1;
  for (const WantedPage& page : wantedPages(group, column, rows)) {
    const ByteRange& r = page.range;
    const std::int64_t first_row = page.first_row;
    const std::uint8_t* bytes = bytesAt(r.offset, r.length);
    // Adjacent in the file and in memory (the same fetched buffer): one run.
    if (!spans.empty() && spans.back().file_offset + spans.back().size == r.offset &&
        spans.back().data + spans.back().size == bytes && first_row >= 0 && run_first_row >= 0) {
      spans.back().size += static_cast<std::size_t>(r.length);
      continue;
    }
    spans.push_back({bytes, static_cast<std::size_t>(r.length), first_row, r.offset});
    run_first_row = first_row;
  }
  return spans;
}

void Query::nextRowGroup(bool done_with_current) {
  if (done_with_current) {
    releaseFetched();
    ++cursor_;
  }
  for (; cursor_ < groups_.size(); ++cursor_) {
    if (startRowGroup()) return;
  }
  // What was kept from row group to row group goes before the result is read.
  buffers_ = PageBuffers(budget_);
  if (spec_.where) predicate_values_.init(file_.schema().columns[where_], budget_);
  finish();
}

bool Query::startRowGroup() {
  const std::size_t g = groups_[cursor_];
  if (!spec_.where) {
    selection_ = {{0, groupRows(file_, g)}};
    if (projected_.empty()) {
      result_.rows += groupRows(file_, g);
      return false;
    }
    stage_ = Stage::projection;
    return wantProjection() || (decodeProjection(), false);
  }
  candidates_ = candidateRows(g);
  if (candidates_.empty()) return false;
  stage_ = Stage::predicate;
  want(pagesFor(g, where_, candidates_), file_.options().coalesce_gap);
  return true;
}

void Query::evaluatePredicate() {
  const std::size_t g = groups_[cursor_];
  const RowRanges& candidates = candidates_;
  ColumnValues& values = predicate_values_;
  values.clearRows();
  decodeChunk(file_.schema().columns[where_], chunkMeta(file_, g, where_), groupRows(file_, g),
              spansFor(g, where_, candidates), candidates, values, budget_, result_.stats.decode, buffers_);
  result_.stats.rows_evaluated += values.rows;
  selection_.clear();
  const double threshold = spec_.where->threshold;
  // A projected predicate column takes its values from here: decoded once, and
  // copied to every position that projects it.
  std::vector<ColumnValues*> keep;
  for (std::size_t j = 0; j < projected_.size(); ++j) {
    if (projected_[j] == where_) keep.push_back(&result_.columns[j]);
  }
  // The comparison runs on the decoded values in their own type (one typed loop
  // per column type, no per-row switch); the rare rows that pass take the slow
  // path: selection ranges, the sum in row order, the projected copy.
  const auto match = [&](std::uint32_t row, std::size_t k, double v) {
    if (!selection_.empty() && selection_.back().end == row) ++selection_.back().end;
    else selection_.push_back({row, row + 1});
    if (spec_.sum) result_.sum += v;
    if (projected_.empty()) ++result_.rows;
    for (ColumnValues* out : keep) {
      out->reserveRows(1, 0, "column values");
      out->data.append(values.data.data() + k * values.width, values.width, "column values");
      if (out->optional) out->valid.push_back(1, "validity");
      ++out->rows;
    }
  };
  const std::uint8_t* valid = values.optional ? values.valid.data() : nullptr;
  switch (values.type) {
    case PhysicalType::int32:
      if (values.is_unsigned) scanGreater<std::uint32_t>(values.data.data(), valid, candidates, threshold, match);
      else scanGreater<std::int32_t>(values.data.data(), valid, candidates, threshold, match);
      break;
    case PhysicalType::int64:
      if (values.is_unsigned) scanGreater<std::uint64_t>(values.data.data(), valid, candidates, threshold, match);
      else scanGreater<std::int64_t>(values.data.data(), valid, candidates, threshold, match);
      break;
    case PhysicalType::float32: scanGreater<float>(values.data.data(), valid, candidates, threshold, match); break;
    case PhysicalType::float64: scanGreater<double>(values.data.data(), valid, candidates, threshold, match); break;
    default: throw std::logic_error("internal error: a predicate on a non-numeric column");
  }
}

bool Query::wantProjection() {
  const std::size_t g = groups_[cursor_];
  std::vector<ByteRange> ranges;
  for (std::size_t j = 0; j < projected_.size(); ++j) {
    if (spec_.where && projected_[j] == where_) continue;  // filled while evaluating the predicate
    for (const std::size_t c : leaves_[j]) {
      for (const ByteRange& r : pagesFor(g, c, selection_)) {
        if (!holds(r.offset, r.length)) ranges.push_back(r);  // the predicate's pages may be held already
      }
    }
  }
  if (ranges.empty()) return false;
  stage_ = Stage::projection;
  want(std::move(ranges), file_.options().coalesce_gap);
  return true;
}

void Query::decodeProjection() {
  const std::size_t g = groups_[cursor_];
  for (std::size_t j = 0; j < projected_.size(); ++j) {
    const std::size_t c = projected_[j];
    if (spec_.where && c == where_) continue;  // filled while evaluating the predicate
    if (c != SIZE_MAX) {
      decodeChunk(file_.schema().columns[c], chunkMeta(file_, g, c), groupRows(file_, g), spansFor(g, c, selection_),
                  selection_, result_.columns[j], budget_, result_.stats.decode, buffers_);
      continue;
    }
    for (const std::size_t leaf : leaves_[j]) {
      decodeNestedChunk(file_.schema(), file_.schema().columns[leaf], chunkMeta(file_, g, leaf), groupRows(file_, g),
                        spansFor(g, leaf, selection_), selection_, result_.columns[j], budget_, result_.stats.decode);
    }
  }
  result_.rows += rowCount(selection_);
}

std::vector<ColumnValues> decodeAll(const ParquetFile& file, const std::uint8_t* data, DecodeStats& stats) {
  const Schema& schema = file.schema();
  // A column this reader cannot read stays empty (its descriptor says why):
  // the file's other columns are read, as the late path reads them. A nested
  // field is read whole into the slot of its first leaf, or not at all.
  std::vector<ColumnValues> columns(schema.columns.size());
  std::vector<std::uint32_t> readable;  // top-level fields
  for (const std::uint32_t field : schema.top_fields) {
    const FieldNode& f = schema.fields[field];
    if (f.kind == FieldNode::Kind::leaf) {
      const ColumnDescriptor& c = schema.columns[f.column];
      if (!c.unsupported.empty()) continue;
      columns[c.index].init(c, file.budget());
    } else {
      if (refusedLeaf(schema, field) != nullptr) continue;
      initNested(columns[leavesOf(schema, field).front()], schema, field, FieldNode::kNone, file.budget());
    }
    readable.push_back(field);
  }
  const auto& groups = file.metadata().row_groups;
  // Every row is wanted: fixed-width columns can be sized exactly up front.
  if (file.metadata().num_rows <= 0xffffffffLL) {
    const auto total = static_cast<std::size_t>(file.metadata().num_rows);
    for (ColumnValues& c : columns) {
      if (c.width > 0 && c.nodes.empty()) c.reserveRows(total, 0, "column values");
    }
  }
  PageBuffers buffers(file.budget());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::uint32_t rows = groupRows(file, g);
    if (rows == 0) continue;
    for (const std::uint32_t field : readable) {
      const std::vector<std::size_t> leaves = leavesOf(schema, field);
      ColumnValues& out = columns[leaves.front()];
      for (const std::size_t leaf : leaves) {
        const ColumnDescriptor& c = schema.columns[leaf];
        const ColumnMetaData& meta = chunkMeta(file, g, c.index);
        const ChunkRange chunk = chunkRange(meta);
        const std::vector<PageSpan> spans{{data + chunk.offset, static_cast<std::size_t>(chunk.length), 0, chunk.offset}};
        if (c.nested) decodeNestedChunk(schema, c, meta, rows, spans, {{0, rows}}, out, file.budget(), stats);
        else decodeChunk(c, meta, rows, spans, {{0, rows}}, out, file.budget(), stats, buffers);
      }
    }
  }
  return columns;
}

}  // namespace tollgate::parquet
