#include "instrument/wasm_counting.h"

namespace tollgate::wasm {
namespace {

constexpr std::uint8_t kI64 = 0x7e;
constexpr std::uint8_t kExternalGlobal = 0x03;

// Custom sections that locate code by byte offset (DWARF, source maps): the
// inserted counter updates would make them point at the wrong instructions.
bool holdsCodeOffsets(const std::string& name) {
  return name.rfind(".debug", 0) == 0 || name == "sourceMappingURL" || name == "external_debug_info";
}

std::uint32_t importedGlobals(const Bytes& module, const Section& s) {
  Reader in(module, s.begin, s.end);
  std::uint32_t globals = 0;
  for (std::uint32_t n = in.u32(), i = 0; i < n; ++i) {
    in.name();
    in.name();
    const std::uint8_t kind = in.byte();
    switch (kind) {
      case 0x00: in.u32(); break;  // function: type index
      case 0x01: {                 // table: reference type, limits
        in.byte();
        const std::uint8_t flags = in.byte();
        in.u64();
        if (flags & 1) in.u64();
        break;
      }
      case 0x02: {  // memory: limits
        const std::uint8_t flags = in.byte();
        in.u64();
        if (flags & 1) in.u64();
        break;
      }
      case kExternalGlobal: in.byte(); in.byte(); ++globals; break;  // value type, mutability
      case 0x04: in.byte(); in.u32(); break;                         // tag: attribute, type
      default: in.fail("unknown import kind " + std::to_string(kind));
    }
  }
  return globals;
}

// A section's content with `extra` more entries of a vector appended.
Bytes extendVector(const Bytes& module, const Section* s, std::uint32_t extra, const Bytes& entries) {
  Bytes out;
  std::uint32_t n = 0;
  std::size_t rest = 0;
  if (s != nullptr) {
    Reader in(module, s->begin, s->end);
    n = in.u32();
    rest = in.offset();
  }
  writeU32(out, n + extra);
  if (s != nullptr) append(out, module, rest, s->end);
  out.insert(out.end(), entries.begin(), entries.end());
  return out;
}

void writeSection(Bytes& out, std::uint8_t id, const Bytes& content) {
  out.push_back(id);
  writeU32(out, static_cast<std::uint32_t>(content.size()));
  out.insert(out.end(), content.begin(), content.end());
}

void writeIncrement(Bytes& out, std::uint32_t counter, std::uint64_t instructions) {
  out.push_back(0x23);  // global.get
  writeU32(out, counter);
  out.push_back(0x42);  // i64.const
  writeS64(out, static_cast<std::int64_t>(instructions));
  out.push_back(0x7c);  // i64.add
  out.push_back(0x24);  // global.set
  writeU32(out, counter);
}

void instrumentBody(const Bytes& module, std::size_t begin, std::size_t end, std::uint32_t counter, Bytes& out,
                    CountingStats& stats) {
  Reader in(module, begin, end);
  for (std::uint32_t groups = in.u32(), i = 0; i < groups; ++i) {
    in.u32();   // how many locals
    in.byte();  // of which value type
  }
  append(out, module, begin, in.offset());
  std::vector<Instruction> code;
  while (!in.atEnd()) code.push_back(readInstruction(in));
  if (code.empty() || module[code.back().begin] != 0x0b) in.fail("a function body that does not finish with end");
  for (std::size_t i = 0; i < code.size();) {
    std::size_t j = i;
    std::uint64_t counted = 0;
    while (j < code.size()) {
      counted += code[j].counted ? 1 : 0;
      if (code[j++].ends_block) break;
    }
    if (counted > 0) {
      const std::size_t before = out.size();
      writeIncrement(out, counter, counted);
      stats.bytes_added += out.size() - before;
      ++stats.basic_blocks;
      stats.instructions += counted;
    }
    append(out, module, code[i].begin, code[j - 1].end);
    i = j;
  }
}

Bytes instrumentCode(const Bytes& module, const Section& s, std::uint32_t counter, CountingStats& stats) {
  Reader in(module, s.begin, s.end);
  const std::uint32_t n = in.u32();
  Bytes out;
  writeU32(out, n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t size = in.u32();
    const std::size_t body = in.offset();
    in.skip(size);
    Bytes rewritten;
    try {
      instrumentBody(module, body, body + size, counter, rewritten, stats);
    } catch (const WasmError& e) {
      throw WasmError(std::string(e.what()) + " (in code entry " + std::to_string(i) + ")");
    }
    writeU32(out, static_cast<std::uint32_t>(rewritten.size()));
    out.insert(out.end(), rewritten.begin(), rewritten.end());
    ++stats.functions;
  }
  if (!in.atEnd()) in.fail("bytes after the last function body");
  return out;
}

bool exportsName(const Bytes& module, const Section& s, const std::string& wanted) {
  Reader in(module, s.begin, s.end);
  for (std::uint32_t n = in.u32(), i = 0; i < n; ++i) {
    if (in.name() == wanted) return true;
    in.byte();
    in.u32();
  }
  return false;
}

}  // namespace

std::string countingDescription() {
  return std::string("{\"tool\":\"tollgate-wasm-count\",\"version\":") + std::to_string(kCountingVersion) +
         ",\"unit\":\"wasm instructions\",\"counter\":\"" + kCounterExport +
         "\",\"not_counted\":[\"block\",\"loop\",\"else\",\"end\",\"try\",\"catch\",\"catch_all\",\"delegate\"]}";
}

bool hasCounter(const Bytes& module) {
  for (const Section& s : readSections(module)) {
    if (s.id == section::exports && exportsName(module, s, kCounterExport)) return true;
  }
  return false;
}

Bytes instrumentForCounting(const Bytes& module, CountingStats* stats_out, const std::string& counter_export_name) {
  const std::vector<Section> sections = readSections(module);
  const Section* globals = nullptr;
  const Section* exports = nullptr;
  std::uint32_t counter = 0;
  for (const Section& s : sections) {
    if (s.id == section::import) counter += importedGlobals(module, s);
    if (s.id == section::global) globals = &s;
    if (s.id == section::exports) exports = &s;
  }
  if (globals != nullptr) counter += Reader(module, globals->begin, globals->end).u32();
  for (const std::string& name : {std::string(kCounterExport), counter_export_name}) {
    if (exports != nullptr && exportsName(module, *exports, name)) {
      throw WasmError("the module already exports '" + name + "': it is a counting build");
    }
  }

  // The counter: (global (mut i64) (i64.const 0)), exported by name.
  const Bytes counter_global = {kI64, 0x01, 0x42, 0x00, 0x0b};
  Bytes counter_export;
  writeName(counter_export, counter_export_name);
  counter_export.push_back(kExternalGlobal);
  writeU32(counter_export, counter);

  CountingStats stats;
  Bytes out(module.begin(), module.begin() + 8);
  bool globals_written = false, exports_written = false;
  // Sections this module lacks are added at their place in the order.
  auto addMissing = [&](int next_rank) {
    if (!globals_written && next_rank > sectionRank(section::global)) {
      writeSection(out, section::global, extendVector(module, nullptr, 1, counter_global));
      globals_written = true;
    }
    if (!exports_written && next_rank > sectionRank(section::exports)) {
      writeSection(out, section::exports, extendVector(module, nullptr, 1, counter_export));
      exports_written = true;
    }
  };
  for (const Section& s : sections) {
    if (s.id == section::custom) {
      if (holdsCodeOffsets(s.name)) {
        stats.dropped_sections.push_back(s.name);
      } else {
        append(out, module, s.header_begin, s.end);
      }
      continue;
    }
    if (s.id == section::global) {
      writeSection(out, s.id, extendVector(module, &s, 1, counter_global));
      globals_written = true;
    } else if (s.id == section::exports) {
      addMissing(sectionRank(s.id));
      writeSection(out, s.id, extendVector(module, &s, 1, counter_export));
      exports_written = true;
    } else {
      addMissing(sectionRank(s.id));
      if (s.id == section::code) {
        writeSection(out, s.id, instrumentCode(module, s, counter, stats));
      } else {
        append(out, module, s.header_begin, s.end);
      }
    }
  }
  addMissing(1000);
  Bytes description;
  writeName(description, kCountingSection);
  const std::string text = countingDescription();
  description.insert(description.end(), text.begin(), text.end());
  writeSection(out, section::custom, description);
  if (stats_out != nullptr) *stats_out = stats;
  return out;
}

}  // namespace tollgate::wasm
