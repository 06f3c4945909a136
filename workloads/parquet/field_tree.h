#pragma once
// A file's schema as Arrow shapes it: structs, lists and maps over leaves, built
// from Parquet's groups by LogicalTypes.md's rules ("Nested Types", including its
// backward-compatibility rules for two-level lists and unannotated repeated
// fields). Each node carries the definition and repetition levels that decide,
// for one (repetition, definition) level pair of a leaf, whether its slot is
// null, an empty list, or holds an element (nested_assembly.h reads them).
//
//   Parquet                                        Arrow node(s)
//   optional/required group, no annotation         struct (nullable if optional)
//   group LIST { repeated group { element } }      list of element
//   group LIST { repeated x } (x a leaf, a group of  list of x (x required)
//     several fields, or named array / <name>_tuple)
//   group MAP { repeated group key_value {k, v} }  map: list of struct key_value
//   repeated x outside LIST and MAP                list (required) of x (required)
//   a leaf                                         leaf

#include <cstdint>
#include <string>
#include <vector>

#include "metadata.h"

namespace tollgate::parquet {

struct FieldNode {
  enum class Kind : std::uint8_t { leaf, structure, list, map };
  static constexpr std::uint32_t kNone = 0xffffffffu;

  Kind kind = Kind::leaf;
  bool nullable = false;
  std::uint8_t def = 0;          // the slot is non-null when the definition level is >= def (nullable nodes)
  std::uint8_t element_def = 0;  // list, map: the slot holds an element when the level is >= element_def
  std::uint8_t rep = 0;          // list, map: the repetition level of its elements
  std::uint32_t parent = kNone;  // node index
  std::uint32_t end = 0;         // one past its subtree (nodes are in pre-order)
  std::uint32_t column = kNone;  // leaf: its index in Schema::columns
  std::uint32_t depth = 0;       // nodes above it
  std::uint32_t element = 0;     // its schema element (FileMetaData::schema), which names it
};

// Past this many nodes above a leaf (or 255 definition levels), its column is
// refused by name: level walks stay short whatever the schema.
inline constexpr std::uint32_t kMaxNestingDepth = 128;

struct ColumnDescriptor;
struct Schema;

// Builds schema.fields from the file's schema elements and, on each leaf's
// descriptor, its levels, its node and, for a shape this reader does not
// assemble (a LIST or MAP annotation on a group of the wrong form, too deep),
// the refusal naming it. Explicit stack: any depth. Memory reserved first.
void buildFieldTree(const FileMetaData& metadata, Schema& schema);

// "leaf", "struct", "list", "map".
const char* fieldKindName(FieldNode::Kind kind);

}  // namespace tollgate::parquet
