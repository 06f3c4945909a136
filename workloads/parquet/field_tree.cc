#include "field_tree.h"

#include "schema.h"
#include "tollgate/errors.h"

namespace tollgate::parquet {

const char* fieldKindName(FieldNode::Kind kind) {
  static const char* const names[] = {"leaf", "struct", "list", "map"};
  return names[static_cast<int>(kind)];
}

namespace {

// LogicalType union ids and ConvertedType values of the nested annotations.
constexpr std::int32_t kLogicalMap = 2, kLogicalList = 3;
constexpr std::int32_t kConvertedMap = 1, kConvertedMapKeyValue = 2, kConvertedList = 3;

bool annotatedList(const SchemaElement& e) {
  return e.logical_type == kLogicalList || (e.logical_type == 0 && e.converted_type == kConvertedList);
}
bool annotatedMap(const SchemaElement& e) {
  return e.logical_type == kLogicalMap ||
         (e.logical_type == 0 && (e.converted_type == kConvertedMap || e.converted_type == kConvertedMapKeyValue));
}

// A Parquet group being walked.
struct OpenGroup {
  std::int32_t left;          // children still to come
  std::int32_t def, rep;      // levels inside it
  std::uint32_t node;         // the Arrow node its children hang from (kNone: the top)
  std::uint32_t closes[2];    // Arrow nodes that end with it (kNone: none)
  std::uint32_t element;      // its schema element
  // awaiting: a LIST or MAP group whose one child must be its repeated field.
  enum Role : std::uint8_t { normal, awaiting_list, awaiting_map } role;
  // Why leaves below cannot be assembled (an ill-formed annotation), or none.
  enum Broken : std::uint8_t { fine, not_repeated, several_children, map_of_leaf } broken;
  std::uint32_t broken_at;    // the element of the ill-formed group
};

struct Builder {
  const FileMetaData& m;
  Schema& schema;
  std::vector<OpenGroup> stack;
  std::size_t column = 0;

  std::uint32_t add(FieldNode::Kind kind, bool nullable, std::int32_t def, std::uint32_t parent, std::uint32_t element) {
    FieldNode n;
    n.kind = kind;
    n.nullable = nullable;
    n.def = static_cast<std::uint8_t>(def > 255 ? 255 : def);
    n.parent = parent;
    n.depth = parent == FieldNode::kNone ? 0 : schema.fields[parent].depth + 1;
    n.element = element;
    schema.fields.push_back(n);
    return static_cast<std::uint32_t>(schema.fields.size() - 1);
  }

  void close(std::uint32_t node) {
    if (node != FieldNode::kNone) schema.fields[node].end = static_cast<std::uint32_t>(schema.fields.size());
  }

  std::string brokenReason(const OpenGroup& g) const {
    const std::string group = quoted(m.schema[g.broken_at].name);
    switch (g.broken) {
      case OpenGroup::not_repeated: return "its LIST or MAP group " + group + " has a child that is not repeated";
      case OpenGroup::several_children: return "its LIST or MAP group " + group + " has more than one child";
      case OpenGroup::map_of_leaf: return "its MAP group " + group + " holds a leaf where a key_value group belongs";
      case OpenGroup::fine: break;
    }
    return "";
  }

  void leaf(const SchemaElement& e, std::uint32_t element, const OpenGroup& parent, std::uint32_t node, std::int32_t def,
            std::int32_t rep) {
    ColumnDescriptor& c = schema.columns[column++];
    FieldNode& n = schema.fields[node];
    n.column = static_cast<std::uint32_t>(c.index);
    n.end = node + 1;
    c.field = node;
    c.nested = n.depth > 0;
    (void)e;
    (void)element;
    if (!c.unsupported.empty()) return;  // refused already (INT96)
    if (def > 255 || rep > 255 || n.depth > kMaxNestingDepth) {
      c.unsupported = "column " + quoted(c.name) + " is nested (" + std::to_string(n.depth) + " groups deep): past the " +
                      std::to_string(kMaxNestingDepth) + " groups (and 255 definition levels) this reader assembles";
      return;
    }
    c.max_def = static_cast<std::uint8_t>(def);
    c.max_rep = static_cast<std::uint8_t>(rep);
    if (parent.broken != OpenGroup::fine) {
      c.unsupported = "column " + quoted(c.name) + " cannot be assembled: " + brokenReason(parent);
    }
  }

  // A schema element: a group (pushed) or a leaf.
  void visit(std::uint32_t i) {
    const SchemaElement& e = m.schema[i];
    OpenGroup& p = stack.back();
    const bool group = e.num_children > 0;
    const std::int32_t repetition = e.repetition.value_or(0);
    OpenGroup child{e.num_children, p.def, p.rep, FieldNode::kNone, {FieldNode::kNone, FieldNode::kNone}, i,
                    OpenGroup::normal, p.broken, p.broken_at};
    std::uint32_t node = FieldNode::kNone;  // the Arrow node this element becomes (its value)
    if (p.role != OpenGroup::normal) {
      // The repeated field of a LIST or MAP group: one level of each.
      FieldNode& list = schema.fields[p.node];
      child.def = p.def + 1;
      child.rep = p.rep + 1;
      list.element_def = static_cast<std::uint8_t>(child.def > 255 ? 255 : child.def);
      list.rep = static_cast<std::uint8_t>(child.rep > 255 ? 255 : child.rep);
      if (child.broken == OpenGroup::fine) {
        if (repetition != static_cast<std::int32_t>(Repetition::repeated)) {
          child.broken = OpenGroup::not_repeated;
        } else if (m.schema[p.element].num_children != 1) {
          child.broken = OpenGroup::several_children;
        } else if (p.role == OpenGroup::awaiting_map && !group) {
          child.broken = OpenGroup::map_of_leaf;
        }
        if (child.broken != OpenGroup::fine) child.broken_at = p.element;
      }
      const std::string& list_name = m.schema[p.element].name;
      const bool element_is_repeated = p.role == OpenGroup::awaiting_map || !group || e.num_children > 1 ||
                                       e.name == "array" || e.name == list_name + "_tuple";
      if (!element_is_repeated) {
        // Three-level list: this group is the list's repetition; its one child is the element.
        child.node = p.node;
        stack.push_back(child);
        return;
      }
      // An element that is itself a LIST or MAP group (parquet-mr's old nested
      // lists: `repeated group array (LIST) { repeated int32 array; }`) is one.
      FieldNode::Kind kind = group ? FieldNode::Kind::structure : FieldNode::Kind::leaf;
      if (group && p.role == OpenGroup::awaiting_list && annotatedList(e)) kind = FieldNode::Kind::list;
      if (group && p.role == OpenGroup::awaiting_list && annotatedMap(e)) kind = FieldNode::Kind::map;
      node = add(kind, false, child.def, p.node, i);
      if (kind == FieldNode::Kind::list) child.role = OpenGroup::awaiting_list;
      if (kind == FieldNode::Kind::map) child.role = OpenGroup::awaiting_map;
    } else if (repetition == static_cast<std::int32_t>(Repetition::repeated)) {
      // A repeated field outside LIST and MAP: a required list of required elements.
      const std::uint32_t list = add(FieldNode::Kind::list, false, p.def, p.node, i);
      child.def = p.def + 1;
      child.rep = p.rep + 1;
      schema.fields[list].element_def = static_cast<std::uint8_t>(child.def > 255 ? 255 : child.def);
      schema.fields[list].rep = static_cast<std::uint8_t>(child.rep > 255 ? 255 : child.rep);
      child.closes[1] = list;
      node = add(group ? FieldNode::Kind::structure : FieldNode::Kind::leaf, false, child.def, list, i);
    } else {
      const bool nullable = repetition == static_cast<std::int32_t>(Repetition::optional);
      child.def = p.def + (nullable ? 1 : 0);
      FieldNode::Kind kind = FieldNode::Kind::leaf;
      if (group) {
        kind = annotatedMap(e) ? FieldNode::Kind::map : annotatedList(e) ? FieldNode::Kind::list : FieldNode::Kind::structure;
      }
      node = add(kind, nullable, child.def, p.node, i);
      if (kind == FieldNode::Kind::list) child.role = OpenGroup::awaiting_list;
      if (kind == FieldNode::Kind::map) child.role = OpenGroup::awaiting_map;
    }
    if (!group) {
      leaf(e, i, child, node, child.def, child.rep);
      if (child.closes[1] != FieldNode::kNone) close(child.closes[1]);
      return;
    }
    child.node = node;
    child.closes[0] = node;
    stack.push_back(child);
  }

  void popFinished() {
    while (stack.size() > 1 && stack.back().left == 0) {
      close(stack.back().closes[0]);
      close(stack.back().closes[1]);
      stack.pop_back();
    }
  }
};

}  // namespace

void buildFieldTree(const FileMetaData& m, Schema& schema) {
  // Nodes: at most two per element (a repeated field is a list and its
  // element); the walk's stack: one per open group.
  Reservation walk(*schema.memory.budget());
  walk.grow(std::uint64_t{m.schema.size()} * sizeof(OpenGroup), "the schema's nested fields");
  std::size_t repeated = 0;
  for (const SchemaElement& e : m.schema) repeated += e.repetition == static_cast<std::int32_t>(Repetition::repeated);
  const auto top = static_cast<std::size_t>(m.schema[0].num_children);  // each becomes one top-level field
  schema.memory.grow((std::uint64_t{m.schema.size()} + repeated) * sizeof(FieldNode) + top * sizeof(std::uint32_t),
                     "the schema's nested fields");
  schema.fields.reserve(m.schema.size() + repeated);
  schema.top_fields.reserve(top);
  Builder b{m, schema, {}, 0};
  b.stack.reserve(m.schema.size());
  // walkSchema (schema.cc) has checked the structure: child counts add up.
  b.stack.push_back({m.schema[0].num_children, 0, 0, FieldNode::kNone, {FieldNode::kNone, FieldNode::kNone}, 0,
                     OpenGroup::normal, OpenGroup::fine, 0});
  for (std::uint32_t i = 1; i < m.schema.size(); ++i) {
    b.popFinished();
    --b.stack.back().left;
    b.visit(i);
  }
  b.stack.back().left = 0;
  b.popFinished();
  for (std::uint32_t i = 0; i < schema.fields.size(); ++i) {
    if (schema.fields[i].parent == FieldNode::kNone) schema.top_fields.push_back(i);
  }
}

}  // namespace tollgate::parquet
