#include "thrift_compact.h"

namespace tollgate::parquet::thrift {

const char* typeName(Type type) {
  switch (type) {
    case Type::stop: return "stop";
    case Type::bool_true:
    case Type::bool_false: return "bool";
    case Type::i8: return "i8";
    case Type::i16: return "i16";
    case Type::i32: return "i32";
    case Type::i64: return "i64";
    case Type::dbl: return "double";
    case Type::binary: return "binary";
    case Type::list: return "list";
    case Type::set: return "set";
    case Type::map: return "map";
    case Type::strct: return "struct";
    case Type::uuid: return "uuid";
  }
  return "unknown";
}

void Reader::fail(const std::string& message) const {
  throw InputError(std::string(in_.what()) + ": " + message + " (at byte " + std::to_string(in_.position()) + ")");
}

void Reader::enter() {
  if (++depth_ > limits_.max_depth) {
    fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
  }
}

void Reader::beginStruct() {
  enter();
  last_field_.push_back(0);
}

bool Reader::nextField(Field& field) {
  const std::uint8_t header = in_.byte();
  const std::uint8_t type = header & 0x0f;
  if (type == 0) {
    if (header != 0) fail("malformed stop field");
    last_field_.pop_back();
    leave();
    return false;
  }
  if (type > static_cast<std::uint8_t>(Type::uuid)) fail("unknown field type " + std::to_string(type));
  field.type = static_cast<Type>(type);
  const int delta = header >> 4;
  if (delta != 0) {
    const int id = last_field_.back() + delta;
    if (id > 32767) fail("field id past 32767");
    field.id = static_cast<std::int16_t>(id);
  } else {
    field.id = readI16();
  }
  last_field_.back() = field.id;
  return true;
}

bool Reader::fieldBool(const Field& field) { return field.type == Type::bool_true; }

std::int64_t Reader::zigzag64() {
  const std::uint64_t v = varint();
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

std::int8_t Reader::readI8() { return static_cast<std::int8_t>(in_.byte()); }

std::int16_t Reader::readI16() {
  const std::int64_t v = zigzag64();
  if (v < -32768 || v > 32767) fail("i16 out of range: " + std::to_string(v));
  return static_cast<std::int16_t>(v);
}

std::int32_t Reader::readI32() {
  const std::int64_t v = zigzag64();
  if (v < INT32_MIN || v > INT32_MAX) fail("i32 out of range: " + std::to_string(v));
  return static_cast<std::int32_t>(v);
}

std::int64_t Reader::readI64() { return zigzag64(); }

double Reader::readDouble() { return in_.le<double>(); }

std::string Reader::readString() {
  const std::uint64_t size = varint();
  if (size > limits_.max_string_bytes) {
    fail("string of " + std::to_string(size) + " bytes, past the limit of " + std::to_string(limits_.max_string_bytes));
  }
  if (size > in_.remaining()) {
    fail("string of " + std::to_string(size) + " bytes with only " + std::to_string(in_.remaining()) + " left");
  }
  const std::uint8_t* p = in_.take(static_cast<std::size_t>(size));
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(size));
}

ListHeader Reader::readListHeader(std::size_t min_element_bytes, const char* name) {
  enter();
  const std::uint8_t header = in_.byte();
  ListHeader list;
  const std::uint8_t type = header & 0x0f;
  if (type == 0 || type > static_cast<std::uint8_t>(Type::uuid)) fail("unknown list element type " + std::to_string(type));
  list.element = static_cast<Type>(type);
  std::uint64_t size = header >> 4;
  if (size == 15) size = varint();
  if (size > INT32_MAX) fail("list size " + std::to_string(size) + " is negative as an i32");
  // Every element takes at least one byte (structs with required fields more):
  // a larger count is a lie, and checking it here keeps a hostile count from
  // reserving memory.
  if (size > in_.remaining() / (min_element_bytes == 0 ? 1 : min_element_bytes)) {
    const std::string list = name != nullptr ? "list '" + std::string(name) + "'" : "list";
    const std::string each = min_element_bytes > 1 ? " (each at least " + std::to_string(min_element_bytes) + " bytes)" : "";
    fail(list + " of " + std::to_string(size) + " elements" + each + " with only " + std::to_string(in_.remaining()) +
         " bytes left");
  }
  list.size = static_cast<std::uint32_t>(size);
  return list;
}

void Reader::endList() { leave(); }

bool Reader::readListBool() {
  const std::uint8_t b = in_.byte();
  // The spec says 1/0; Thrift's Java writer uses 1/2. Both read the same way.
  if (b > 2) fail("bool list element " + std::to_string(b));
  return b == 1;
}

void Reader::expect(const Field& field, Type type, const char* name) const {
  const bool is_bool = field.type == Type::bool_true || field.type == Type::bool_false;
  const bool ok = type == Type::bool_true ? is_bool : field.type == type;
  if (!ok) {
    fail(std::string("field '") + name + "' has wire type " + typeName(field.type) + ", expected " + typeName(type));
  }
}

void Reader::skip(Type type) {
  switch (type) {
    case Type::bool_true:
    case Type::bool_false: return;  // the value was in the field header
    case Type::i8: in_.skip(1); return;
    case Type::i16:
    case Type::i32:
    case Type::i64: varint(); return;
    case Type::dbl: in_.skip(8); return;
    case Type::uuid: in_.skip(16); return;
    case Type::binary: {
      const std::uint64_t size = varint();
      if (size > in_.remaining()) fail("binary of " + std::to_string(size) + " bytes with only " + std::to_string(in_.remaining()) + " left");
      in_.skip(static_cast<std::size_t>(size));
      return;
    }
    case Type::strct: {
      beginStruct();
      Field f;
      while (nextField(f)) skip(f.type);
      return;
    }
    case Type::list:
    case Type::set: {
      const ListHeader list = readListHeader();
      for (std::uint32_t i = 0; i < list.size; ++i) {
        if (list.element == Type::bool_true || list.element == Type::bool_false) readListBool();
        else skip(list.element);
      }
      endList();
      return;
    }
    case Type::map: {
      enter();
      const std::uint64_t size = varint();
      if (size > INT32_MAX) fail("map size " + std::to_string(size) + " is negative as an i32");
      if (size > 0) {
        if (size * 2 > in_.remaining()) fail("map of " + std::to_string(size) + " entries with only " + std::to_string(in_.remaining()) + " bytes left");
        const std::uint8_t kinds = in_.byte();
        const auto key = static_cast<Type>(kinds >> 4);
        const auto value = static_cast<Type>(kinds & 0x0f);
        if ((kinds >> 4) == 0 || (kinds >> 4) > 13 || (kinds & 0x0f) == 0 || (kinds & 0x0f) > 13) fail("unknown map element types");
        for (std::uint64_t i = 0; i < size; ++i) {
          for (Type t : {key, value}) {
            if (t == Type::bool_true || t == Type::bool_false) readListBool();
            else skip(t);
          }
        }
      }
      leave();
      return;
    }
    case Type::stop: break;
  }
  fail("cannot skip a field of type " + std::string(typeName(type)));
}

void Writer::varint(std::uint64_t value) {
  while (value >= 0x80) {
    out_.push_back(static_cast<std::uint8_t>(value | 0x80));
    value >>= 7;
  }
  out_.push_back(static_cast<std::uint8_t>(value));
}

void Writer::endStruct() {
  out_.push_back(0);
  last_field_.pop_back();
}

void Writer::fieldHeader(Type type, std::int16_t id) {
  const int delta = id - last_field_.back();
  if (delta > 0 && delta <= 15) {
    out_.push_back(static_cast<std::uint8_t>((delta << 4) | static_cast<int>(type)));
  } else {
    out_.push_back(static_cast<std::uint8_t>(type));
    i32(id);
  }
  last_field_.back() = id;
}

void Writer::i32Field(std::int16_t id, std::int32_t value) {
  fieldHeader(Type::i32, id);
  i32(value);
}

void Writer::i64Field(std::int16_t id, std::int64_t value) {
  fieldHeader(Type::i64, id);
  i64(value);
}

void Writer::boolField(std::int16_t id, bool value) { fieldHeader(value ? Type::bool_true : Type::bool_false, id); }

void Writer::binaryField(std::int16_t id, const void* data, std::size_t size) {
  fieldHeader(Type::binary, id);
  binary(data, size);
}

void Writer::binary(const void* data, std::size_t size) {
  varint(size);
  const auto* p = static_cast<const std::uint8_t*>(data);
  out_.insert(out_.end(), p, p + size);
}

void Writer::listField(std::int16_t id, Type element, std::uint32_t size) {
  fieldHeader(Type::list, id);
  if (size < 15) {
    out_.push_back(static_cast<std::uint8_t>((size << 4) | static_cast<int>(element)));
  } else {
    out_.push_back(static_cast<std::uint8_t>(0xf0 | static_cast<int>(element)));
    varint(size);
  }
}

}  // namespace tollgate::parquet::thrift
