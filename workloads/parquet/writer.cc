#include "writer.h"

#include <cmath>
#include <cstring>
#include <map>
#include <stdexcept>

#include "byte_reader.h"
#include "rle.h"
#include "snappy.h"
#include "thrift_compact.h"

namespace tollgate::parquet {
namespace {

using thrift::Type;

std::uint32_t fixedWidth(const WriterColumn& c) { return valueWidth(c.type, c.type_length); }

std::string valueAt(const WriterColumn& c, const ColumnInput& in, std::size_t row) {
  const std::uint32_t w = fixedWidth(c);
  if (w == 0) return std::string(reinterpret_cast<const char*>(in.data.data()) + in.offsets[row], in.offsets[row + 1] - in.offsets[row]);
  return std::string(reinterpret_cast<const char*>(in.data.data()) + row * w, w);
}

// Whether a < b in the column's sort order (signed numbers, IEEE floats without
// NaN, unsigned bytes for everything else).
bool less(const WriterColumn& c, const std::string& a, const std::string& b) {
  const auto* pa = reinterpret_cast<const std::uint8_t*>(a.data());
  const auto* pb = reinterpret_cast<const std::uint8_t*>(b.data());
  switch (c.type) {
    case PhysicalType::int32: return loadLe<std::int32_t>(pa) < loadLe<std::int32_t>(pb);
    case PhysicalType::int64: return loadLe<std::int64_t>(pa) < loadLe<std::int64_t>(pb);
    case PhysicalType::float32: return loadLe<float>(pa) < loadLe<float>(pb);
    case PhysicalType::float64: return loadLe<double>(pa) < loadLe<double>(pb);
    default: {
      const int cmp = std::memcmp(a.data(), b.data(), a.size() < b.size() ? a.size() : b.size());
      return cmp != 0 ? cmp < 0 : a.size() < b.size();
    }
  }
}

bool isNan(const WriterColumn& c, const std::string& v) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(v.data());
  if (c.type == PhysicalType::float32) return std::isnan(loadLe<float>(p));
  if (c.type == PhysicalType::float64) return std::isnan(loadLe<double>(p));
  return false;
}

template <typename T>
void signedZeros(std::string& min, std::string& max) {
  auto* lo = reinterpret_cast<std::uint8_t*>(min.data());
  auto* hi = reinterpret_cast<std::uint8_t*>(max.data());
  if (loadLe<T>(lo) == 0) storeLe<T>(lo, static_cast<T>(-0.0));
  if (loadLe<T>(hi) == 0) storeLe<T>(hi, static_cast<T>(0.0));
}

// Min and max of rows [begin, end) that are present and not NaN; false if none.
bool minMax(const WriterColumn& c, const ColumnInput& in, std::size_t begin, std::size_t end, std::string& min, std::string& max) {
  bool any = false;
  for (std::size_t r = begin; r < end; ++r) {
    if (c.optional && !in.valid[r]) continue;
    std::string v = valueAt(c, in, r);
    if (isNan(c, v)) continue;
    if (!any || less(c, v, min)) min = v;
    if (!any || less(c, max, v)) max = v;
    any = true;
  }
  // Zeros as the spec asks, FLOAT and DOUBLE alike: -0.0 as a minimum, +0.0 as
  // a maximum (a reader cannot tell which zero the page held).
  if (any && c.type == PhysicalType::float64) signedZeros<double>(min, max);
  if (any && c.type == PhysicalType::float32) signedZeros<float>(min, max);
  return any;
}

void putU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void plainValue(const WriterColumn& c, const std::string& v, std::vector<std::uint8_t>& out) {
  if (fixedWidth(c) == 0) putU32(out, static_cast<std::uint32_t>(v.size()));
  out.insert(out.end(), v.begin(), v.end());
}

}  // namespace

ParquetWriter::ParquetWriter(std::vector<WriterColumn> columns, WriterOptions options)
    : columns_(std::move(columns)), options_(std::move(options)) {
  if (options_.codec != Codec::uncompressed && options_.codec != Codec::snappy && !options_.compress) {
    throw std::invalid_argument("the writer writes " + codecName(static_cast<std::int32_t>(options_.codec)) + " only with a compressor");
  }
  if (options_.page_rows == 0) throw std::invalid_argument("page_rows must be positive");
  for (const WriterColumn& c : columns_) {
    if (c.type == PhysicalType::int96) throw std::invalid_argument("column '" + c.name + "': the writer does not write INT96");
    if (c.type == PhysicalType::fixed_len_byte_array && c.type_length <= 0) {
      throw std::invalid_argument("column '" + c.name + "': FIXED_LEN_BYTE_ARRAY needs a positive length");
    }
  }
  out_ = {'P', 'A', 'R', '1'};
}

void ParquetWriter::writeRowGroup(const std::vector<ColumnInput>& columns, std::uint32_t rows) {
  if (finished_) throw std::logic_error("writeRowGroup after finish");
  if (columns.size() != columns_.size()) throw std::invalid_argument("wrong number of columns for the schema");
  GroupInfo group;
  group.rows = rows;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const WriterColumn& wc = columns_[c];
    const ColumnInput& in = columns[c];
    const std::uint32_t w = fixedWidth(wc);
    const bool sizes_ok = (w == 0 ? in.offsets.size() == rows + 1u && in.offsets.back() <= in.data.size()
                                  : in.data.size() == std::size_t{rows} * w) &&
                          (!wc.optional || in.valid.size() == rows);
    if (!sizes_ok) throw std::invalid_argument("column '" + wc.name + "' does not hold " + std::to_string(rows) + " rows");
    ChunkInfo chunk;
    writeChunk(c, in, rows, chunk);
    group.chunks.push_back(std::move(chunk));
  }
  rows_ += rows;
  groups_.push_back(std::move(group));
}

void ParquetWriter::writePage(std::int32_t type, const std::vector<std::uint8_t>& body, std::size_t levels_bytes,
                              std::int32_t values, std::int32_t nulls, std::int32_t encoding, ChunkInfo& chunk) {
  // Compress (for v2, the values only: its levels stay readable as they are).
  std::vector<std::uint8_t> stored;
  const bool v2 = type == static_cast<std::int32_t>(PageType::data_page_v2);
  const std::size_t keep = v2 ? levels_bytes : 0;
  stored.assign(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(keep));
  if (options_.codec == Codec::snappy && !options_.compress) {
    snappy::compress(body.data() + keep, body.size() - keep, stored);
  } else if (options_.codec != Codec::uncompressed) {
    options_.compress(body.data() + keep, body.size() - keep, stored);
  } else {
    stored.insert(stored.end(), body.begin() + static_cast<std::ptrdiff_t>(keep), body.end());
  }
  std::vector<std::uint8_t> header;
  thrift::Writer w(header);
  w.beginStruct();
  w.i32Field(1, type);
  w.i32Field(2, static_cast<std::int32_t>(body.size()));
  w.i32Field(3, static_cast<std::int32_t>(stored.size()));
  if (type == static_cast<std::int32_t>(PageType::dictionary_page)) {
    w.structField(7);
    w.i32Field(1, values);
    w.i32Field(2, static_cast<std::int32_t>(Encoding::plain));
    w.endStruct();
  } else if (v2) {
    w.structField(8);
    w.i32Field(1, values);
    w.i32Field(2, nulls);
    w.i32Field(3, values);
    w.i32Field(4, encoding);
    w.i32Field(5, static_cast<std::int32_t>(levels_bytes));
    w.i32Field(6, 0);
    w.endStruct();
  } else {
    w.structField(5);
    w.i32Field(1, values);
    w.i32Field(2, encoding);
    w.i32Field(3, static_cast<std::int32_t>(Encoding::rle));
    w.i32Field(4, static_cast<std::int32_t>(Encoding::rle));
    w.endStruct();
  }
  w.endStruct();
  out_.insert(out_.end(), header.begin(), header.end());
  out_.insert(out_.end(), stored.begin(), stored.end());
  chunk.compressed += static_cast<std::int64_t>(header.size() + stored.size());
  chunk.uncompressed += static_cast<std::int64_t>(header.size() + body.size());
  if (type != static_cast<std::int32_t>(PageType::dictionary_page)) {
    chunk.pages.back().size = static_cast<std::int32_t>(header.size() + stored.size());
  }
}

void ParquetWriter::writeChunk(std::size_t column, const ColumnInput& in, std::uint32_t rows, ChunkInfo& chunk) {
  const WriterColumn& c = columns_[column];
  chunk.start = static_cast<std::int64_t>(out_.size());
  chunk.num_values = rows;
  // Dictionary: entries in order of first appearance (deterministic).
  std::map<std::string, std::uint32_t> lookup;
  std::vector<std::uint32_t> ids(rows, 0);
  if (c.dictionary) {
    std::vector<std::uint8_t> dict;
    for (std::uint32_t r = 0; r < rows; ++r) {
      if (c.optional && !in.valid[r]) continue;
      const std::string v = valueAt(c, in, r);
      const auto found = lookup.emplace(v, static_cast<std::uint32_t>(lookup.size()));
      if (found.second) plainValue(c, v, dict);
      ids[r] = found.first->second;
    }
    chunk.dictionary_page_offset = chunk.start;
    writePage(static_cast<std::int32_t>(PageType::dictionary_page), dict, 0, static_cast<std::int32_t>(lookup.size()), 0, 0, chunk);
  }
  const int id_width = std::max(1, bitWidth(lookup.empty() ? 0 : lookup.size() - 1));
  chunk.data_page_offset = static_cast<std::int64_t>(out_.size());
  const bool v2 = options_.data_page_v2;
  for (std::uint32_t first = 0; first < rows; first += options_.page_rows) {
    const std::uint32_t end = std::min<std::uint32_t>(rows, first + options_.page_rows);
    PageInfo page{static_cast<std::int64_t>(out_.size()), 0, first, false, {}, {}, 0};
    std::vector<std::uint8_t> body;
    if (c.optional) {
      std::vector<std::uint32_t> levels(in.valid.begin() + first, in.valid.begin() + end);
      for (std::uint32_t l : levels) page.nulls += l == 0;
      std::vector<std::uint8_t> encoded;
      encodeRle(levels.data(), levels.size(), 1, encoded);
      if (!v2) putU32(body, static_cast<std::uint32_t>(encoded.size()));
      body.insert(body.end(), encoded.begin(), encoded.end());
    }
    const std::size_t levels_bytes = body.size();
    std::vector<std::uint32_t> page_ids;
    std::uint8_t bits = 0;
    int nbits = 0;
    for (std::uint32_t r = first; r < end; ++r) {
      if (c.optional && !in.valid[r]) continue;
      if (c.dictionary) {
        page_ids.push_back(ids[r]);
      } else if (c.type == PhysicalType::boolean) {
        bits |= static_cast<std::uint8_t>((in.data[r] & 1) << nbits);
        if (++nbits == 8) { body.push_back(bits); bits = 0; nbits = 0; }
      } else {
        plainValue(c, valueAt(c, in, r), body);
      }
    }
    if (nbits > 0) body.push_back(bits);
    if (c.dictionary) {
      body.push_back(static_cast<std::uint8_t>(id_width));
      encodeRle(page_ids.data(), page_ids.size(), id_width, body);
    }
    page.all_null = !minMax(c, in, first, end, page.min, page.max);
    chunk.pages.push_back(page);
    chunk.nulls += page.nulls;
    const auto encoding = static_cast<std::int32_t>(c.dictionary ? Encoding::rle_dictionary : Encoding::plain);
    writePage(static_cast<std::int32_t>(v2 ? PageType::data_page_v2 : PageType::data_page), body, levels_bytes,
              static_cast<std::int32_t>(end - first), static_cast<std::int32_t>(page.nulls), encoding, chunk);
  }
  // The chunk's statistics from its pages'.
  for (const PageInfo& page : chunk.pages) {
    if (page.all_null) continue;
    if (!chunk.has_stats || less(c, page.min, chunk.min)) chunk.min = page.min;
    if (!chunk.has_stats || less(c, chunk.max, page.max)) chunk.max = page.max;
    chunk.has_stats = true;
  }
}

std::vector<std::uint8_t> ParquetWriter::finish() {
  if (finished_) throw std::logic_error("finish called twice");
  finished_ = true;
  if (options_.page_index) {
    // Column indexes, then offset indexes, after the data (where parquet-mr puts them).
    for (GroupInfo& g : groups_) {
      for (ChunkInfo& chunk : g.chunks) {
        std::vector<std::uint8_t> bytes;
        thrift::Writer w(bytes);
        w.beginStruct();
        w.listField(1, Type::bool_true, static_cast<std::uint32_t>(chunk.pages.size()));
        for (const PageInfo& p : chunk.pages) w.listBool(p.all_null);
        w.listField(2, Type::binary, static_cast<std::uint32_t>(chunk.pages.size()));
        for (const PageInfo& p : chunk.pages) w.binary(p.min.data(), p.min.size());
        w.listField(3, Type::binary, static_cast<std::uint32_t>(chunk.pages.size()));
        for (const PageInfo& p : chunk.pages) w.binary(p.max.data(), p.max.size());
        w.i32Field(4, 0);  // UNORDERED: true of any data, and readers need no more
        w.listField(5, Type::i64, static_cast<std::uint32_t>(chunk.pages.size()));
        for (const PageInfo& p : chunk.pages) w.i64(p.nulls);
        w.endStruct();
        chunk.column_index_offset = static_cast<std::int64_t>(out_.size());
        chunk.column_index_length = static_cast<std::int64_t>(bytes.size());
        out_.insert(out_.end(), bytes.begin(), bytes.end());
      }
    }
    for (GroupInfo& g : groups_) {
      for (ChunkInfo& chunk : g.chunks) {
        std::vector<std::uint8_t> bytes;
        thrift::Writer w(bytes);
        w.beginStruct();
        w.listField(1, Type::strct, static_cast<std::uint32_t>(chunk.pages.size()));
        for (const PageInfo& p : chunk.pages) {
          w.beginStruct();
          w.i64Field(1, p.offset);
          w.i32Field(2, p.size);
          w.i64Field(3, p.first_row);
          w.endStruct();
        }
        w.endStruct();
        chunk.offset_index_offset = static_cast<std::int64_t>(out_.size());
        chunk.offset_index_length = static_cast<std::int64_t>(bytes.size());
        out_.insert(out_.end(), bytes.begin(), bytes.end());
      }
    }
  }
  const std::vector<std::uint8_t> meta = footer();
  out_.insert(out_.end(), meta.begin(), meta.end());
  putU32(out_, static_cast<std::uint32_t>(meta.size()));
  out_.insert(out_.end(), {'P', 'A', 'R', '1'});
  return std::move(out_);
}

std::vector<std::uint8_t> ParquetWriter::footer() const {
  std::vector<std::uint8_t> bytes;
  thrift::Writer w(bytes);
  w.beginStruct();
  w.i32Field(1, 1);
  w.listField(2, Type::strct, static_cast<std::uint32_t>(columns_.size() + 1));
  w.beginStruct();
  w.stringField(4, "schema");
  w.i32Field(5, static_cast<std::int32_t>(columns_.size()));
  w.endStruct();
  for (const WriterColumn& c : columns_) {
    w.beginStruct();
    w.i32Field(1, static_cast<std::int32_t>(c.type));
    if (c.type == PhysicalType::fixed_len_byte_array) w.i32Field(2, c.type_length);
    w.i32Field(3, static_cast<std::int32_t>(c.optional ? Repetition::optional : Repetition::required));
    w.stringField(4, c.name);
    if (c.is_string) {
      w.i32Field(6, kConvertedUtf8);
      w.structField(10);
      w.structField(kLogicalString);  // StringType {}
      w.endStruct();
      w.endStruct();
    }
    w.endStruct();
  }
  w.i64Field(3, rows_);
  w.listField(4, Type::strct, static_cast<std::uint32_t>(groups_.size()));
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const GroupInfo& g = groups_[gi];
    std::int64_t total_uncompressed = 0, total_compressed = 0;
    w.beginStruct();
    w.listField(1, Type::strct, static_cast<std::uint32_t>(g.chunks.size()));
    for (std::size_t ci = 0; ci < g.chunks.size(); ++ci) {
      const ChunkInfo& chunk = g.chunks[ci];
      const WriterColumn& c = columns_[ci];
      total_uncompressed += chunk.uncompressed;
      total_compressed += chunk.compressed;
      w.beginStruct();
      w.i64Field(2, chunk.start);
      w.structField(3);
      w.i32Field(1, static_cast<std::int32_t>(c.type));
      const std::vector<Encoding> encodings = c.dictionary
          ? std::vector<Encoding>{Encoding::plain, Encoding::rle, Encoding::rle_dictionary}
          : std::vector<Encoding>{Encoding::plain, Encoding::rle};
      w.listField(2, Type::i32, static_cast<std::uint32_t>(encodings.size()));
      for (Encoding e : encodings) w.i32(static_cast<std::int32_t>(e));
      w.listField(3, Type::binary, 1);
      w.binary(c.name.data(), c.name.size());
      w.i32Field(4, static_cast<std::int32_t>(options_.codec));
      w.i64Field(5, chunk.num_values);
      w.i64Field(6, chunk.uncompressed);
      w.i64Field(7, chunk.compressed);
      w.i64Field(9, chunk.data_page_offset);
      if (chunk.dictionary_page_offset >= 0) w.i64Field(11, chunk.dictionary_page_offset);
      w.structField(12);
      w.i64Field(3, chunk.nulls);
      if (chunk.has_stats) {
        w.stringField(5, chunk.max);
        w.stringField(6, chunk.min);
      }
      w.endStruct();
      w.endStruct();
      if (options_.page_index) {
        w.i64Field(4, chunk.offset_index_offset);
        w.i32Field(5, static_cast<std::int32_t>(chunk.offset_index_length));
        w.i64Field(6, chunk.column_index_offset);
        w.i32Field(7, static_cast<std::int32_t>(chunk.column_index_length));
      }
      w.endStruct();
    }
    w.i64Field(2, total_uncompressed);
    w.i64Field(3, g.rows);
    w.i64Field(5, g.chunks.empty() ? 0 : g.chunks[0].start);
    w.i64Field(6, total_compressed);
    w.fieldHeader(Type::i16, 7);
    w.i32(static_cast<std::int32_t>(gi));
    w.endStruct();
  }
  if (!options_.key_value_metadata.empty()) {
    w.listField(5, Type::strct, static_cast<std::uint32_t>(options_.key_value_metadata.size()));
    for (const KeyValue& kv : options_.key_value_metadata) {
      w.beginStruct();
      w.stringField(1, kv.key);
      if (kv.value) w.stringField(2, *kv.value);
      w.endStruct();
    }
  }
  w.stringField(6, options_.created_by);
  w.listField(7, Type::strct, static_cast<std::uint32_t>(columns_.size()));
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    w.beginStruct();
    w.structField(1);  // TYPE_ORDER: TypeDefinedOrder {}
    w.endStruct();
    w.endStruct();
  }
  w.endStruct();
  return bytes;
}

}  // namespace tollgate::parquet
