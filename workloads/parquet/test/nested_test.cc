// Nested columns (LIST, MAP, STRUCT) read into Arrow's layout: files DuckDB and
// arrow-rs wrote (the fuzz seeds in fuzz/corpus/parquet_reader, 40 rows of the
// interop suite's nested table; DuckDB v1 and v2 pages in row groups of 25,
// arrow-rs v2 pages of a few rows with a page index), read eager and late, whole
// and filtered, against values worked out from the table's SQL
// (test/interop/duckdb-files.mjs); then every byte of one file changed, which
// must be read or refused by name, never crash or leak.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "byte_reader.h"
#include "file_source.h"
#include "nested_assembly.h"
#include "read_everything.h"
#include "test_util.h"
#include "tools/value_dump.h"

namespace tollgate::parquet::test {
namespace {

const std::string kSeeds = TOLLGATE_PARQUET_SEEDS;
const char* const kFiles[] = {"duckdb-nested-v1.parquet", "duckdb-nested-v2.parquet", "arrow-rs-nested-page-index.parquet"};

// Row 4 of the table, in value_dump.h's raw form (strings as hex: "a4" is 6134).
const char* const kRow4 = R"({
  "grid": [["4"], [], null, ["4", "4"]],
  "ints": [],
  "items": [{"a": "4", "b": ["4", "5"]}, null],
  "meta": {"l": [], "s": {"v": "7634"}},
  "point": {"x": null, "y": "7934"},
  "tags": [{"key": "6b31", "value": "4"}, {"key": "7a", "value": null}],
  "words": ["6134", null]})";

nlohmann::json row(const nlohmann::json& dump, std::size_t r) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, rows] : dump["nested"].items()) out[name] = rows[r];
  return out;
}

TEST(Nested, EveryShapeReadsAsTheTableSaysEagerAndLate) {
  for (const char* name : kFiles) {
    SCOPED_TRACE(name);
    const nlohmann::json eager = dumpValues(kSeeds + name, DumpSpec{true, std::nullopt, 0});
    const nlohmann::json late = dumpValues(kSeeds + name, DumpSpec{false, std::nullopt, 0});
    ASSERT_FALSE(eager.contains("error")) << eager["error"];
    ASSERT_FALSE(late.contains("error")) << late["error"];
    EXPECT_EQ(eager["nested"], late["nested"]);
    EXPECT_EQ(eager["nested"].size(), 7u);
    EXPECT_EQ(row(eager, 4), nlohmann::json::parse(kRow4));
    // Row 0: every nullable field null (i % n == 0); row 7: `ints` null, an empty `meta.l`... spot checks.
    for (const auto& [field, rows] : eager["nested"].items()) {
      ASSERT_EQ(rows.size(), 40u) << field;
      EXPECT_TRUE(rows[0].is_null()) << field;
    }
    EXPECT_EQ(eager["nested"]["ints"][7], nullptr);
    EXPECT_EQ(eager["nested"]["ints"][11], nlohmann::json::parse(R"(["11", null, "22"])"));
    EXPECT_EQ(eager["nested"]["meta"][33], nullptr);
  }
}

TEST(Nested, APredicateOnAFlatColumnSelectsNestedRows) {
  for (const char* name : kFiles) {
    SCOPED_TRACE(name);
    const nlohmann::json all = dumpValues(kSeeds + name, DumpSpec{true, std::nullopt, 0});
    const nlohmann::json some = dumpValues(kSeeds + name, DumpSpec{false, "id", 30});
    ASSERT_FALSE(some.contains("error")) << some["error"];
    EXPECT_EQ(some["count"], 9);
    for (const auto& [field, rows] : some["nested"].items()) {
      ASSERT_EQ(rows.size(), 9u);
      for (std::size_t k = 0; k < 9; ++k) EXPECT_EQ(rows[k], all["nested"][field][31 + k]) << field << " row " << 31 + k;
    }
  }
}

TEST(Nested, OneLeafProjectsItsPathAndPredicatesOnNestedLeavesAreRefusedByName) {
  const std::vector<std::uint8_t> bytes = readWholeFile(kSeeds + kFiles[0]);
  Opened o;
  open(o, bytes);
  const QueryResult r = runQuery(*o.file, bytes, {{"point.x", "id"}, std::nullopt, false});
  ASSERT_EQ(r.columns[0].nodes.size(), 2u);  // the struct, then its leaf x (not y)
  const NestedNode& point = r.columns[0].nodes[0];
  const NestedNode& x = r.columns[0].nodes[1];
  EXPECT_EQ(point.length, 40u);
  EXPECT_EQ(x.length, 40u);  // a struct's children have a slot per struct slot, null ones too
  EXPECT_EQ(point.valid[0], 0);
  EXPECT_EQ(point.valid[1], 1);
  EXPECT_EQ(x.values.valid[4], 0);  // i % 4 == 0: null
  EXPECT_EQ(loadLe<std::int64_t>(x.values.data.data() + 5 * 8), 5);
  expectRefused<InputError>([&] { Query(*o.file, {{"id"}, GreaterThan{"point.x", 3}, true}); },
                            "the predicate column 'point.x' is inside a nested field");
  expectRefused<InputError>([&] { Query(*o.file, {{"nowhere"}, std::nullopt, false}); }, "no column named 'nowhere'");
}

// Offsets push their own last element to open a list slot: the buffer must
// read it before growing frees it (ASan saw it in the sanitize and fuzz builds).
TEST(Nested, ABufferTakesItsOwnLastElementWhileGrowing) {
  MemoryBudget budget(1u << 20);
  Buffer<std::int32_t> offsets(budget);
  offsets.push_back(7, "offsets");
  for (int i = 0; i < 100; ++i) offsets.push_back(offsets.back(), "offsets");
  EXPECT_EQ(offsets.size(), 101u);
  EXPECT_EQ(offsets[100], 7);
}

// Every byte of the v1 file (uncompressed: levels and values in the clear)
// changed in turn: read or refused by name, nothing reserved after; among the
// refusals, leaves disagreeing on their struct's or list's shape.
TEST(Nested, ChangedBytesAreReadOrRefusedAndSiblingLeavesMustAgree) {
  const std::vector<std::uint8_t> good = readWholeFile(kSeeds + kFiles[0]);
  std::size_t refused = 0, shapes = 0;
  for (std::size_t at = 4; at + 8 < good.size(); at += 3) {
    std::vector<std::uint8_t> bytes = good;
    bytes[at] ^= static_cast<std::uint8_t>(at % 2 ? 0x01 : 0x12);
    const std::string outcome = readEverything(bytes, 16u << 20);
    refused += outcome != "ok";
    shapes += outcome.find("another shape than column") != std::string::npos;
  }
  EXPECT_GT(refused, 100u);
  EXPECT_GT(shapes, 0u) << "no change made sibling leaves disagree";
}

}  // namespace
}  // namespace tollgate::parquet::test
