#include "schema.h"

#include "tollgate/errors.h"

namespace tollgate::parquet {

std::uint32_t ColumnDescriptor::width() const { return valueWidth(type, type_length); }

const ColumnDescriptor& Schema::column(const std::string& name) const {
  for (const ColumnDescriptor& c : columns) {
    if (c.name == name) return c;
  }
  std::string known;
  for (const ColumnDescriptor& c : columns) known += (known.empty() ? "" : ", ") + c.name;
  throw InputError("no column named '" + name + "' (the file has: " + known + ")");
}

ChunkRange chunkRange(const ColumnMetaData& meta) {
  ChunkRange r;
  r.offset = static_cast<std::uint64_t>(meta.data_page_offset);
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 && *meta.dictionary_page_offset < meta.data_page_offset) {
    r.offset = static_cast<std::uint64_t>(*meta.dictionary_page_offset);
  }
  r.length = static_cast<std::uint64_t>(meta.total_compressed_size);
  return r;
}

std::string typeLabel(const ColumnDescriptor& column) {
  if (column.is_string) return "STRING";
  if (column.is_unsigned) return column.type == PhysicalType::int32 ? "UINT32" : "UINT64";
  return physicalTypeName(static_cast<std::int32_t>(column.type));
}

namespace {

struct Open {
  std::string path;      // of the group
  std::int32_t left;     // children still to come
  bool nested;           // a group below the root
  bool repeated;
};

void describeLeaf(const SchemaElement& e, const Open& parent, ColumnDescriptor& c) {
  c.name = parent.path.empty() ? e.name : parent.path + "." + e.name;
  const std::int32_t type = *e.type;
  if (type < 0 || type > 7) throw InputError("column '" + c.name + "' has unknown physical type " + std::to_string(type));
  c.type = static_cast<PhysicalType>(type);
  c.type_length = e.type_length;
  const std::int32_t repetition = e.repetition.value_or(0);
  if (repetition < 0 || repetition > 3) {
    throw InputError("column '" + c.name + "' has unknown repetition " + std::to_string(repetition));
  }
  c.optional = repetition == static_cast<std::int32_t>(Repetition::optional);
  c.is_string = (e.converted_type && *e.converted_type == kConvertedUtf8) || e.logical_type == kLogicalString;
  // Unsigned values keep their bits in a signed physical type: read as signed,
  // 3,000,000,000 would become -1,294,967,296 and its statistics would lie.
  const bool unsigned_annotation =
      (e.converted_type && *e.converted_type >= kConvertedUint8 && *e.converted_type <= kConvertedUint64) ||
      e.logical_unsigned;
  c.is_unsigned = unsigned_annotation && (c.type == PhysicalType::int32 || c.type == PhysicalType::int64);
  if (parent.nested) {
    c.unsupported = "column '" + c.name + "' is nested (inside group '" + parent.path + "'): nested columns are not supported";
  } else if (parent.repeated || repetition == static_cast<std::int32_t>(Repetition::repeated) ||
             repetition == static_cast<std::int32_t>(Repetition::vector)) {
    c.unsupported = "column '" + c.name + "' is repeated: repeated (list) columns are not supported";
  } else if (c.type == PhysicalType::int96) {
    c.unsupported = "column '" + c.name + "' has physical type INT96, which is not supported";
  } else if (c.type == PhysicalType::fixed_len_byte_array && (c.type_length <= 0 || c.type_length > (1 << 20))) {
    throw InputError("column '" + c.name + "' is FIXED_LEN_BYTE_ARRAY of length " + std::to_string(c.type_length));
  }
}

void checkRowGroups(const FileMetaData& m, const Schema& schema, std::uint64_t data_end) {
  std::int64_t total = 0;
  for (std::size_t g = 0; g < m.row_groups.size(); ++g) {
    const RowGroup& rg = m.row_groups[g];
    const std::string where = "row group " + std::to_string(g);
    if (rg.columns.size() != schema.columns.size()) {
      throw InputError(where + " has " + std::to_string(rg.columns.size()) + " column chunks for " +
                       std::to_string(schema.columns.size()) + " columns");
    }
    if (rg.num_rows > 0xffffffffLL) throw InputError(where + " has " + std::to_string(rg.num_rows) + " rows, past 2^32");
    total += rg.num_rows;
    for (std::size_t c = 0; c < rg.columns.size(); ++c) {
      const ColumnChunk& chunk = rg.columns[c];
      const std::string name = where + ", column '" + schema.columns[c].name + "'";
      if (chunk.file_path) throw InputError(name + " lives in another file ('" + *chunk.file_path + "'): external column chunks are not supported");
      // Encrypted chunks and chunks without metadata were refused while parsing.
      const ColumnMetaData& md = *chunk.meta_data;
      if (md.type != static_cast<std::int32_t>(schema.columns[c].type)) {
        throw InputError(name + " is " + physicalTypeName(md.type) + " in its metadata but " +
                         physicalTypeName(static_cast<std::int32_t>(schema.columns[c].type)) + " in the schema");
      }
      const ChunkRange range = chunkRange(md);
      const std::uint64_t end = range.offset + range.length;
      if (range.offset >= data_end || end > data_end || range.length == 0) {
        if (rg.num_rows > 0) {
          throw InputError(name + " claims bytes " + std::to_string(range.offset) + ".." + std::to_string(end) +
                           ", outside the file's column data (which ends at " + std::to_string(data_end) + ")");
        }
      }
    }
  }
  if (total != m.num_rows) {
    throw InputError("the row groups hold " + std::to_string(total) + " rows but the footer says " + std::to_string(m.num_rows));
  }
}

}  // namespace

Schema buildSchema(const FileMetaData& m, std::uint64_t data_end) {
  Schema schema;
  const SchemaElement& root = m.schema[0];
  if (m.schema.size() > 1 && root.num_children == 0) throw InputError("the schema's root has no children");
  // Depth-first with an explicit stack: a hostile schema cannot recurse us deep.
  std::vector<Open> stack{{"", root.num_children, false, false}};
  for (std::size_t i = 1; i < m.schema.size(); ++i) {
    while (!stack.empty() && stack.back().left == 0) stack.pop_back();
    if (stack.empty()) throw InputError("the schema has " + std::to_string(m.schema.size() - i) + " elements past its root's children");
    Open& parent = stack.back();
    --parent.left;
    const SchemaElement& e = m.schema[i];
    if (e.num_children > 0) {
      const bool repeated = e.repetition && *e.repetition == static_cast<std::int32_t>(Repetition::repeated);
      const std::string path = parent.path.empty() ? e.name : parent.path + "." + e.name;
      if (static_cast<std::size_t>(e.num_children) > m.schema.size() - i - 1) {
        throw InputError("schema group '" + path + "' claims " + std::to_string(e.num_children) + " children, more than remain");
      }
      stack.push_back({path, e.num_children, true, parent.repeated || repeated});
      continue;
    }
    if (!e.type) throw InputError("schema element '" + e.name + "' has neither a type nor children");
    ColumnDescriptor c;
    describeLeaf(e, parent, c);
    c.index = schema.columns.size();
    schema.columns.push_back(std::move(c));
  }
  for (const Open& open : stack) {
    if (open.left != 0) throw InputError("the schema ends with " + std::to_string(open.left) + " children of '" + open.path + "' missing");
  }
  checkRowGroups(m, schema, data_end);
  return schema;
}

}  // namespace tollgate::parquet
