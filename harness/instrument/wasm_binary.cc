#include "instrument/wasm_binary.h"

#include <algorithm>
#include <cstdio>

namespace tollgate::wasm {

// ---- Reader ----------------------------------------------------------------

void failAt(std::size_t offset, const std::string& problem) {
  char where[32];
  std::snprintf(where, sizeof where, "at byte 0x%zx: ", offset);
  throw WasmError(where + problem);
}

void Reader::fail(const std::string& problem) const { failAt(pos_, problem); }

std::uint8_t Reader::byte() {
  if (pos_ >= end_) fail("unexpected end of the section");
  return data_[pos_++];
}

std::uint8_t Reader::peek() const {
  if (pos_ >= end_) fail("unexpected end of the section");
  return data_[pos_];
}

void Reader::skip(std::size_t bytes) {
  if (bytes > end_ - pos_) fail("unexpected end of the section");
  pos_ += bytes;
}

std::uint64_t Reader::leb(int max_bits, bool is_signed) {
  std::uint64_t result = 0;
  int shift = 0;
  std::uint8_t b = 0;
  do {
    if (shift >= max_bits) fail("LEB128 number longer than " + std::to_string(max_bits) + " bits");
    b = byte();
    result |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  if (is_signed && shift < 64 && (b & 0x40)) result |= ~std::uint64_t{0} << shift;
  return result;
}

std::uint32_t Reader::u32() { return static_cast<std::uint32_t>(leb(35, false)); }
std::uint64_t Reader::u64() { return leb(70, false); }
std::int64_t Reader::s64() { return static_cast<std::int64_t>(leb(70, true)); }

std::string Reader::name() {
  const std::uint32_t size = u32();
  const std::size_t at = pos_;
  skip(size);
  return std::string(reinterpret_cast<const char*>(data_ + at), size);
}

// ---- Writing ---------------------------------------------------------------

void writeU32(Bytes& out, std::uint32_t value) {
  do {
    std::uint8_t b = value & 0x7f;
    value >>= 7;
    if (value != 0) b |= 0x80;
    out.push_back(b);
  } while (value != 0);
}

void writeS64(Bytes& out, std::int64_t value) {
  for (;;) {
    const std::uint8_t b = value & 0x7f;
    value >>= 7;  // arithmetic shift: the sign is kept
    const bool done = (value == 0 && !(b & 0x40)) || (value == -1 && (b & 0x40));
    out.push_back(done ? b : static_cast<std::uint8_t>(b | 0x80));
    if (done) return;
  }
}

void writeName(Bytes& out, const std::string& name) {
  writeU32(out, static_cast<std::uint32_t>(name.size()));
  out.insert(out.end(), name.begin(), name.end());
}

void append(Bytes& out, const Bytes& module, std::size_t begin, std::size_t end) {
  out.insert(out.end(), module.begin() + static_cast<std::ptrdiff_t>(begin),
             module.begin() + static_cast<std::ptrdiff_t>(end));
}

// ---- Sections --------------------------------------------------------------

std::vector<Section> readSections(const Bytes& module) {
  static const std::uint8_t header[8] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  if (module.size() < 8 || !std::equal(header, header + 8, module.begin())) {
    throw WasmError("not a WebAssembly module (version 1): the first 8 bytes are not \\0asm 1 0 0 0");
  }
  std::vector<Section> sections;
  Reader in(module, 8, module.size());
  int last_rank = 0;
  while (!in.atEnd()) {
    Section s;
    s.header_begin = in.offset();
    s.id = in.byte();
    const std::uint32_t size = in.u32();
    s.begin = in.offset();
    in.skip(size);
    s.end = in.offset();
    if (s.id == section::custom) {
      Reader name(module, s.begin, s.end);
      s.name = name.name();
    } else {
      const int rank = sectionRank(s.id);
      if (rank == 0) in.fail("unknown section id " + std::to_string(s.id));
      if (rank <= last_rank) in.fail("section " + std::to_string(s.id) + " out of order or repeated");
      last_rank = rank;
    }
    sections.push_back(std::move(s));
  }
  return sections;
}

int sectionRank(std::uint8_t id) {
  switch (id) {
    case section::type: return 1;
    case section::import: return 2;
    case section::function: return 3;
    case section::table: return 4;
    case section::memory: return 5;
    case section::tag: return 6;
    case section::global: return 7;
    case section::exports: return 8;
    case section::start: return 9;
    case section::element: return 10;
    case section::data_count: return 11;
    case section::code: return 12;
    case section::data: return 13;
    default: return 0;
  }
}

// ---- Instructions ----------------------------------------------------------

namespace {

void blockType(Reader& in) {
  const std::uint8_t b = in.peek();
  // The empty type (0x40) or one value type is a single byte; anything else is
  // a type index as a signed 33-bit LEB.
  if (b == 0x40 || b == 0x7f || b == 0x7e || b == 0x7d || b == 0x7c || b == 0x7b || b == 0x70 || b == 0x6f) {
    in.byte();
  } else {
    in.s64();
  }
}

void memArg(Reader& in) {
  const std::uint32_t align = in.u32();
  if (align & 0x40) in.u32();  // multi-memory: a memory index follows
  in.u64();                    // offset (u64 for memory64)
}

void simd(Reader& in, std::uint32_t op) {
  if (op <= 0x0b || op == 0x5c || op == 0x5d) return memArg(in);   // loads, store, load_zero
  if (op == 0x0c || op == 0x0d) return in.skip(16);                 // v128.const, i8x16.shuffle
  if (op >= 0x15 && op <= 0x22) return in.skip(1);                  // extract/replace_lane
  if (op >= 0x54 && op <= 0x5b) {                                   // load/store_lane
    memArg(in);
    return in.skip(1);
  }
  if (op > 0x113) in.fail("unsupported SIMD opcode 0xfd " + std::to_string(op));
}

void misc(Reader& in, std::uint32_t op) {
  switch (op) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: return;  // trunc_sat
    case 8: in.u32(); in.u32(); return;    // memory.init data memory
    case 9: in.u32(); return;              // data.drop
    case 10: in.u32(); in.u32(); return;   // memory.copy
    case 11: in.u32(); return;             // memory.fill
    case 12: in.u32(); in.u32(); return;   // table.init
    case 13: in.u32(); return;             // elem.drop
    case 14: in.u32(); in.u32(); return;   // table.copy
    case 15: case 16: case 17: in.u32(); return;  // table.grow/size/fill
    default: in.fail("unsupported opcode 0xfc " + std::to_string(op));
  }
}

void atomic(Reader& in, std::uint32_t op) {
  if (op == 0x03) return in.skip(1);  // atomic.fence
  if (op <= 0x02 || (op >= 0x10 && op <= 0x4e)) return memArg(in);
  in.fail("unsupported atomic opcode 0xfe " + std::to_string(op));
}

}  // namespace

Instruction readInstruction(Reader& in) {
  Instruction ins;
  ins.begin = in.offset();
  const std::uint8_t op = in.byte();
  switch (op) {
    case 0x02: blockType(in); ins.counted = false; break;                          // block
    case 0x03: blockType(in); ins.counted = false; ins.ends_block = true; break;    // loop
    case 0x04: blockType(in); ins.ends_block = true; break;                         // if
    case 0x06: blockType(in); ins.counted = false; break;                          // try
    case 0x05: case 0x0b: case 0x19: ins.counted = false; ins.ends_block = true; break;  // else end catch_all
    case 0x07: in.u32(); ins.counted = false; ins.ends_block = true; break;        // catch tag
    case 0x18: in.u32(); ins.counted = false; ins.ends_block = true; break;        // delegate
    case 0x00: case 0x0f: ins.ends_block = true; break;                            // unreachable return
    case 0x08: case 0x09: case 0x0c: case 0x0d: case 0x10: case 0x12:             // throw rethrow br br_if call return_call
      in.u32();
      ins.ends_block = true;
      break;
    case 0x0e: {  // br_table
      const std::uint32_t n = in.u32();
      for (std::uint32_t i = 0; i <= n; ++i) in.u32();
      ins.ends_block = true;
      break;
    }
    case 0x11: case 0x13: in.u32(); in.u32(); ins.ends_block = true; break;       // call_indirect return_call_indirect
    case 0x01: case 0x1a: case 0x1b: case 0xd1: break;                              // nop drop select ref.is_null
    case 0x1c: in.skip(in.u32()); break;                                            // select t*
    case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26:   // locals, globals, tables
    case 0x3f: case 0x40: case 0xd2:                                                // memory.size/grow ref.func
      in.u32();
      break;
    case 0x41: case 0x42: in.s64(); break;
    case 0x43: in.skip(4); break;
    case 0x44: in.skip(8); break;
    case 0xd0: in.byte(); break;  // ref.null type
    case 0xfc: misc(in, in.u32()); break;
    case 0xfd: simd(in, in.u32()); break;
    case 0xfe: atomic(in, in.u32()); break;
    default:
      if (op >= 0x28 && op <= 0x3e) {
        memArg(in);
      } else if (op < 0x45 || op > 0xc4) {  // 0x45-0xc4: numeric, no immediates
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", op);
        failAt(ins.begin, std::string("unsupported opcode ") + hex);
      }
  }
  ins.end = in.offset();
  return ins;
}

}  // namespace tollgate::wasm
