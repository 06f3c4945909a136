#pragma once
// Decoding one column chunk's pages: dictionary page, data pages v1 and v2,
// PLAIN / RLE_DICTIONARY / PLAIN_DICTIONARY / RLE (booleans) / DELTA_BINARY_PACKED /
// DELTA_LENGTH_BYTE_ARRAY / DELTA_BYTE_ARRAY / BYTE_STREAM_SPLIT, definition levels
// of optional columns, every codec codecs.h decodes.
//
// Late materialization lives here: only the requested rows are emitted, a data
// page holding none of them is skipped without being decompressed, and a page
// holding some is decoded only as far as its last requested row needs. Anything
// outside what the reader supports is refused with an InputError naming it.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "column_values.h"
#include "metadata.h"
#include "schema.h"

namespace tollgate::parquet {

// Consecutive pages of a chunk held in memory. A chunk read whole is one span;
// read through its offset index, it is the dictionary page and the wanted pages.
struct PageSpan {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
  std::int64_t first_row = -1;  // row of the span's first data page; -1: continues
  std::uint64_t file_offset = 0;
};

struct DecodeStats {
  std::uint64_t pages_decoded = 0;
  std::uint64_t pages_skipped = 0;   // data pages holding no requested row
  std::uint64_t bytes_decompressed = 0;
};

// Working buffers of page decoding. Whoever decodes many chunks keeps one and
// hands it to every decodeChunk: a page's buffers are then allocated once per
// query instead of once per chunk (a fresh megabyte is a megabyte of page faults
// natively: 15% of a query's time on DuckDB's file).
struct PageBuffers {
  explicit PageBuffers(MemoryBudget& budget) : page(budget), levels(budget), rep_levels(budget), scratch(budget), index(budget) {}
  Bytes page;                   // a decompressed page
  Bytes levels;                 // definition levels of one page
  Bytes rep_levels;             // repetition levels of one page (nested columns)
  Bytes scratch;                // values decoded from DELTA_* and BYTE_STREAM_SPLIT pages
  Buffer<std::uint32_t> index;  // dictionary indices, RLE booleans, or byte-array offsets
};

// Appends the rows in `rows` (of a row group of `row_group_rows` rows) to `out`,
// which init() has prepared for this column.
void decodeChunk(const ColumnDescriptor& column, const ColumnMetaData& meta, std::uint32_t row_group_rows,
                 const std::vector<PageSpan>& spans, const RowRanges& rows, ColumnValues& out,
                 MemoryBudget& budget, DecodeStats& stats, PageBuffers& buffers);
// The same with buffers of its own.
void decodeChunk(const ColumnDescriptor& column, const ColumnMetaData& meta, std::uint32_t row_group_rows,
                 const std::vector<PageSpan>& spans, const RowRanges& rows, ColumnValues& out,
                 MemoryBudget& budget, DecodeStats& stats);

// The same for one leaf of a nested field (nested_assembly.h): appends the
// rows in `rows` to `out`, which initNested() has prepared for its field.
void decodeNestedChunk(const Schema& schema, const ColumnDescriptor& column, const ColumnMetaData& meta,
                       std::uint32_t row_group_rows, const std::vector<PageSpan>& spans, const RowRanges& rows,
                       ColumnValues& out, MemoryBudget& budget, DecodeStats& stats);

}  // namespace tollgate::parquet
