#include "metadata.h"

#include "thrift_compact.h"

namespace tollgate::parquet {
namespace {

using thrift::Field;
using thrift::Type;

std::string named(const char* const* names, std::size_t count, std::int32_t value) {
  if (value >= 0 && static_cast<std::size_t>(value) < count && names[value][0] != '\0') return names[value];
  return "unknown (" + std::to_string(value) + ")";
}

// Required fields of one struct: set as they are read, checked at its end.
class Required {
 public:
  Required(thrift::Reader& r, const char* structure) : r_(r), structure_(structure) {}
  void saw(int bit) { seen_ |= 1u << bit; }
  void check(std::initializer_list<std::pair<int, const char*>> fields) const {
    for (const auto& [bit, name] : fields) {
      if ((seen_ & (1u << bit)) == 0) r_.fail(std::string(structure_) + " lacks its required field '" + name + "'");
    }
  }

 private:
  thrift::Reader& r_;
  const char* structure_;
  unsigned seen_ = 0;
};

// The fewest bytes an element of a list takes on the wire, given the fields it
// must have (each field at least a header byte and a value byte, a struct its
// stop byte). A struct with no required field would take one byte and hundreds
// in memory: a footer of them would cost hundreds of times its size, so every
// struct read from a list has required fields (see readColumnChunk).
template <typename T>
constexpr std::size_t kMinWireBytes = 1;  // a number, a string's length, a bool
template <>
constexpr std::size_t kMinWireBytes<SchemaElement> = 3;  // name, stop
template <>
constexpr std::size_t kMinWireBytes<KeyValue> = 3;  // key, stop
template <>
constexpr std::size_t kMinWireBytes<PageLocation> = 7;  // offset, size, first row, stop
template <>
constexpr std::size_t kMinWireBytes<RowGroup> = 7;  // columns (an empty list), byte size, rows, stop
// meta_data (header, 8 required fields of 2 bytes at least, stop), stop.
template <>
constexpr std::size_t kMinWireBytes<ColumnChunk> = 1 + 8 * 2 + 1 + 1;

// What the schema, when it comes before the row groups (every writer puts
// field 2 before field 4), allows the lists below it to hold.
struct SchemaBounds {
  std::uint32_t columns = UINT32_MAX;  // column chunks per row group: the leaves
  std::uint32_t depth = UINT32_MAX;    // path_in_schema elements
};

// A list field, each element read by `one`; its count is checked against the
// bytes its elements must take and against `max_count` (what the schema
// allows), then the budget is charged for the elements, before the vector is
// allocated.
template <typename T, typename ReadOne>
void readList(thrift::Reader& r, const Field& f, std::vector<T>& out, Reservation* memory, const char* name,
              Type element, ReadOne&& one, std::uint32_t max_count = UINT32_MAX) {
  r.expect(f, Type::list, name);
  const thrift::ListHeader list = r.readListHeader(kMinWireBytes<T>, name);
  const bool bool_ok = element == Type::bool_true && (list.element == Type::bool_true || list.element == Type::bool_false);
  if (list.size > 0 && list.element != element && !bool_ok) {
    r.fail(std::string("list '") + name + "' holds " + thrift::typeName(list.element) + ", expected " + thrift::typeName(element));
  }
  if (list.size > max_count) {
    r.fail(std::string("list '") + name + "' of " + std::to_string(list.size) + " elements, more than the " +
           std::to_string(max_count) + " its schema allows");
  }
  if (memory != nullptr) memory->grow(static_cast<std::uint64_t>(list.size) * sizeof(T), name);
  out.reserve(list.size);
  for (std::uint32_t i = 0; i < list.size; ++i) out.push_back(one());
  r.endList();
}

std::int32_t readI32Field(thrift::Reader& r, const Field& f, const char* name) {
  r.expect(f, Type::i32, name);
  return r.readI32();
}

std::int64_t readI64Field(thrift::Reader& r, const Field& f, const char* name) {
  r.expect(f, Type::i64, name);
  return r.readI64();
}

std::string readStringField(thrift::Reader& r, const Field& f, const char* name) {
  r.expect(f, Type::binary, name);
  return r.readString();
}

Statistics readStatistics(thrift::Reader& r) {
  Statistics s;
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    switch (f.id) {
      case 1: s.legacy_max = readStringField(r, f, "Statistics.max"); break;
      case 2: s.legacy_min = readStringField(r, f, "Statistics.min"); break;
      case 3: s.null_count = readI64Field(r, f, "Statistics.null_count"); break;
      case 5: s.max_value = readStringField(r, f, "Statistics.max_value"); break;
      case 6: s.min_value = readStringField(r, f, "Statistics.min_value"); break;
      case 9: s.nan_count = readI64Field(r, f, "Statistics.nan_count"); break;
      default: r.skip(f.type);
    }
  }
  return s;
}

// IntType { 1: i8 bitWidth, 2: bool isSigned }: whether it is unsigned.
bool readIntTypeUnsigned(thrift::Reader& r) {
  bool is_signed = true;
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    if (f.id == 2) {
      r.expect(f, Type::bool_true, "IntType.isSigned");
      is_signed = thrift::Reader::fieldBool(f);
    } else {
      r.skip(f.type);
    }
  }
  return !is_signed;
}

// TimeUnit, a union of empty structs: which one is set.
TimeUnit readTimeUnit(thrift::Reader& r) {
  TimeUnit unit = TimeUnit::none;
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    if (unit == TimeUnit::none && f.id >= 1 && f.id <= 3) unit = static_cast<TimeUnit>(f.id);
    r.skip(f.type);
  }
  return unit;
}

// TimeType / TimestampType { 1: bool isAdjustedToUTC, 2: TimeUnit unit }.
void readTimeType(thrift::Reader& r, SchemaElement& e) {
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    if (f.id == 1 && (f.type == Type::bool_true || f.type == Type::bool_false)) e.utc = thrift::Reader::fieldBool(f);
    else if (f.id == 2 && f.type == Type::strct) e.time_unit = readTimeUnit(r);
    else r.skip(f.type);
  }
}

// DecimalType { 1: i32 scale, 2: i32 precision }.
void readDecimalType(thrift::Reader& r, SchemaElement& e) {
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    if (f.id == 1) e.scale = readI32Field(r, f, "DecimalType.scale");
    else if (f.id == 2) e.precision = readI32Field(r, f, "DecimalType.precision");
    else r.skip(f.type);
  }
}

// The LogicalType union: which member is set (its field id), and what the
// members with parameters say (INTEGER's sign, TIME's and TIMESTAMP's unit
// and UTC flag, DECIMAL's precision and scale); the others are skipped.
void readLogicalType(thrift::Reader& r, SchemaElement& e) {
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    const bool first = e.logical_type == 0;
    if (first) e.logical_type = f.id;
    if (!first || f.type != Type::strct) {
      r.skip(f.type);
    } else if (f.id == kLogicalInteger) {
      e.logical_unsigned = readIntTypeUnsigned(r);
    } else if (f.id == kLogicalTime || f.id == kLogicalTimestamp) {
      readTimeType(r, e);
    } else if (f.id == kLogicalDecimal) {
      readDecimalType(r, e);
    } else {
      r.skip(f.type);
    }
  }
}

SchemaElement readSchemaElement(thrift::Reader& r) {
  SchemaElement e;
  Required req(r, "SchemaElement");
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    switch (f.id) {
      case 1: e.type = readI32Field(r, f, "SchemaElement.type"); break;
      case 2: e.type_length = readI32Field(r, f, "SchemaElement.type_length"); break;
      case 3: e.repetition = readI32Field(r, f, "SchemaElement.repetition_type"); break;
      case 4: e.name = readStringField(r, f, "SchemaElement.name"); req.saw(0); break;
      case 5: e.num_children = readI32Field(r, f, "SchemaElement.num_children"); break;
      case 6: e.converted_type = readI32Field(r, f, "SchemaElement.converted_type"); break;
      case 7: e.scale = readI32Field(r, f, "SchemaElement.scale"); break;
      case 8: e.precision = readI32Field(r, f, "SchemaElement.precision"); break;
      case 10: r.expect(f, Type::strct, "SchemaElement.logicalType"); readLogicalType(r, e); break;
      default: r.skip(f.type);
    }
  }
  req.check({{0, "name"}});
  if (e.num_children < 0) r.fail("SchemaElement '" + e.name.substr(0, 200) + "' has " + std::to_string(e.num_children) + " children");
  return e;
}

KeyValue readKeyValue(thrift::Reader& r) {
  KeyValue kv;
  Required req(r, "KeyValue");
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    if (f.id == 1) { kv.key = readStringField(r, f, "KeyValue.key"); req.saw(0); }
    else if (f.id == 2) kv.value = readStringField(r, f, "KeyValue.value");
    else r.skip(f.type);
  }
  req.check({{0, "key"}});
  return kv;
}

ColumnMetaData readColumnMetaData(thrift::Reader& r, Reservation& memory, const SchemaBounds& bounds) {
  ColumnMetaData m;
  Required req(r, "ColumnMetaData");
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    switch (f.id) {
      case 1: m.type = readI32Field(r, f, "ColumnMetaData.type"); req.saw(0); break;
      case 2: readList(r, f, m.encodings, &memory, "ColumnMetaData.encodings", Type::i32, [&] { return r.readI32(); }); req.saw(1); break;
      case 3:
        readList(r, f, m.path, &memory, "ColumnMetaData.path_in_schema", Type::binary, [&] { return r.readString(); }, bounds.depth);
        req.saw(2);
        break;
      case 4: m.codec = readI32Field(r, f, "ColumnMetaData.codec"); req.saw(3); break;
      case 5: m.num_values = readI64Field(r, f, "ColumnMetaData.num_values"); req.saw(4); break;
      case 6: m.total_uncompressed_size = readI64Field(r, f, "ColumnMetaData.total_uncompressed_size"); req.saw(5); break;
      case 7: m.total_compressed_size = readI64Field(r, f, "ColumnMetaData.total_compressed_size"); req.saw(6); break;
      case 8: readList(r, f, m.key_value_metadata, &memory, "ColumnMetaData.key_value_metadata", Type::strct, [&] { return readKeyValue(r); }); break;
      case 9: m.data_page_offset = readI64Field(r, f, "ColumnMetaData.data_page_offset"); req.saw(7); break;
      case 11: m.dictionary_page_offset = readI64Field(r, f, "ColumnMetaData.dictionary_page_offset"); break;
      case 12: r.expect(f, Type::strct, "ColumnMetaData.statistics"); m.statistics = readStatistics(r); break;
      default: r.skip(f.type);
    }
  }
  req.check({{0, "type"}, {1, "encodings"}, {2, "path_in_schema"}, {3, "codec"}, {4, "num_values"},
             {5, "total_uncompressed_size"}, {6, "total_compressed_size"}, {7, "data_page_offset"}});
  if (m.num_values < 0 || m.total_compressed_size < 0 || m.total_uncompressed_size < 0 || m.data_page_offset < 0) {
    r.fail("ColumnMetaData has a negative count, size or offset");
  }
  return m;
}

ColumnChunk readColumnChunk(thrift::Reader& r, Reservation& memory, const SchemaBounds& bounds) {
  ColumnChunk c;
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    switch (f.id) {
      case 1: c.file_path = readStringField(r, f, "ColumnChunk.file_path"); break;
      case 3: r.expect(f, Type::strct, "ColumnChunk.meta_data"); c.meta_data = readColumnMetaData(r, memory, bounds); break;
      case 4: c.offset_index_offset = readI64Field(r, f, "ColumnChunk.offset_index_offset"); break;
      case 5: c.offset_index_length = readI32Field(r, f, "ColumnChunk.offset_index_length"); break;
      case 6: c.column_index_offset = readI64Field(r, f, "ColumnChunk.column_index_offset"); break;
      case 7: c.column_index_length = readI32Field(r, f, "ColumnChunk.column_index_length"); break;
      case 8:
      case 9: c.encrypted = true; r.skip(f.type); break;
      default: r.skip(f.type);
    }
  }
  // Checked here, not once the footer is read: a chunk without them takes a
  // byte or two, and a footer of such chunks would cost 200 times its size.
  if (c.encrypted) r.fail("ColumnChunk is encrypted: the file's columns are encrypted, which is not supported");
  if (!c.meta_data) r.fail("ColumnChunk has no ColumnMetaData");
  return c;
}

RowGroup readRowGroup(thrift::Reader& r, Reservation& memory, const SchemaBounds& bounds) {
  RowGroup g;
  Required req(r, "RowGroup");
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    switch (f.id) {
      case 1:
        readList(r, f, g.columns, &memory, "RowGroup.columns", Type::strct, [&] { return readColumnChunk(r, memory, bounds); },
                 bounds.columns);
        req.saw(0);
        break;
      case 2: g.total_byte_size = readI64Field(r, f, "RowGroup.total_byte_size"); req.saw(1); break;
      case 3: g.num_rows = readI64Field(r, f, "RowGroup.num_rows"); req.saw(2); break;
      default: r.skip(f.type);
    }
  }
  req.check({{0, "columns"}, {1, "total_byte_size"}, {2, "num_rows"}});
  if (g.num_rows < 0) r.fail("RowGroup has " + std::to_string(g.num_rows) + " rows");
  return g;
}

SchemaBounds boundsOf(const std::vector<SchemaElement>& schema) {
  SchemaBounds b;
  if (schema.empty()) return b;  // not read yet: only the wire sizes bound the lists
  b.columns = 0;
  for (std::size_t i = 1; i < schema.size(); ++i) b.columns += schema[i].num_children == 0 ? 1 : 0;
  b.depth = static_cast<std::uint32_t>(schema.size() - 1);
  return b;
}

}  // namespace

std::uint32_t valueWidth(PhysicalType type, std::int32_t type_length) {
  switch (type) {
    case PhysicalType::boolean: return 1;
    case PhysicalType::int32:
    case PhysicalType::float32: return 4;
    case PhysicalType::int64:
    case PhysicalType::float64: return 8;
    case PhysicalType::int96: return 12;
    case PhysicalType::fixed_len_byte_array: return static_cast<std::uint32_t>(type_length);
    case PhysicalType::byte_array: return 0;
  }
  return 0;
}

std::string physicalTypeName(std::int32_t type) {
  static const char* const names[] = {"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
  return named(names, 8, type);
}

std::string codecName(std::int32_t codec) {
  static const char* const names[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
  return named(names, 8, codec);
}

std::string encodingName(std::int32_t encoding) {
  static const char* const names[] = {"PLAIN", "GROUP_VAR_INT", "PLAIN_DICTIONARY", "RLE", "BIT_PACKED",
                                      "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY",
                                      "RLE_DICTIONARY", "BYTE_STREAM_SPLIT", "ALP"};
  return named(names, 11, encoding);
}

std::string pageTypeName(std::int32_t type) {
  static const char* const names[] = {"DATA_PAGE", "INDEX_PAGE", "DICTIONARY_PAGE", "DATA_PAGE_V2"};
  return named(names, 4, type);
}

FileMetaData parseFileMetaData(const std::uint8_t* data, std::size_t size, MemoryBudget& budget) {
  FileMetaData m;
  m.memory.bind(budget);
  thrift::Reader r(data, size, "the footer (FileMetaData)");
  Required req(r, "FileMetaData");
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    switch (f.id) {
      case 1: m.version = readI32Field(r, f, "FileMetaData.version"); req.saw(0); break;
      case 2: readList(r, f, m.schema, &m.memory, "FileMetaData.schema", Type::strct, [&] { return readSchemaElement(r); }); req.saw(1); break;
      case 3: m.num_rows = readI64Field(r, f, "FileMetaData.num_rows"); req.saw(2); break;
      case 4: {
        const SchemaBounds bounds = boundsOf(m.schema);
        readList(r, f, m.row_groups, &m.memory, "FileMetaData.row_groups", Type::strct, [&] { return readRowGroup(r, m.memory, bounds); });
        req.saw(3);
        break;
      }
      case 5: readList(r, f, m.key_value_metadata, &m.memory, "FileMetaData.key_value_metadata", Type::strct, [&] { return readKeyValue(r); }); break;
      case 6: m.created_by = readStringField(r, f, "FileMetaData.created_by"); break;
      case 8: m.encrypted = true; r.skip(f.type); break;
      default: r.skip(f.type);
    }
  }
  req.check({{0, "version"}, {1, "schema"}, {2, "num_rows"}, {3, "row_groups"}});
  if (m.num_rows < 0) r.fail("FileMetaData has " + std::to_string(m.num_rows) + " rows");
  if (m.schema.empty()) r.fail("FileMetaData has an empty schema");
  return m;
}

PageHeader parsePageHeader(const std::uint8_t* data, std::size_t size) {
  PageHeader h;
  thrift::Reader r(data, size, "a page header");
  Required req(r, "PageHeader");
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    switch (f.id) {
      case 1: h.type = readI32Field(r, f, "PageHeader.type"); req.saw(0); break;
      case 2: h.uncompressed_page_size = readI32Field(r, f, "PageHeader.uncompressed_page_size"); req.saw(1); break;
      case 3: h.compressed_page_size = readI32Field(r, f, "PageHeader.compressed_page_size"); req.saw(2); break;
      case 5: {
        r.expect(f, Type::strct, "PageHeader.data_page_header");
        DataPageHeader d;
        Required dreq(r, "DataPageHeader");
        r.beginStruct();
        Field g;
        while (r.nextField(g)) {
          switch (g.id) {
            case 1: d.num_values = readI32Field(r, g, "DataPageHeader.num_values"); dreq.saw(0); break;
            case 2: d.encoding = readI32Field(r, g, "DataPageHeader.encoding"); dreq.saw(1); break;
            case 3: d.definition_level_encoding = readI32Field(r, g, "DataPageHeader.definition_level_encoding"); dreq.saw(2); break;
            case 4: d.repetition_level_encoding = readI32Field(r, g, "DataPageHeader.repetition_level_encoding"); dreq.saw(3); break;
            default: r.skip(g.type);
          }
        }
        dreq.check({{0, "num_values"}, {1, "encoding"}, {2, "definition_level_encoding"}, {3, "repetition_level_encoding"}});
        h.data_page = d;
        break;
      }
      case 7: {
        r.expect(f, Type::strct, "PageHeader.dictionary_page_header");
        DictionaryPageHeader d;
        Required dreq(r, "DictionaryPageHeader");
        r.beginStruct();
        Field g;
        while (r.nextField(g)) {
          if (g.id == 1) { d.num_values = readI32Field(r, g, "DictionaryPageHeader.num_values"); dreq.saw(0); }
          else if (g.id == 2) { d.encoding = readI32Field(r, g, "DictionaryPageHeader.encoding"); dreq.saw(1); }
          else r.skip(g.type);
        }
        dreq.check({{0, "num_values"}, {1, "encoding"}});
        h.dictionary_page = d;
        break;
      }
      case 8: {
        r.expect(f, Type::strct, "PageHeader.data_page_header_v2");
        DataPageHeaderV2 d;
        Required dreq(r, "DataPageHeaderV2");
        r.beginStruct();
        Field g;
        while (r.nextField(g)) {
          switch (g.id) {
            case 1: d.num_values = readI32Field(r, g, "DataPageHeaderV2.num_values"); dreq.saw(0); break;
            case 2: d.num_nulls = readI32Field(r, g, "DataPageHeaderV2.num_nulls"); dreq.saw(1); break;
            case 3: d.num_rows = readI32Field(r, g, "DataPageHeaderV2.num_rows"); dreq.saw(2); break;
            case 4: d.encoding = readI32Field(r, g, "DataPageHeaderV2.encoding"); dreq.saw(3); break;
            case 5: d.definition_levels_byte_length = readI32Field(r, g, "DataPageHeaderV2.definition_levels_byte_length"); dreq.saw(4); break;
            case 6: d.repetition_levels_byte_length = readI32Field(r, g, "DataPageHeaderV2.repetition_levels_byte_length"); dreq.saw(5); break;
            case 7: r.expect(g, Type::bool_true, "DataPageHeaderV2.is_compressed"); d.is_compressed = thrift::Reader::fieldBool(g); break;
            default: r.skip(g.type);
          }
        }
        dreq.check({{0, "num_values"}, {1, "num_nulls"}, {2, "num_rows"}, {3, "encoding"},
                    {4, "definition_levels_byte_length"}, {5, "repetition_levels_byte_length"}});
        h.data_page_v2 = d;
        break;
      }
      default: r.skip(f.type);
    }
  }
  req.check({{0, "type"}, {1, "uncompressed_page_size"}, {2, "compressed_page_size"}});
  if (h.uncompressed_page_size < 0 || h.compressed_page_size < 0) {
    r.fail("page sizes are negative (" + std::to_string(h.compressed_page_size) + " compressed, " +
           std::to_string(h.uncompressed_page_size) + " uncompressed)");
  }
  h.header_size = r.position();
  return h;
}

OffsetIndex parseOffsetIndex(const std::uint8_t* data, std::size_t size, Reservation& memory) {
  OffsetIndex index;
  thrift::Reader r(data, size, "an offset index");
  Required req(r, "OffsetIndex");
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    if (f.id != 1) {
      r.skip(f.type);
      continue;
    }
    req.saw(0);
    readList(r, f, index.pages, &memory, "OffsetIndex.page_locations", Type::strct, [&] {
      PageLocation p;
      Required preq(r, "PageLocation");
      r.beginStruct();
      Field g;
      while (r.nextField(g)) {
        if (g.id == 1) { p.offset = readI64Field(r, g, "PageLocation.offset"); preq.saw(0); }
        else if (g.id == 2) { p.compressed_page_size = readI32Field(r, g, "PageLocation.compressed_page_size"); preq.saw(1); }
        else if (g.id == 3) { p.first_row_index = readI64Field(r, g, "PageLocation.first_row_index"); preq.saw(2); }
        else r.skip(g.type);
      }
      preq.check({{0, "offset"}, {1, "compressed_page_size"}, {2, "first_row_index"}});
      if (p.offset < 0 || p.compressed_page_size < 0 || p.first_row_index < 0) r.fail("PageLocation is negative");
      return p;
    });
  }
  req.check({{0, "page_locations"}});
  return index;
}

ColumnIndex parseColumnIndex(const std::uint8_t* data, std::size_t size, Reservation& memory) {
  ColumnIndex index;
  thrift::Reader r(data, size, "a column index");
  Required req(r, "ColumnIndex");
  r.beginStruct();
  Field f;
  while (r.nextField(f)) {
    switch (f.id) {
      case 1: readList(r, f, index.null_pages, nullptr, "ColumnIndex.null_pages", Type::bool_true, [&] { return r.readListBool(); }); req.saw(0); break;
      case 2: readList(r, f, index.min_values, &memory, "ColumnIndex.min_values", Type::binary, [&] { return r.readString(); }); req.saw(1); break;
      case 3: readList(r, f, index.max_values, &memory, "ColumnIndex.max_values", Type::binary, [&] { return r.readString(); }); req.saw(2); break;
      case 4: index.boundary_order = readI32Field(r, f, "ColumnIndex.boundary_order"); req.saw(3); break;
      default: r.skip(f.type);
    }
  }
  req.check({{0, "null_pages"}, {1, "min_values"}, {2, "max_values"}, {3, "boundary_order"}});
  if (index.min_values.size() != index.null_pages.size() || index.max_values.size() != index.null_pages.size()) {
    r.fail("ColumnIndex lists differ in length");
  }
  return index;
}

}  // namespace tollgate::parquet
