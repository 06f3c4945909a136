#include "chunk_decoder.h"

#include <cstring>
#include <string>

#include "byte_reader.h"
#include "codecs.h"
#include "delta_encodings.h"
#include "nested_assembly.h"
#include "rle.h"
#include "tollgate/errors.h"
#include "tollgate/inject.h"

namespace tollgate::parquet {
namespace {

// What one value of a data page is worth to the injection (tollgate/inject.h):
// about one percent more instructions per percent injected.
constexpr std::uint64_t kInjectCostPerValue = 12700;

// Per-chunk working state: scratch buffers reused from page to page.
struct Context {
  const ColumnDescriptor& column;
  const ColumnMetaData& meta;
  MemoryBudget& budget;
  DecodeStats& stats;
  Bytes& page;                  // PageBuffers' (see chunk_decoder.h)
  Bytes& levels;
  Bytes& rep_levels;
  Bytes& scratch;
  Buffer<std::uint32_t>& index;
  ColumnValues dictionary;
  bool has_dictionary = false;
  Decompressor codec;

  Context(const ColumnDescriptor& c, const ColumnMetaData& m, MemoryBudget& b, DecodeStats& s, PageBuffers& buffers)
      : column(c), meta(m), budget(b), stats(s), page(buffers.page), levels(buffers.levels), rep_levels(buffers.rep_levels),
        scratch(buffers.scratch), index(buffers.index), codec(m.codec, b) {}
  [[noreturn]] void fail(const std::string& message) const { throw InputError("column " + quoted(column.name) + ": " + message); }
};

// Decompresses `size` bytes into exactly `expected` bytes of ctx.page (or, when
// uncompressed, points at them). Returns where the page's bytes now are.
const std::uint8_t* inflate(Context& ctx, const std::uint8_t* data, std::size_t size, std::size_t expected, bool compressed) {
  if (!compressed || ctx.meta.codec == static_cast<std::int32_t>(Codec::uncompressed)) {
    if (size != expected) {
      ctx.fail("an uncompressed page holds " + std::to_string(size) + " bytes but its header says " + std::to_string(expected));
    }
    return data;
  }
  if (expected == 0 && size == 0) return data;  // nothing was compressed (an empty v2 values section)
  ctx.page.clear();
  ctx.page.resizeForOverwrite(expected, "a decompressed page");
  try {
    ctx.codec.decompress(data, size, ctx.page.data(), expected);
  } catch (const InputError& e) {
    ctx.fail(e.what());
  }
  ctx.stats.bytes_decompressed += expected;
  return ctx.page.data();
}

// Plain values of a dictionary page into ctx.dictionary.
void readDictionary(Context& ctx, const PageHeader& h, const std::uint8_t* data, std::size_t size) {
  if (ctx.has_dictionary) ctx.fail("has a second dictionary page");
  const DictionaryPageHeader& d = *h.dictionary_page;
  if (d.encoding != static_cast<std::int32_t>(Encoding::plain) && d.encoding != static_cast<std::int32_t>(Encoding::plain_dictionary)) {
    ctx.fail("dictionary page encoded " + encodingName(d.encoding) + ", which is not supported");
  }
  if (d.num_values < 0) ctx.fail("dictionary page with " + std::to_string(d.num_values) + " values");
  const std::uint8_t* p = inflate(ctx, data, size, static_cast<std::size_t>(h.uncompressed_page_size), true);
  const std::size_t n = static_cast<std::size_t>(d.num_values);
  ColumnValues& dict = ctx.dictionary;
  ColumnDescriptor required = ctx.column;
  required.optional = false;
  dict.init(required, ctx.budget);
  ByteReader in(p, static_cast<std::size_t>(h.uncompressed_page_size), "a dictionary page");
  if (dict.width == 0) {
    // Each entry takes 4 bytes at least (its length): a larger count is a lie,
    // refused before its offsets are reserved.
    if (n > in.remaining() / 4) ctx.fail("dictionary page claims " + std::to_string(n) + " values in " + std::to_string(in.remaining()) + " bytes");
    dict.reserveRows(n, in.remaining(), "a dictionary");
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t length = in.le<std::uint32_t>();
      const std::uint8_t* bytes = in.take(length);
      dict.data.append(bytes, length, "a dictionary");
      dict.offsets.push_back(static_cast<std::uint32_t>(dict.data.size()), "a dictionary");
    }
  } else if (ctx.column.type == PhysicalType::boolean) {
    in.need((n + 7) / 8);
    dict.reserveRows(n, 0, "a dictionary");
    for (std::size_t i = 0; i < n; ++i) dict.data.push_back((p[i / 8] >> (i % 8)) & 1, "a dictionary");
  } else {
    if (n > in.remaining() / dict.width) ctx.fail("dictionary page claims " + std::to_string(n) + " values in " + std::to_string(in.remaining()) + " bytes");
    dict.data.append(in.take(n * dict.width), n * dict.width, "a dictionary");
  }
  dict.rows = n;
  ctx.has_dictionary = true;
}

// The values section of a data page, as something rows can be gathered from.
struct Values {
  enum Kind { fixed, bits, bools, bytes, dict_fixed, dict_bytes } kind = fixed;
  const std::uint8_t* base = nullptr;
  const std::uint32_t* index = nullptr;  // dictionary indices / byte-array offsets / booleans
  std::uint32_t width = 0;
  // bytes: value i is [index[i], index[i + 1] - gap) of base; PLAIN's values
  // each carry a 4-byte length before the next, the others none.
  std::uint32_t gap = 0;
};

// The values of a page in one of the other encodings (delta_encodings.h),
// decoded whole into ctx.scratch (or, for DELTA_LENGTH_BYTE_ARRAY, located in
// place), each checked against the column's type first.
Values prepareOtherValues(Context& ctx, Encoding enc, const std::uint8_t* data, std::size_t size, std::size_t count) {
  const ColumnDescriptor& c = ctx.column;
  Values v;
  v.width = c.width();
  const bool integer = c.type == PhysicalType::int32 || c.type == PhysicalType::int64;
  const auto wrong_type = [&] { ctx.fail("pages encoded " + encodingName(static_cast<std::int32_t>(enc)) + " in a " + physicalTypeName(static_cast<std::int32_t>(c.type)) + " column"); };
  try {
    switch (enc) {
      case Encoding::delta_binary_packed:
        if (!integer) wrong_type();
        checkDeltaBinaryPackedHolds(data, size, count, "DELTA_BINARY_PACKED");
        ctx.scratch.clear();
        ctx.scratch.resize(count * v.width, "decoded values");
        decodeDeltaBinaryPacked(data, size, count, v.width, ctx.scratch.data());
        v.base = ctx.scratch.data();
        return v;
      case Encoding::byte_stream_split:
        if (v.width == 0 || c.type == PhysicalType::boolean) wrong_type();
        checkByteStreamSplit(size, count, v.width);
        ctx.scratch.clear();
        ctx.scratch.resize(count * v.width, "decoded values");
        decodeByteStreamSplit(data, size, count, v.width, ctx.scratch.data());
        v.base = ctx.scratch.data();
        return v;
      case Encoding::delta_length_byte_array:
        if (c.type != PhysicalType::byte_array) wrong_type();
        decodeDeltaLengthByteArray(data, size, count, ctx.index, "DELTA_LENGTH_BYTE_ARRAY");
        v.kind = Values::bytes;
        v.base = data;
        v.index = ctx.index.data();
        return v;
      case Encoding::delta_byte_array:
        if (c.type != PhysicalType::byte_array && c.type != PhysicalType::fixed_len_byte_array) wrong_type();
        decodeDeltaByteArray(data, size, count, v.width, ctx.scratch, ctx.index);
        v.base = ctx.scratch.data();
        if (v.width == 0) {
          v.kind = Values::bytes;
          v.index = ctx.index.data();
        }
        return v;
      default: break;
    }
  } catch (const InputError& e) {
    ctx.fail(e.what());
  }
  ctx.fail("pages encoded " + encodingName(static_cast<std::int32_t>(enc)) + " are not supported");
}

Values prepareValues(Context& ctx, std::int32_t encoding, const std::uint8_t* data, std::size_t size,
                     std::size_t count) {
  const ColumnDescriptor& c = ctx.column;
  Values v;
  v.base = data;
  v.width = c.width();
  const auto enc = static_cast<Encoding>(encoding);
  if (enc == Encoding::plain) {
    if (c.type == PhysicalType::boolean) {
      if ((count + 7) / 8 > size) ctx.fail("PLAIN booleans need " + std::to_string((count + 7) / 8) + " bytes, the page has " + std::to_string(size));
      v.kind = Values::bits;
    } else if (v.width > 0) {
      if (count > size / v.width) ctx.fail("a page claims " + std::to_string(count) + " values of " + std::to_string(v.width) + " bytes in " + std::to_string(size) + " bytes");
      v.kind = Values::fixed;
    } else {
      // Byte arrays: find every value's start once (length-prefixed, so sequential).
      if (count > size / 4) ctx.fail("a page claims " + std::to_string(count) + " byte arrays in " + std::to_string(size) + " bytes");
      ctx.index.clear();
      ctx.index.resizeForOverwrite(count + 1, "byte-array offsets");
      ByteReader in(data, size, "a BYTE_ARRAY page");
      for (std::size_t i = 0; i < count; ++i) {
        const std::uint32_t length = in.le<std::uint32_t>();
        ctx.index[i] = static_cast<std::uint32_t>(in.position());
        in.skip(length);
      }
      ctx.index[count] = static_cast<std::uint32_t>(in.position() + 4);  // so that length = next - 4 - start holds
      v.index = ctx.index.data();
      v.kind = Values::bytes;
      v.gap = 4;
    }
    return v;
  }
  if (enc == Encoding::rle_dictionary || enc == Encoding::plain_dictionary) {
    if (!ctx.has_dictionary) ctx.fail("a dictionary-encoded page comes without a dictionary page");
    if (size < 1) ctx.fail("a dictionary-encoded page has no bit width");
    const int width = data[0];
    if (width > 32) ctx.fail("dictionary indices of bit width " + std::to_string(width));
    ctx.index.clear();
    ctx.index.resizeForOverwrite(count, "dictionary indices");
    RleDecoder rle(data + 1, size - 1, width, "dictionary indices");
    rle.decode(ctx.index.data(), count);
    const std::size_t entries = ctx.dictionary.rows;
    for (std::size_t i = 0; i < count; ++i) {
      if (ctx.index[i] >= entries) {
        ctx.fail("dictionary index " + std::to_string(ctx.index[i]) + " is out of range (the dictionary has " +
                 std::to_string(entries) + " entries)");
      }
    }
    v.index = ctx.index.data();
    v.kind = v.width == 0 ? Values::dict_bytes : Values::dict_fixed;
    v.base = ctx.dictionary.data.data();
    return v;
  }
  if (enc == Encoding::rle && c.type == PhysicalType::boolean) {
    ByteReader in(data, size, "RLE booleans");
    const std::uint32_t length = in.le<std::uint32_t>();
    in.need(length);
    ctx.index.clear();
    ctx.index.resizeForOverwrite(count, "RLE booleans");
    RleDecoder rle(in.current(), length, 1, "RLE booleans");
    rle.decode(ctx.index.data(), count);
    v.index = ctx.index.data();
    v.kind = Values::bools;
    return v;
  }
  return prepareOtherValues(ctx, enc, data, size, count);
}

// Appends value `vi` (a non-null value's position in the page) to `out`.
inline void appendValue(const Values& v, const Context& ctx, std::size_t vi, ColumnValues& out) {
  switch (v.kind) {
    case Values::fixed: out.data.append(v.base + vi * v.width, v.width, "column values"); break;
    case Values::bits: out.data.push_back((v.base[vi / 8] >> (vi % 8)) & 1, "column values"); break;
    case Values::bools: out.data.push_back(static_cast<std::uint8_t>(v.index[vi] & 1), "column values"); break;
    case Values::bytes: {
      const std::uint32_t start = v.index[vi];
      out.data.append(v.base + start, v.index[vi + 1] - v.gap - start, "string bytes");
      out.offsets.push_back(static_cast<std::uint32_t>(out.data.size()), "string offsets");
      break;
    }
    case Values::dict_fixed: out.data.append(v.base + std::size_t{v.index[vi]} * v.width, v.width, "column values"); break;
    case Values::dict_bytes: {
      const ColumnValues& d = ctx.dictionary;
      const std::uint32_t e = v.index[vi];
      out.data.append(d.data.data() + d.offsets[e], d.offsets[e + 1] - d.offsets[e], "string bytes");
      out.offsets.push_back(static_cast<std::uint32_t>(out.data.size()), "string offsets");
      break;
    }
  }
}

inline std::size_t valueBytes(const Values& v, const Context& ctx, std::size_t vi) {
  if (v.kind == Values::bytes) return v.index[vi + 1] - v.gap - v.index[vi];
  if (v.kind == Values::dict_bytes) {
    const std::uint32_t e = v.index[vi];
    return ctx.dictionary.offsets[e + 1] - ctx.dictionary.offsets[e];
  }
  return 0;
}

void appendNull(ColumnValues& out) {
  if (out.width == 0) {
    out.offsets.push_back(static_cast<std::uint32_t>(out.data.size()), "string offsets");
  } else {
    for (std::uint32_t b = 0; b < out.width; ++b) out.data.push_back(0, "column values");
  }
  ++out.nulls;
}

// Flat definition levels are 0 or 1: eight at a time, a byte each, summed by one
// multiplication (the top byte of word * 0x0101010101010101 adds its eight bytes).
constexpr std::uint64_t kEveryByte = 0x0101010101010101ull;

// The values among the levels [begin, end) (their sum).
std::size_t countValues(const std::uint8_t* def, std::size_t begin, std::size_t end) {
  std::size_t n = 0;
  std::size_t i = begin;
  for (; i + 8 <= end; i += 8) n += static_cast<std::size_t>((loadLe<std::uint64_t>(def + i) * kEveryByte) >> 56);
  for (; i < end; ++i) n += def[i];
  return n;
}

// Fixed-width values of `count` rows, straight into `out`'s buffers: value `vi`
// on, `def` the rows' definition levels (0 or 1, checked; null: every row has a
// value). Returns the next value's position. `W` bytes per value, 0: v.width.
template <std::uint32_t W>
std::size_t gatherFixedOf(const Values& v, const std::uint8_t* def, std::size_t vi, std::size_t count, ColumnValues& out) {
  const std::size_t w = W != 0 ? W : v.width;
  std::uint8_t* dst = out.data.extend(count * w, "column values");
  if (def != nullptr) {
    std::memcpy(out.valid.extend(count, "validity"), def, count);  // levels 0/1 are the validity bytes
    std::size_t nulls = 0;
    if (v.kind == Values::fixed) {
      // Runs of rows with values are runs of the page's bytes: one copy each,
      // their ends found eight levels at a time.
      std::size_t r = 0;
      while (r < count) {
        std::size_t end = r;
        while (end + 8 <= count && loadLe<std::uint64_t>(def + end) == kEveryByte) end += 8;
        while (end < count && def[end] != 0) ++end;
        std::memcpy(dst + r * w, v.base + vi * w, (end - r) * w);
        vi += end - r;
        for (r = end; r < count && def[r] == 0; ++r, ++nulls) std::memset(dst + r * w, 0, w);
      }
      out.nulls += nulls;
      return vi;
    }
    for (std::size_t r = 0; r < count; ++r, dst += w) {
      if (def[r] == 0) {
        std::memset(dst, 0, w);
        ++nulls;
        continue;
      }
      const std::size_t at = v.kind == Values::fixed ? vi : std::size_t{v.index[vi]};
      std::memcpy(dst, v.base + at * w, w);
      ++vi;
    }
    out.nulls += nulls;
    return vi;
  }
  if (v.kind == Values::fixed) {
    std::memcpy(dst, v.base + vi * w, count * w);
    return vi + count;
  }
  for (std::size_t r = 0; r < count; ++r, dst += w) std::memcpy(dst, v.base + std::size_t{v.index[vi + r]} * w, w);
  return vi + count;
}

std::size_t gatherFixed(const Values& v, const std::uint8_t* def, std::size_t vi, std::size_t count, ColumnValues& out) {
  switch (v.width) {  // the common widths with a constant size: each copy a load and a store
    case 4: return gatherFixedOf<4>(v, def, vi, count, out);
    case 8: return gatherFixedOf<8>(v, def, vi, count, out);
    default: return gatherFixedOf<0>(v, def, vi, count, out);
  }
}

// One data page (v1 or v2) covering rows [first, first + n): emits the requested
// rows that fall in it. `range` indexes the first request range that may overlap.
void decodeDataPage(Context& ctx, const PageHeader& h, const std::uint8_t* data, std::size_t size, std::uint32_t first,
                    const RowRanges& rows, std::size_t& range, ColumnValues& out) {
  const bool v2 = h.data_page_v2.has_value();
  const std::size_t n = static_cast<std::size_t>(v2 ? h.data_page_v2->num_values : h.data_page->num_values);
  injectedWork(n * kInjectCostPerValue);  // off unless a gate proof asks (tollgate/inject.h)
  const std::int32_t encoding = v2 ? h.data_page_v2->encoding : h.data_page->encoding;
  const bool optional = ctx.column.optional;

  // Levels, then the values section.
  const std::uint8_t* values = nullptr;
  std::size_t values_size = 0;
  std::uint8_t* def = nullptr;
  if (optional) {
    ctx.levels.clear();
    ctx.levels.resizeForOverwrite(n, "definition levels");
    def = ctx.levels.data();
  }
  if (v2) {
    const DataPageHeaderV2& d = *h.data_page_v2;
    // Repetition levels, then definition levels, uncompressed. A flat column
    // has no repetition levels, but some writers (this corpus's
    // rle_boolean_encoding.parquet) store a run of zeros anyway: skipped.
    const std::int64_t rep = d.repetition_levels_byte_length, def_bytes = d.definition_levels_byte_length;
    if (rep < 0 || def_bytes < 0 || static_cast<std::uint64_t>(rep + def_bytes) > size) {
      ctx.fail("a v2 page's levels claim " + std::to_string(rep) + " + " + std::to_string(def_bytes) + " of its " + std::to_string(size) + " bytes");
    }
    const std::size_t levels_size = static_cast<std::size_t>(rep + def_bytes);
    if (optional) RleDecoder(data + rep, static_cast<std::size_t>(def_bytes), 1, "definition levels").decode(def, n);
    else if (def_bytes != 0 || d.num_nulls != 0) ctx.fail("a required column's v2 page has definition levels or nulls");
    if (static_cast<std::size_t>(h.uncompressed_page_size) < levels_size) ctx.fail("a v2 page is smaller than its levels");
    values = inflate(ctx, data + levels_size, size - levels_size, static_cast<std::size_t>(h.uncompressed_page_size) - levels_size, d.is_compressed);
    values_size = static_cast<std::size_t>(h.uncompressed_page_size) - levels_size;
  } else {
    const std::uint8_t* page = inflate(ctx, data, size, static_cast<std::size_t>(h.uncompressed_page_size), true);
    ByteReader in(page, static_cast<std::size_t>(h.uncompressed_page_size), "a v1 data page");
    if (optional) {
      const std::int32_t level_encoding = h.data_page->definition_level_encoding;
      if (level_encoding == static_cast<std::int32_t>(Encoding::rle)) {
        const std::uint32_t length = in.le<std::uint32_t>();
        RleDecoder(in.take(length), length, 1, "definition levels").decode(def, n);
      } else if (level_encoding == static_cast<std::int32_t>(Encoding::bit_packed)) {
        in.skip(decodeBitPackedLegacy(in.current(), in.remaining(), 1, def, n));
      } else {
        ctx.fail("definition levels encoded " + encodingName(level_encoding) + " are not supported");
      }
    }
    values = in.current();
    values_size = in.remaining();
  }
  std::size_t present = n;
  if (optional) {
    // Levels are 0 or 1 in a flat column: their sum counts the values, and their
    // OR finds any other level. One pass without a branch (it vectorizes); the
    // offending level is looked for only when there is one.
    std::uint64_t any = 0;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) any |= loadLe<std::uint64_t>(def + i);
    for (; i < n; ++i) any |= def[i];
    if (any & ~kEveryByte) {
      for (std::size_t j = 0; j < n; ++j) {
        if (def[j] > 1) ctx.fail("definition level " + std::to_string(def[j]) + " in a flat optional column");
      }
    }
    present = countValues(def, 0, n);
    if (v2 && n - present != static_cast<std::size_t>(h.data_page_v2->num_nulls)) {
      ctx.fail("a v2 page says " + std::to_string(h.data_page_v2->num_nulls) + " nulls, its levels say " + std::to_string(n - present));
    }
  }
  const Values v = prepareValues(ctx, encoding, values, values_size, present);

  // Gather the requested rows, walking levels once to map rows to value positions.
  std::size_t level = 0;   // page position walked so far
  std::size_t vi = 0;      // values before `level`
  const std::uint32_t last = first + static_cast<std::uint32_t>(n);
  for (; range < rows.size() && rows[range].begin < last; ++range) {
    const std::uint32_t from = rows[range].begin > first ? rows[range].begin : first;
    const std::uint32_t to = rows[range].end < last ? rows[range].end : last;
    if (from < to) {
      const std::size_t emit = to - from;
      std::size_t bytes = 0;
      if (out.width == 0) {  // exact byte count first, so the reservation is exact
        std::size_t l = from - first;
        std::size_t i = vi + (optional ? countValues(def, level, l) : l - level);
        for (; l < to - first; ++l) {
          if (!optional || def[l]) bytes += valueBytes(v, ctx, i++);
        }
      }
      out.reserveRows(emit, bytes, "column values");
      if (v.kind == Values::fixed && present == n) {
        // Every row of the page has its value (a required column, or no null in
        // this page): the rows' values are one run of the page's bytes.
        std::memcpy(out.data.extend(emit * std::size_t{v.width}, "column values"), v.base + (from - first) * std::size_t{v.width},
                    emit * std::size_t{v.width});
        if (optional) std::memset(out.valid.extend(emit, "validity"), 1, emit);
        level = to - first;
        vi = level;
      } else if (v.kind == Values::fixed || v.kind == Values::dict_fixed) {
        vi += optional ? countValues(def, level, from - first) : from - first - level;
        level = from - first;
        vi = gatherFixed(v, optional ? def + level : nullptr, vi, emit, out);
        level = to - first;
      } else {
        vi += optional ? countValues(def, level, from - first) : from - first - level;
        level = from - first;
        for (; level < to - first; ++level) {
          if (optional) out.valid.push_back(def[level], "validity");
          if (optional && def[level] == 0) {
            appendNull(out);
          } else {
            appendValue(v, ctx, vi++, out);
          }
        }
      }
      out.rows += emit;
    }
    if (rows[range].end > last) break;  // the range continues on the next page
  }
}

// One v1 page's levels of `max` (0: none stored) into `out`, RLE with a length
// prefix or the deprecated BIT_PACKED.
void readV1Levels(Context& ctx, ByteReader& in, std::int32_t encoding, int max, std::size_t n, std::uint8_t* out,
                  const char* what) {
  if (max == 0) return;
  if (encoding == static_cast<std::int32_t>(Encoding::rle)) {
    const std::uint32_t length = in.le<std::uint32_t>();
    RleDecoder(in.take(length), length, bitWidth(static_cast<std::uint64_t>(max)), what).decode(out, n);
  } else if (encoding == static_cast<std::int32_t>(Encoding::bit_packed)) {
    in.skip(decodeBitPackedLegacy(in.current(), in.remaining(), bitWidth(static_cast<std::uint64_t>(max)), out, n));
  } else {
    ctx.fail(std::string(what) + " encoded " + encodingName(encoding) + " are not supported");
  }
}

// One data page of a nested column: repetition and definition levels, then the
// values of the entries defined all the way down, into the assembler.
void decodeNestedPage(Context& ctx, const PageHeader& h, const std::uint8_t* data, std::size_t size, LeafAssembler& assembler) {
  const bool v2 = h.data_page_v2.has_value();
  const std::size_t n = static_cast<std::size_t>(v2 ? h.data_page_v2->num_values : h.data_page->num_values);
  injectedWork(n * kInjectCostPerValue);
  const std::int32_t encoding = v2 ? h.data_page_v2->encoding : h.data_page->encoding;
  const int max_def = ctx.column.max_def, max_rep = ctx.column.max_rep;
  std::uint8_t* def = nullptr;
  std::uint8_t* rep = nullptr;
  if (max_def > 0) {
    ctx.levels.clear();
    ctx.levels.resize(n, "definition levels");
    def = ctx.levels.data();
  }
  if (max_rep > 0) {
    ctx.rep_levels.clear();
    ctx.rep_levels.resize(n, "repetition levels");
    rep = ctx.rep_levels.data();
  }
  const std::uint8_t* values = nullptr;
  std::size_t values_size = 0;
  if (v2) {
    const DataPageHeaderV2& d = *h.data_page_v2;
    const std::int64_t rep_bytes = d.repetition_levels_byte_length, def_bytes = d.definition_levels_byte_length;
    if (rep_bytes < 0 || def_bytes < 0 || static_cast<std::uint64_t>(rep_bytes + def_bytes) > size) {
      ctx.fail("a v2 page's levels claim " + std::to_string(rep_bytes) + " + " + std::to_string(def_bytes) + " of its " + std::to_string(size) + " bytes");
    }
    if (rep) RleDecoder(data, static_cast<std::size_t>(rep_bytes), bitWidth(static_cast<std::uint64_t>(max_rep)), "repetition levels").decode(rep, n);
    if (def) RleDecoder(data + rep_bytes, static_cast<std::size_t>(def_bytes), bitWidth(static_cast<std::uint64_t>(max_def)), "definition levels").decode(def, n);
    const std::size_t levels_size = static_cast<std::size_t>(rep_bytes + def_bytes);
    if (static_cast<std::size_t>(h.uncompressed_page_size) < levels_size) ctx.fail("a v2 page is smaller than its levels");
    values_size = static_cast<std::size_t>(h.uncompressed_page_size) - levels_size;
    values = inflate(ctx, data + levels_size, size - levels_size, values_size, d.is_compressed);
  } else {
    const std::uint8_t* page = inflate(ctx, data, size, static_cast<std::size_t>(h.uncompressed_page_size), true);
    ByteReader in(page, static_cast<std::size_t>(h.uncompressed_page_size), "a v1 data page");
    readV1Levels(ctx, in, h.data_page->repetition_level_encoding, max_rep, n, rep, "repetition levels");
    readV1Levels(ctx, in, h.data_page->definition_level_encoding, max_def, n, def, "definition levels");
    values = in.current();
    values_size = in.remaining();
  }
  std::size_t present = n;
  if (def) {
    present = 0;
    for (std::size_t i = 0; i < n; ++i) present += def[i] == max_def;
  }
  if (v2 && n - present != static_cast<std::size_t>(h.data_page_v2->num_nulls)) {
    ctx.fail("a v2 page says " + std::to_string(h.data_page_v2->num_nulls) + " nulls, its levels say " + std::to_string(n - present));
  }
  const Values v = prepareValues(ctx, encoding, values, values_size, present);
  const std::size_t rows = assembler.page(rep, def, n, [&](std::size_t vi, ColumnValues& out) {
    out.reserveRows(0, valueBytes(v, ctx, vi), "column values");
    appendValue(v, ctx, vi, out);
  });
  if (v2 && rows != static_cast<std::size_t>(h.data_page_v2->num_rows)) {
    ctx.fail("a v2 page says " + std::to_string(h.data_page_v2->num_rows) + " rows, its repetition levels start " + std::to_string(rows));
  }
}

// The next page of a span: reads a dictionary page into ctx (and skips index
// pages), returning nullptr for them; for a data page, its body, its header in `h`.
const std::uint8_t* nextDataPage(Context& ctx, ByteReader& in, const PageSpan& span, PageHeader& h) {
  const std::uint64_t at = span.file_offset + in.position();
  h = parsePageHeader(in.current(), in.remaining());
  in.skip(h.header_size);
  if (static_cast<std::size_t>(h.compressed_page_size) > in.remaining()) {
    ctx.fail("the page at byte " + std::to_string(at) + " claims " + std::to_string(h.compressed_page_size) +
             " bytes but only " + std::to_string(in.remaining()) + " remain in its column chunk");
  }
  const std::uint8_t* body = in.take(static_cast<std::size_t>(h.compressed_page_size));
  const auto size = static_cast<std::size_t>(h.compressed_page_size);
  if (h.type == static_cast<std::int32_t>(PageType::dictionary_page)) {
    if (!h.dictionary_page) ctx.fail("a dictionary page without its header");
    readDictionary(ctx, h, body, size);
    return nullptr;
  }
  if (h.type == static_cast<std::int32_t>(PageType::index_page)) return nullptr;
  const bool v1 = h.type == static_cast<std::int32_t>(PageType::data_page);
  const bool v2 = h.type == static_cast<std::int32_t>(PageType::data_page_v2);
  if ((v1 && !h.data_page) || (v2 && !h.data_page_v2)) ctx.fail("a data page without its header");
  if (!v1 && !v2) ctx.fail("page of unknown type " + std::to_string(h.type) + " at byte " + std::to_string(at));
  const std::int32_t values = v1 ? h.data_page->num_values : h.data_page_v2->num_values;
  if (values < 0) ctx.fail("a data page with " + std::to_string(values) + " values");
  return body;
}

void checkCodec(const ColumnDescriptor& column, const ColumnMetaData& meta) {
  if (!column.unsupported.empty()) throw InputError(column.unsupported);
  if (!codecSupported(meta.codec)) {
    throw InputError("column " + quoted(column.name) + " is compressed with " + codecName(meta.codec) +
                     ", which is not supported (UNCOMPRESSED, SNAPPY, GZIP, LZ4, LZ4_RAW, ZSTD and BROTLI are)");
  }
}

}  // namespace

void decodeNestedChunk(const Schema& schema, const ColumnDescriptor& column, const ColumnMetaData& meta,
                       std::uint32_t row_group_rows, const std::vector<PageSpan>& spans, const RowRanges& rows,
                       ColumnValues& out, MemoryBudget& budget, DecodeStats& stats) {
  checkCodec(column, meta);
  PageBuffers buffers(budget);
  Context ctx(column, meta, budget, stats, buffers);
  LeafAssembler assembler(column, schema, out, rows, row_group_rows, budget);
  // Every page of each span: rows are counted by the repetition levels, so a
  // page cannot be skipped unread (a span's first row comes from the offset index).
  for (const PageSpan& span : spans) {
    if (span.first_row >= 0) assembler.seekRow(static_cast<std::uint64_t>(span.first_row));
    ByteReader in(span.data, span.size, "a column chunk");
    while (!in.atEnd()) {
      PageHeader h;
      const std::uint8_t* body = nextDataPage(ctx, in, span, h);
      if (body == nullptr) continue;
      decodeNestedPage(ctx, h, body, static_cast<std::size_t>(h.compressed_page_size), assembler);
      ++stats.pages_decoded;
    }
  }
  assembler.finish();
}

void decodeChunk(const ColumnDescriptor& column, const ColumnMetaData& meta, std::uint32_t row_group_rows,
                 const std::vector<PageSpan>& spans, const RowRanges& rows, ColumnValues& out,
                 MemoryBudget& budget, DecodeStats& stats) {
  PageBuffers buffers(budget);
  decodeChunk(column, meta, row_group_rows, spans, rows, out, budget, stats, buffers);
}

void decodeChunk(const ColumnDescriptor& column, const ColumnMetaData& meta, std::uint32_t row_group_rows,
                 const std::vector<PageSpan>& spans, const RowRanges& rows, ColumnValues& out,
                 MemoryBudget& budget, DecodeStats& stats, PageBuffers& buffers) {
  checkCodec(column, meta);
  if (column.logical.kind == LogicalType::Kind::unknown) {
    // UNKNOWN (always null): whatever the pages store, every row is null.
    const std::uint64_t n = rowCount(rows);
    out.reserveRows(static_cast<std::size_t>(n), 0, "column values");
    for (std::uint64_t i = 0; i < n; ++i) {
      out.valid.push_back(0, "validity");
      appendNull(out);
    }
    out.rows += static_cast<std::size_t>(n);
    return;
  }
  Context ctx(column, meta, budget, stats, buffers);
  const std::size_t rows_before = out.rows;
  std::uint64_t next_row = 0;
  std::size_t range = 0;
  for (const PageSpan& span : spans) {
    if (span.first_row >= 0) next_row = static_cast<std::uint64_t>(span.first_row);
    ByteReader in(span.data, span.size, "a column chunk");
    while (!in.atEnd() && range < rows.size()) {
      PageHeader h;
      const std::uint8_t* body = nextDataPage(ctx, in, span, h);
      if (body == nullptr) continue;  // a dictionary or index page
      const auto size = static_cast<std::size_t>(h.compressed_page_size);
      const bool v2 = h.data_page_v2.has_value();
      const std::int32_t values = v2 ? h.data_page_v2->num_values : h.data_page->num_values;
      if (v2 && h.data_page_v2->num_rows != values) ctx.fail("a v2 page's rows and values differ in a flat column");
      if (next_row + static_cast<std::uint64_t>(values) > row_group_rows) {
        ctx.fail("its pages hold more than the row group's " + std::to_string(row_group_rows) + " rows");
      }
      const auto first = static_cast<std::uint32_t>(next_row);
      next_row += static_cast<std::uint64_t>(values);
      while (range < rows.size() && rows[range].end <= first) ++range;
      if (range >= rows.size() || rows[range].begin >= next_row) {
        ++stats.pages_skipped;  // none of its rows is wanted: not even decompressed
        continue;
      }
      decodeDataPage(ctx, h, body, size, first, rows, range, out);
      ++stats.pages_decoded;
    }
  }
  if (out.rows - rows_before != rowCount(rows)) {
    ctx.fail("only " + std::to_string(out.rows - rows_before) + " of the " + std::to_string(rowCount(rows)) +
             " requested rows were found (its pages end after " + std::to_string(next_row) + " rows)");
  }
}

}  // namespace tollgate::parquet
