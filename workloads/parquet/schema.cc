#include "schema.h"

#include <algorithm>

#include "tollgate/errors.h"

namespace tollgate::parquet {

std::uint32_t ColumnDescriptor::width() const { return valueWidth(type, type_length); }

std::string quoted(const std::string& name) {
  constexpr std::size_t kShown = 120;
  if (name.size() <= 2 * kShown) return "'" + name + "'";
  return "'" + name.substr(0, kShown) + "..." + name.substr(name.size() - kShown) + "' (a name of " +
         std::to_string(name.size()) + " bytes)";
}

const ColumnDescriptor* Schema::find(const std::string& name) const {
  const auto at = std::lower_bound(by_name.begin(), by_name.end(), name,
                                   [&](std::uint32_t i, const std::string& n) { return columns[i].name < n; });
  if (at == by_name.end() || columns[*at].name != name) return nullptr;
  return &columns[*at];
}

std::uint32_t Schema::topField(const std::string& name) const {
  for (const std::uint32_t node : top_fields) {
    if (fieldName(node) == name) return node;
  }
  return FieldNode::kNone;
}

const ColumnDescriptor& Schema::column(const std::string& name) const {
  if (const ColumnDescriptor* c = find(name)) return *c;
  constexpr std::size_t kListed = 20;
  std::string known;
  for (std::size_t i = 0; i < columns.size() && i < kListed; ++i) known += (i == 0 ? "" : ", ") + quoted(columns[i].name);
  if (columns.size() > kListed) known += " and " + std::to_string(columns.size() - kListed) + " more";
  throw InputError("no column named " + quoted(name) + " (the file has: " + known + ")");
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

std::string logicalName(LogicalType::Kind kind) {
  static const char* const names[] = {"", "STRING", "ENUM", "JSON", "BSON", "UUID", "DECIMAL", "DATE", "TIME",
                                      "TIMESTAMP", "INTEGER", "UNKNOWN", "FLOAT16", "INTERVAL"};
  return names[static_cast<int>(kind)];
}

std::string timeUnitName(TimeUnit unit) {
  static const char* const names[] = {"", "MILLIS", "MICROS", "NANOS"};
  return names[static_cast<int>(unit)];
}

namespace {

// The logical type of a leaf, LogicalType first, then the legacy ConvertedType;
// none when it does not fit the physical type.
LogicalType logicalTypeOf(const SchemaElement& e, PhysicalType type, std::int32_t type_length) {
  using Kind = LogicalType::Kind;
  LogicalType t;
  const bool i32 = type == PhysicalType::int32, i64 = type == PhysicalType::int64;
  const bool bytes = type == PhysicalType::byte_array, fixed = type == PhysicalType::fixed_len_byte_array;
  if (e.logical_type != 0) {
    switch (e.logical_type) {
      case 1: t.kind = Kind::string; break;
      case 4: t.kind = Kind::enumeration; break;
      case 5: t.kind = Kind::decimal; break;
      case 6: t.kind = Kind::date; break;
      case 7: t.kind = Kind::time; break;
      case 8: t.kind = Kind::timestamp; break;
      case 10: t.kind = Kind::integer; break;
      case 11: t.kind = Kind::unknown; break;
      case 12: t.kind = Kind::json; break;
      case 13: t.kind = Kind::bson; break;
      case 14: t.kind = Kind::uuid; break;
      case 15: t.kind = Kind::float16; break;
      default: break;
    }
    t.unit = e.time_unit;
    t.utc = e.utc;
  } else if (e.converted_type) {
    switch (*e.converted_type) {
      case 0: t.kind = Kind::string; break;
      case 4: t.kind = Kind::enumeration; break;
      case 5: t.kind = Kind::decimal; break;
      case 6: t.kind = Kind::date; break;
      case 7: case 8: t.kind = Kind::time; t.unit = *e.converted_type == 7 ? TimeUnit::millis : TimeUnit::micros; t.utc = true; break;
      case 9: case 10: t.kind = Kind::timestamp; t.unit = *e.converted_type == 9 ? TimeUnit::millis : TimeUnit::micros; t.utc = true; break;
      case 19: t.kind = Kind::json; break;
      case 20: t.kind = Kind::bson; break;
      case 21: t.kind = Kind::interval; break;
      default:
        if (*e.converted_type >= kConvertedUint8 && *e.converted_type <= 18) t.kind = Kind::integer;
        break;
    }
  }
  t.precision = e.precision;
  t.scale = e.scale;
  bool fits = true;
  switch (t.kind) {
    case Kind::string: case Kind::enumeration: case Kind::json: case Kind::bson: fits = bytes; break;
    case Kind::uuid: fits = fixed && type_length == 16; break;
    case Kind::float16: fits = fixed && type_length == 2; break;
    case Kind::interval: fits = fixed && type_length == 12; break;
    case Kind::date: fits = i32; break;
    case Kind::time: fits = t.unit == TimeUnit::millis ? i32 : (i64 && t.unit != TimeUnit::none); break;
    case Kind::timestamp: fits = i64 && t.unit != TimeUnit::none; break;
    case Kind::integer: fits = i32 || i64; break;
    case Kind::decimal:
      fits = (i32 || i64 || bytes || fixed) && t.precision >= 1 && t.scale >= 0 && t.scale <= t.precision;
      break;
    case Kind::unknown: case Kind::none: break;
  }
  if (!fits) t = LogicalType{};
  if (t.kind != Kind::time && t.kind != Kind::timestamp) {
    t.unit = TimeUnit::none;
    t.utc = false;
  }
  if (t.kind != Kind::decimal) t.precision = t.scale = 0;
  return t;
}

// A group being walked. No path string of its own: copying the parent's path
// into every group is what made a 40,000-deep chain take gigabytes.
struct Open {
  const SchemaElement* element;  // nullptr for the root
  std::uint64_t path_bytes;      // length of its dotted path
  std::int32_t left;             // children still to come
  bool repeated;                 // it or a group above it is repeated
};

// The dotted path of `leaf` under the groups open on `stack` (the root excluded).
std::string pathOf(const std::vector<Open>& stack, const std::string& leaf, std::uint64_t bytes) {
  std::string path;
  path.reserve(static_cast<std::size_t>(bytes));
  for (std::size_t i = 1; i < stack.size(); ++i) {
    path += stack[i].element->name;
    path += '.';
  }
  path += leaf;
  return path;
}

void describeLeaf(const SchemaElement& e, const std::vector<Open>& stack, ColumnDescriptor& c) {
  const std::int32_t type = *e.type;
  if (type < 0 || type > 7) throw InputError("column " + quoted(c.name) + " has unknown physical type " + std::to_string(type));
  c.type = static_cast<PhysicalType>(type);
  c.type_length = e.type_length;
  const std::int32_t repetition = e.repetition.value_or(0);
  if (repetition < 0 || repetition > 3) {
    throw InputError("column " + quoted(c.name) + " has unknown repetition " + std::to_string(repetition));
  }
  c.optional = repetition == static_cast<std::int32_t>(Repetition::optional);
  c.logical = logicalTypeOf(e, c.type, c.type_length);
  // STRING, ENUM and JSON are UTF-8 text.
  const LogicalType::Kind kind = c.logical.kind;
  c.is_string = kind == LogicalType::Kind::string || kind == LogicalType::Kind::enumeration || kind == LogicalType::Kind::json;
  // Unsigned values keep their bits in a signed physical type: read as signed,
  // 3,000,000,000 would become -1,294,967,296 and its statistics would lie.
  const bool unsigned_annotation =
      (e.converted_type && *e.converted_type >= kConvertedUint8 && *e.converted_type <= kConvertedUint64) ||
      e.logical_unsigned;
  c.is_unsigned = unsigned_annotation && (c.type == PhysicalType::int32 || c.type == PhysicalType::int64);
  // Nesting and repetition are the field tree's (field_tree.cc).
  (void)stack;
  if (repetition == static_cast<std::int32_t>(Repetition::vector)) {
    c.unsupported = "column " + quoted(c.name) + " has repetition VECTOR, which is not supported";
  } else if (c.type == PhysicalType::int96) {
    c.unsupported = "column " + quoted(c.name) + " has physical type INT96, which is not supported";
  } else if (c.type == PhysicalType::fixed_len_byte_array && (c.type_length <= 0 || c.type_length > (1 << 20))) {
    throw InputError("column " + quoted(c.name) + " is FIXED_LEN_BYTE_ARRAY of length " + std::to_string(c.type_length));
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
      // Built only for an error: a chunk may be a few bytes and its path long.
      const auto name = [&] { return where + ", column " + quoted(schema.columns[c].name); };
      if (chunk.file_path) throw InputError(name() + " lives in another file ('" + *chunk.file_path + "'): external column chunks are not supported");
      // Encrypted chunks and chunks without metadata were refused while parsing.
      const ColumnMetaData& md = *chunk.meta_data;
      if (md.type != static_cast<std::int32_t>(schema.columns[c].type)) {
        throw InputError(name() + " is " + physicalTypeName(md.type) + " in its metadata but " +
                         physicalTypeName(static_cast<std::int32_t>(schema.columns[c].type)) + " in the schema");
      }
      const ChunkRange range = chunkRange(md);
      const std::uint64_t end = range.offset + range.length;
      if (range.offset >= data_end || end > data_end || range.length == 0) {
        if (rg.num_rows > 0) {
          throw InputError(name() + " claims bytes " + std::to_string(range.offset) + ".." + std::to_string(end) +
                           ", outside the file's column data (which ends at " + std::to_string(data_end) + ")");
        }
      }
    }
  }
  if (total != m.num_rows) {
    throw InputError("the row groups hold " + std::to_string(total) + " rows but the footer says " + std::to_string(m.num_rows));
  }
}

// A rough count of what one descriptor holds besides its name: the struct, a
// refusal message, its place in by_name.
constexpr std::uint64_t kDescriptorBytes = sizeof(ColumnDescriptor) + 96 + sizeof(std::uint32_t);

// What walkSchema calls for each leaf, the groups above it on the stack.
struct LeafVisitor {
  virtual void leaf(const SchemaElement& element, std::uint64_t path_bytes) = 0;

 protected:
  ~LeafVisitor() = default;
};

// Walks the schema depth first with an explicit stack (a hostile schema cannot
// recurse us deep), checking its structure, and visits every leaf.
void walkSchema(const FileMetaData& m, std::vector<Open>& stack, LeafVisitor& visitor) {
  const SchemaElement& root = m.schema[0];
  if (m.schema.size() > 1 && root.num_children == 0) throw InputError("the schema's root has no children");
  stack.clear();
  stack.push_back({nullptr, 0, root.num_children, false});
  for (std::size_t i = 1; i < m.schema.size(); ++i) {
    while (!stack.empty() && stack.back().left == 0) stack.pop_back();
    if (stack.empty()) throw InputError("the schema has " + std::to_string(m.schema.size() - i) + " elements past its root's children");
    Open& parent = stack.back();
    --parent.left;
    const SchemaElement& e = m.schema[i];
    const std::uint64_t own_path = (stack.size() > 1 ? parent.path_bytes + 1 : 0) + e.name.size();
    if (e.num_children > 0) {
      const bool repeated = e.repetition && *e.repetition == static_cast<std::int32_t>(Repetition::repeated);
      if (static_cast<std::size_t>(e.num_children) > m.schema.size() - i - 1) {
        throw InputError("schema group " + quoted(pathOf(stack, e.name, own_path)) + " claims " +
                         std::to_string(e.num_children) + " children, more than remain");
      }
      stack.push_back({&e, own_path, e.num_children, parent.repeated || repeated});
      continue;
    }
    if (!e.type) throw InputError("schema element " + quoted(e.name) + " has neither a type nor children");
    visitor.leaf(e, own_path);
  }
  for (const Open& open : stack) {
    if (open.left != 0) {
      const std::string name = open.element ? open.element->name : "the root";
      throw InputError("the schema ends with " + std::to_string(open.left) + " children of " + quoted(name) + " missing");
    }
  }
}

}  // namespace

Schema buildSchema(const FileMetaData& m, std::uint64_t data_end, std::uint64_t footer_bytes, MemoryBudget& budget) {
  Schema schema;
  schema.memory.bind(budget);
  Reservation walk(budget);
  walk.grow(std::uint64_t{m.schema.size()} * sizeof(Open), "the schema's walk");
  std::vector<Open> stack;
  stack.reserve(m.schema.size());

  // First the structure and what the leaves' names will take, before any is built.
  struct Measure final : LeafVisitor {
    const std::vector<Open>& stack;
    std::uint64_t max_path_bytes, footer_bytes, path_bytes = 0;
    std::size_t leaves = 0;
    Measure(const std::vector<Open>& s, std::uint64_t footer) : stack(s), max_path_bytes(kMaxPathBytesPerFooterByte * footer), footer_bytes(footer) {}
    void leaf(const SchemaElement&, std::uint64_t own_path) override {
      path_bytes += own_path;
      ++leaves;
      if (path_bytes <= max_path_bytes) return;
      throw InputError("the schema's column paths take more than " + std::to_string(max_path_bytes) + " bytes, " +
                       std::to_string(kMaxPathBytesPerFooterByte) + " times its footer's " + std::to_string(footer_bytes) +
                       " (groups nested " + std::to_string(stack.size() - 1) + " deep above column " +
                       std::to_string(leaves - 1) + "): refused");
    }
  } measure(stack, footer_bytes);
  walkSchema(m, stack, measure);
  // Names twice: in refusal messages too.
  schema.memory.grow(std::uint64_t{measure.leaves} * kDescriptorBytes + 2 * measure.path_bytes, "the schema's columns");
  schema.columns.reserve(measure.leaves);
  struct Build final : LeafVisitor {
    const std::vector<Open>& stack;
    std::vector<ColumnDescriptor>& columns;
    Build(const std::vector<Open>& s, std::vector<ColumnDescriptor>& c) : stack(s), columns(c) {}
    void leaf(const SchemaElement& e, std::uint64_t own_path) override {
      ColumnDescriptor c;
      c.name = pathOf(stack, e.name, own_path);
      describeLeaf(e, stack, c);
      c.index = columns.size();
      columns.push_back(std::move(c));
    }
  } build(stack, schema.columns);
  walkSchema(m, stack, build);
  schema.by_name.resize(schema.columns.size());
  for (std::size_t i = 0; i < schema.by_name.size(); ++i) schema.by_name[i] = static_cast<std::uint32_t>(i);
  // By name, then position: the first of equal names is found first. A heap
  // sort: n log n at worst, and a fraction of std::sort's code in the module.
  const auto before = [&](std::uint32_t a, std::uint32_t b) {
    const int order = schema.columns[a].name.compare(schema.columns[b].name);
    return order < 0 || (order == 0 && a < b);
  };
  std::make_heap(schema.by_name.begin(), schema.by_name.end(), before);
  std::sort_heap(schema.by_name.begin(), schema.by_name.end(), before);
  // The walk's stack goes before the field tree's own walk.
  std::vector<Open>().swap(stack);
  walk.release();
  schema.metadata = &m;
  buildFieldTree(m, schema);
  checkRowGroups(m, schema, data_end);
  return schema;
}

}  // namespace tollgate::parquet
