#pragma once
// The WebAssembly binary format, as far as the counting pass needs it: LEB128
// numbers, the section list, and the extent of every instruction (its opcode and
// immediates) for what Emscripten 3.1.6 emits: the MVP, sign extension,
// saturating truncation, bulk memory, reference types, SIMD128, exceptions and
// tail calls (threads' atomics too). An opcode outside that set is refused with
// its byte offset, never guessed past: a wrong length would misread everything
// after it.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace tollgate::wasm {

using Bytes = std::vector<std::uint8_t>;

// A malformed or unsupported module; the message names the byte offset.
class WasmError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] void failAt(std::size_t offset, const std::string& problem);

// Reads a byte range of a module; offsets in errors are the module's.
class Reader {
 public:
  Reader(const Bytes& module, std::size_t begin, std::size_t end) : data_(module.data()), pos_(begin), end_(end) {
    if (end > module.size() || begin > end) fail("a range past the end of the module");
  }
  std::size_t offset() const { return pos_; }
  bool atEnd() const { return pos_ >= end_; }
  std::uint8_t byte();
  std::uint8_t peek() const;
  std::uint32_t u32();
  std::uint64_t u64();
  std::int64_t s64();  // also i32.const's s32 and block types' s33
  void skip(std::size_t bytes);
  std::string name();  // a length-prefixed UTF-8 string
  [[noreturn]] void fail(const std::string& problem) const;

 private:
  std::uint64_t leb(int max_bits, bool is_signed);
  const std::uint8_t* data_;
  std::size_t pos_;
  std::size_t end_;
};

void writeU32(Bytes& out, std::uint32_t value);
void writeS64(Bytes& out, std::int64_t value);
void writeName(Bytes& out, const std::string& name);
void append(Bytes& out, const Bytes& module, std::size_t begin, std::size_t end);

namespace section {
inline constexpr std::uint8_t custom = 0, type = 1, import = 2, function = 3, table = 4, memory = 5,
                              global = 6, exports = 7, start = 8, element = 9, code = 10, data = 11,
                              data_count = 12, tag = 13;
}  // namespace section

struct Section {
  std::uint8_t id = 0;
  std::string name;             // custom sections only
  std::size_t header_begin = 0;  // where the section's id byte is
  std::size_t begin = 0;         // its content (after the size; a custom section's name included)
  std::size_t end = 0;
};

// The sections in file order, after checking the magic number and version.
std::vector<Section> readSections(const Bytes& module);

// The order non-custom sections must appear in (the tag section sits between
// memory and global).
int sectionRank(std::uint8_t id);

// One decoded instruction: where its bytes are and what it does to control flow.
struct Instruction {
  std::size_t begin = 0;
  std::size_t end = 0;
  // Whether it counts as an executed instruction: block, loop, else, end, try,
  // catch, catch_all and delegate only mark structure and execute nothing.
  bool counted = true;
  // Whether a new basic block starts right after it: control may arrive there
  // from elsewhere (after loop, if, else, end, catch), or leave before it
  // (branches, returns, throws, and calls, which an exception may leave through).
  bool ends_block = false;
};

// Decodes the instruction at the reader's position and moves past it.
Instruction readInstruction(Reader& in);

}  // namespace tollgate::wasm
