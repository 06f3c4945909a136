// The counting pass's structure, on modules written byte by byte: where the
// counter goes, what each basic block adds, and the refusals. Exact counts when
// run are checked in an engine by runners/driver/test/wasm-counting.test.mjs.

#include <gtest/gtest.h>

#include "instrument/wasm_counting.h"

namespace tollgate::wasm {
namespace {

Bytes header() { return {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}; }

void section(Bytes& m, std::uint8_t id, const Bytes& content) {
  m.push_back(id);
  writeU32(m, static_cast<std::uint32_t>(content.size()));
  m.insert(m.end(), content.begin(), content.end());
}

// One function of type () -> i32 with the given body (locals included).
Bytes oneFunction(const Bytes& body, const Bytes& globals = {}) {
  Bytes m = header();
  section(m, section::type, {0x01, 0x60, 0x00, 0x01, 0x7f});
  section(m, section::function, {0x01, 0x00});
  if (!globals.empty()) section(m, section::global, globals);
  Bytes code = {0x01};
  writeU32(code, static_cast<std::uint32_t>(body.size()));
  code.insert(code.end(), body.begin(), body.end());
  section(m, section::code, code);
  return m;
}

Bytes codeOf(const Bytes& module) {
  for (const Section& s : readSections(module)) {
    if (s.id == section::code) return Bytes(module.begin() + s.begin, module.begin() + s.end);
  }
  return {};
}

TEST(WasmCounting, AddsTheCounterAndItsExportWhereTheSectionOrderWantsThem) {
  const Bytes module = oneFunction({0x00, 0x41, 0x01, 0x0b});  // i32.const 1; end
  const Bytes counted = instrumentForCounting(module);
  std::vector<std::uint8_t> ids;
  for (const Section& s : readSections(counted)) ids.push_back(s.id);
  EXPECT_EQ(ids, (std::vector<std::uint8_t>{section::type, section::function, section::global, section::exports,
                                             section::code, section::custom}));
  EXPECT_TRUE(hasCounter(counted));
  EXPECT_FALSE(hasCounter(module));
  // The counter is global 0 here: global.get 0; i64.const 1; i64.add; global.set 0.
  EXPECT_EQ(codeOf(counted), (Bytes{0x01, 0x0b, 0x00, 0x23, 0x00, 0x42, 0x01, 0x7c, 0x24, 0x00, 0x41, 0x01, 0x0b}));
}

TEST(WasmCounting, TheCounterFollowsTheModulesOwnGlobals) {
  // Two globals of its own: the counter is global 2.
  const Bytes globals = {0x02, 0x7f, 0x01, 0x41, 0x00, 0x0b, 0x7f, 0x00, 0x41, 0x05, 0x0b};
  const Bytes counted = instrumentForCounting(oneFunction({0x00, 0x41, 0x01, 0x0b}, globals));
  const Bytes code = codeOf(counted);
  EXPECT_EQ(code[3], 0x23);
  EXPECT_EQ(code[4], 0x02);
}

TEST(WasmCounting, EachBasicBlockCountsItsOwnInstructions) {
  // block; loop; local.get 0; br_if 1; i32.const 1; local.set 0; br 0; end; end; local.get 0; end
  const Bytes body = {0x01, 0x01, 0x7f,                     // one i32 local
                      0x02, 0x40, 0x03, 0x40,               // block, loop
                      0x20, 0x00, 0x0d, 0x01,               // local.get 0; br_if 1   (2, ends the block)
                      0x41, 0x01, 0x21, 0x00, 0x0c, 0x00,   // i32.const 1; local.set 0; br 0   (3)
                      0x0b, 0x0b, 0x20, 0x00, 0x0b};        // end end local.get 0 end   (1 after the ends)
  CountingStats stats;
  const Bytes counted = instrumentForCounting(oneFunction(body), &stats);
  EXPECT_EQ(stats.functions, 1u);
  EXPECT_EQ(stats.instructions, 6u);
  // The loop's body (2), what follows br_if (3), and after the final end of the
  // block (1). block itself executes nothing: no update before it.
  EXPECT_EQ(stats.basic_blocks, 3u);
  const Bytes code = codeOf(counted);
  const Bytes expected_start = {0x01, 0x7f, 0x02, 0x40, 0x03, 0x40, 0x23, 0x00, 0x42, 0x02, 0x7c, 0x24, 0x00};
  EXPECT_TRUE(std::equal(expected_start.begin(), expected_start.end(), code.begin() + 3));
}

TEST(WasmCounting, CallsEndABlockSoThatAnExceptionLeavesWithTheRightCount) {
  // i32.const 0; call 0; drop; i32.const 1; end  ->  two updates: 2 then 2.
  const Bytes body = {0x00, 0x41, 0x00, 0x10, 0x00, 0x1a, 0x41, 0x01, 0x0b};
  CountingStats stats;
  instrumentForCounting(oneFunction(body), &stats);
  EXPECT_EQ(stats.basic_blocks, 2u);
  EXPECT_EQ(stats.instructions, 4u);
}

TEST(WasmCounting, SimdAndBulkMemoryImmediatesAreSkippedWhole) {
  // v128.const (16 bytes that look like opcodes), i8x16.extract_lane_s 3, memory.fill 0, end.
  Bytes body = {0x00, 0xfd, 0x0c};
  for (int i = 0; i < 16; ++i) body.push_back(0x0b);
  body.insert(body.end(), {0xfd, 0x15, 0x03, 0x1a, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0b, 0x00, 0x41, 0x01, 0x0b});
  CountingStats stats;
  instrumentForCounting(oneFunction(body), &stats);
  EXPECT_EQ(stats.instructions, 8u);
  EXPECT_EQ(stats.basic_blocks, 1u);
}

TEST(WasmCounting, DropsSectionsThatLocateCodeByOffsetAndKeepsNames) {
  Bytes module = oneFunction({0x00, 0x41, 0x01, 0x0b});
  Bytes debug, names;
  writeName(debug, ".debug_info");
  debug.push_back(0x01);
  writeName(names, "name");
  names.push_back(0x00);
  section(module, section::custom, debug);
  section(module, section::custom, names);
  CountingStats stats;
  const Bytes counted = instrumentForCounting(module, &stats);
  EXPECT_EQ(stats.dropped_sections, std::vector<std::string>{".debug_info"});
  std::vector<std::string> custom;
  for (const Section& s : readSections(counted)) {
    if (s.id == section::custom) custom.push_back(s.name);
  }
  EXPECT_EQ(custom, (std::vector<std::string>{"name", kCountingSection}));
}

TEST(WasmCounting, RefusesWhatItCannotReadNamingTheByte) {
  EXPECT_THROW(instrumentForCounting({0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00}), WasmError);
  try {
    instrumentForCounting(oneFunction({0x00, 0x41, 0x01, 0xd5, 0x0b}));  // 0xd5: not an opcode it knows
    FAIL() << "an unknown opcode was accepted";
  } catch (const WasmError& e) {
    EXPECT_NE(std::string(e.what()).find("unsupported opcode 0xd5"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("at byte 0x"), std::string::npos) << e.what();
  }
  Bytes truncated = oneFunction({0x00, 0x41, 0x01, 0x0b});
  truncated.pop_back();
  EXPECT_THROW(instrumentForCounting(truncated), WasmError);
}

TEST(WasmCounting, TheCounterUnderAnotherNameIsTheSameCodeButNotACountingBuild) {
  const Bytes module = oneFunction({0x00, 0x41, 0x01, 0x0b});
  const Bytes counted = instrumentForCounting(module);
  const Bytes hidden = instrumentForCounting(module, nullptr, "cost_probe");
  EXPECT_FALSE(hasCounter(hidden));  // a timing pass accepts it: what ci/counting-cost.sh times
  EXPECT_EQ(codeOf(hidden), codeOf(counted));
  EXPECT_EQ(hidden.size(), counted.size() - std::string(kCounterExport).size() + std::string("cost_probe").size());
}

TEST(WasmCounting, RefusesToCountACountingBuildTwice) {
  const Bytes counted = instrumentForCounting(oneFunction({0x00, 0x41, 0x01, 0x0b}));
  try {
    instrumentForCounting(counted);
    FAIL() << "a counting build was instrumented again";
  } catch (const WasmError& e) {
    EXPECT_NE(std::string(e.what()).find("already"), std::string::npos) << e.what();
  }
}

TEST(WasmBinary, SignedLebRoundTrips) {
  for (std::int64_t v : {0LL, 1LL, -1LL, 63LL, 64LL, -64LL, -65LL, 1LL << 40, -(1LL << 62)}) {
    Bytes b;
    writeS64(b, v);
    Reader in(b, 0, b.size());
    EXPECT_EQ(in.s64(), v);
    EXPECT_TRUE(in.atEnd());
  }
}

}  // namespace
}  // namespace tollgate::wasm
