#pragma once
// Thrift's compact protocol (doc/specs/thrift-compact-protocol.md in apache/thrift),
// the encoding of every Parquet footer and page header.
//
// The reader treats its input as hostile: every length and count is checked
// against the bytes that remain before anything is allocated (each list element
// takes at least one byte, so a count above what remains is a lie), counts are
// never negative, nesting is capped, and skipping unknown fields obeys the same
// limits. The writer is what our own Parquet writer needs.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "byte_reader.h"

namespace tollgate::parquet::thrift {

enum class Type : std::uint8_t {
  stop = 0, bool_true = 1, bool_false = 2, i8 = 3, i16 = 4, i32 = 5, i64 = 6,
  dbl = 7, binary = 8, list = 9, set = 10, map = 11, strct = 12, uuid = 13,
};

const char* typeName(Type type);

struct Field {
  Type type = Type::stop;
  std::int16_t id = 0;
};

struct ListHeader {
  Type element = Type::stop;
  std::uint32_t size = 0;
};

struct Limits {
  int max_depth = 32;                        // structs and containers inside each other
  std::uint32_t max_string_bytes = 1u << 26;  // one binary/string field
};

class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size, const char* what, Limits limits = {})
      : in_(data, size, what), limits_(limits) {}

  // Structs: beginStruct(), then nextField() until it returns false (the stop
  // field, which also ends the struct). Unknown fields go to skip(field.type).
  void beginStruct();
  bool nextField(Field& field);
  // A bool field's value lives in its header's type.
  static bool fieldBool(const Field& field);

  std::int8_t readI8();
  std::int16_t readI16();
  std::int32_t readI32();
  std::int64_t readI64();
  double readDouble();
  std::string readString();
  // Lists and sets share the header; elements follow, read with the readers above
  // (and readListBool for bool elements). endList() closes the nesting level.
  // Each element takes `min_element_bytes` at least (1 for any type): a count
  // the remaining bytes cannot hold is refused, naming the list when `name` is given.
  ListHeader readListHeader(std::size_t min_element_bytes = 1, const char* name = nullptr);
  void endList();
  bool readListBool();

  void skip(Type type);
  // Checks a field's wire type is the one the IDL gives it.
  void expect(const Field& field, Type type, const char* name) const;

  std::size_t position() const { return in_.position(); }
  const char* what() const { return in_.what(); }
  [[noreturn]] void fail(const std::string& message) const;

 private:
  std::uint64_t varint() { return in_.uleb(); }
  std::int64_t zigzag64();
  void enter();
  void leave() { --depth_; }

  ByteReader in_;
  Limits limits_;
  int depth_ = 0;
  std::vector<std::int16_t> last_field_;  // per open struct, for field id deltas
};

class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& out) : out_(out) {}

  void beginStruct() { last_field_.push_back(0); }
  void endStruct();  // writes the stop field
  void fieldHeader(Type type, std::int16_t id);

  void i32Field(std::int16_t id, std::int32_t value);
  void i64Field(std::int16_t id, std::int64_t value);
  void boolField(std::int16_t id, bool value);
  void binaryField(std::int16_t id, const void* data, std::size_t size);
  void stringField(std::int16_t id, const std::string& value) { binaryField(id, value.data(), value.size()); }
  void listField(std::int16_t id, Type element, std::uint32_t size);  // then the elements
  void structField(std::int16_t id) { fieldHeader(Type::strct, id); beginStruct(); }

  void i32(std::int32_t value) { varint(zigzag(value)); }
  void i64(std::int64_t value) { varint(zigzag(value)); }
  void binary(const void* data, std::size_t size);
  void listBool(bool value) { out_.push_back(value ? 1 : 2); }  // as Thrift's Java writes them

 private:
  static std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
  }
  void varint(std::uint64_t value);
  std::vector<std::uint8_t>& out_;
  std::vector<std::int16_t> last_field_;
};

}  // namespace tollgate::parquet::thrift
