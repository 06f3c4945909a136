// Hostile schemas inside the memory budget (issue 14): a chain of 40,000 or
// 64,000 nested groups (a 240-384 KB file once took gigabytes to open, each
// group copying its parent's path), a schema of 100,000 columns, and a deep
// chain with thousands of leaves under it. Each either opens in memory a small
// multiple of the file's size, reading its flat columns, or is refused by name
// before it allocates much: counted by the allocation hook, every byte the
// reader allocated, budget or not.

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "raw_file.h"
#include "test_util.h"
#include "thrift_compact.h"
#include "tollgate/alloc_hook.h"
#include "tollgate/errors.h"

namespace tollgate::parquet::test {
namespace {

using thrift::Type;

// One schema element in depth-first order: a group of `children`, or (0) a
// required INT32 leaf.
struct Node {
  std::string name;
  std::int32_t children = 0;
};

// A file whose root has `root_children` children, the rest of the schema being
// `nodes`; with a row group of 3 rows, every leaf's chunk is the same page of
// values 1, 2, 3 (`paths`: the leaves' path_in_schema), else no row group.
std::vector<std::uint8_t> shapedFile(std::int32_t root_children, const std::vector<Node>& nodes,
                                     const std::vector<std::vector<std::string>>& paths, bool with_row_group) {
  std::vector<std::uint8_t> file = {'P', 'A', 'R', '1'};
  RawPage page;
  page.body = int32s({1, 2, 3});
  page.num_values = 3;
  const auto page_bytes = pageBytes(page);
  file.insert(file.end(), page_bytes.begin(), page_bytes.end());
  std::vector<std::uint8_t> footer;
  thrift::Writer w(footer);
  w.beginStruct();
  w.i32Field(1, 1);
  w.listField(2, Type::strct, static_cast<std::uint32_t>(nodes.size() + 1));
  w.beginStruct();
  w.stringField(4, "schema");
  w.i32Field(5, root_children);
  w.endStruct();
  for (const Node& n : nodes) {
    w.beginStruct();
    if (n.children == 0) {
      w.i32Field(1, static_cast<std::int32_t>(PhysicalType::int32));
      w.i32Field(3, 0);
    }
    w.stringField(4, n.name);
    if (n.children > 0) w.i32Field(5, n.children);
    w.endStruct();
  }
  w.i64Field(3, with_row_group ? 3 : 0);
  w.listField(4, Type::strct, with_row_group ? 1 : 0);
  if (with_row_group) {
    w.beginStruct();
    w.listField(1, Type::strct, static_cast<std::uint32_t>(paths.size()));
    for (const auto& path : paths) {
      w.beginStruct();
      w.i64Field(2, 4);
      w.structField(3);
      w.i32Field(1, static_cast<std::int32_t>(PhysicalType::int32));
      w.listField(2, Type::i32, 1);
      w.i32(0);
      w.listField(3, Type::binary, static_cast<std::uint32_t>(path.size()));
      for (const std::string& part : path) w.binary(part.data(), part.size());
      w.i32Field(4, 0);
      w.i64Field(5, 3);
      w.i64Field(6, static_cast<std::int64_t>(page_bytes.size()));
      w.i64Field(7, static_cast<std::int64_t>(page_bytes.size()));
      w.i64Field(9, 4);
      w.endStruct();
      w.endStruct();
    }
    w.i64Field(2, static_cast<std::int64_t>(page_bytes.size()));
    w.i64Field(3, 3);
    w.endStruct();
  }
  w.endStruct();
  file.insert(file.end(), footer.begin(), footer.end());
  for (int i = 0; i < 4; ++i) file.push_back(static_cast<std::uint8_t>(footer.size() >> (8 * i)));
  file.insert(file.end(), {'P', 'A', 'R', '1'});
  return file;
}

// root { id: INT32; a { a { ... `depth` groups ... { v0, v1... `leaves` INT32 } } } }
std::vector<std::uint8_t> chainFile(std::size_t depth, std::size_t leaves, bool with_row_group) {
  std::vector<Node> nodes{{"id", 0}};
  std::vector<std::vector<std::string>> paths{{"id"}};
  for (std::size_t i = 0; i < depth; ++i) nodes.push_back({"a", 1});
  nodes.back().children = static_cast<std::int32_t>(leaves);
  for (std::size_t i = 0; i < leaves; ++i) {
    nodes.push_back({"v" + std::to_string(i), 0});
    if (!with_row_group) continue;
    paths.emplace_back(depth, "a");
    paths.back().push_back(nodes.back().name);
  }
  return shapedFile(2, nodes, paths, with_row_group);
}

// `columns` flat required INT32 columns c0, c1...
std::vector<std::uint8_t> wideFile(std::size_t columns, bool with_row_group) {
  std::vector<Node> nodes;
  std::vector<std::vector<std::string>> paths;
  for (std::size_t i = 0; i < columns; ++i) {
    nodes.push_back({"c" + std::to_string(i), 0});
    paths.push_back({nodes.back().name});
  }
  return shapedFile(static_cast<std::int32_t>(columns), nodes, paths, with_row_group);
}

// What opening (and then `then`) cost: every byte allocated above what was
// live before, and the budget's peak; the outcome "ok" or the refusal.
struct Cost {
  std::string outcome = "ok";
  std::uint64_t heap_peak = 0;
  std::uint64_t budget_peak = 0;
};

Cost openAndRead(const std::vector<std::uint8_t>& bytes, const std::function<void(const ParquetFile&)>& then) {
  Cost cost;
  MemoryBudget budget(1536ull << 20);
  resetAllocCounters();
  const std::uint64_t before = allocStats().live_bytes;
  try {
    ParquetFile file(bytes.size(), budget);
    driveFromMemory(file, bytes.data(), bytes.size());
    then(file);
  } catch (const InputError& e) {
    cost.outcome = e.what();
  }
  cost.heap_peak = allocStats().peak_live_bytes - before;
  cost.budget_peak = budget.stats().peak;
  EXPECT_EQ(budget.stats().current, 0u) << "memory left reserved";
  return cost;
}

std::vector<std::int32_t> int32Values(const ColumnValues& c) {
  std::vector<std::int32_t> out(c.rows);
  for (std::size_t i = 0; i < c.rows; ++i) out[i] = loadLe<std::int32_t>(c.data.data() + 4 * i);
  return out;
}

// The bound these tests hold the reader to: the file's bytes read into memory,
// its metadata parsed (each element at least 3 bytes on the wire, ~80 in
// memory) and the schema built, all within this multiple of the file's size.
constexpr std::uint64_t kMaxHeapPerFileByte = 32;

TEST(SchemaBounds, DeepChainsOpenInMemoryLinearInTheirSizeAndReadTheirFlatColumns) {
  for (const std::size_t depth : {40000u, 64000u}) {
    SCOPED_TRACE(depth);
    const auto bytes = chainFile(depth, 1, true);
    const Cost cost = openAndRead(bytes, [&](const ParquetFile& file) {
      ASSERT_EQ(file.schema().columns.size(), 2u);
      const ColumnDescriptor& deep = file.schema().columns[1];
      EXPECT_EQ(deep.name.size(), 2 * depth + 2);  // "a." times depth, then "v0"
      EXPECT_NE(deep.unsupported.find("is nested (" + std::to_string(depth) + " groups deep)"), std::string::npos)
          << deep.unsupported;
      EXPECT_LT(deep.unsupported.size(), 400u) << "a refusal quotes a long name shortened";
      const QueryResult r = runQuery(file, bytes, {{"id"}, std::nullopt, false});
      EXPECT_EQ(int32Values(r.columns[0]), (std::vector<std::int32_t>{1, 2, 3}));
      expectRefused<InputError>([&] { Query q(file, {{deep.name}, std::nullopt, false}); }, "is nested");
    });
    EXPECT_EQ(cost.outcome, "ok");
    EXPECT_LT(cost.heap_peak, kMaxHeapPerFileByte * bytes.size()) << "file of " << bytes.size() << " bytes";
    EXPECT_LT(cost.budget_peak, kMaxHeapPerFileByte * bytes.size());
  }
}

TEST(SchemaBounds, ADeepChainWithoutRowGroupsOpensToo) {
  const auto bytes = chainFile(40000, 1, false);
  const Cost cost = openAndRead(bytes, [&](const ParquetFile& file) {
    EXPECT_EQ(file.schema().columns.size(), 2u);
    EXPECT_EQ(file.metadata().num_rows, 0);
  });
  EXPECT_EQ(cost.outcome, "ok");
  EXPECT_LT(cost.heap_peak, kMaxHeapPerFileByte * bytes.size()) << "file of " << bytes.size() << " bytes";
}

TEST(SchemaBounds, ThousandsOfLeavesUnderADeepChainAreRefusedByNameBeforeTheirPathsAreBuilt) {
  // 20,000 leaves each 20,000 groups deep: 800 MB of dotted paths from a file
  // of about 250 KB, if they were built.
  const auto bytes = chainFile(20000, 20000, false);
  const Cost cost = openAndRead(bytes, [](const ParquetFile&) {});
  EXPECT_NE(cost.outcome.find("the schema's column paths take more than"), std::string::npos) << cost.outcome;
  EXPECT_NE(cost.outcome.find("groups nested 20000 deep"), std::string::npos) << cost.outcome;
  EXPECT_LT(cost.heap_peak, kMaxHeapPerFileByte * bytes.size()) << "file of " << bytes.size() << " bytes";
}

TEST(SchemaBounds, AHundredThousandColumnsOpenAndAnyOfThemReads) {
  const auto bytes = wideFile(100000, true);
  const Cost cost = openAndRead(bytes, [&](const ParquetFile& file) {
    ASSERT_EQ(file.schema().columns.size(), 100000u);
    EXPECT_EQ(file.schema().column("c99999").index, 99999u);
    const QueryResult r = runQuery(file, bytes, {{"c99999", "c0", "c50000"}, GreaterThan{"c12345", 1.5}, true});
    EXPECT_EQ(r.rows, 2u);
    EXPECT_EQ(r.sum, 5.0);
    for (const ColumnValues& c : r.columns) EXPECT_EQ(int32Values(c), (std::vector<std::int32_t>{2, 3}));
    expectRefused<InputError>([&] { Query q(file, {{"c100000"}, std::nullopt, false}); },
                              "no column named 'c100000' (the file has: 'c0', 'c1'");
    expectRefused<InputError>([&] { Query q(file, {{"c100000"}, std::nullopt, false}); }, "and 99980 more)");
  });
  EXPECT_EQ(cost.outcome, "ok");
  EXPECT_LT(cost.heap_peak, kMaxHeapPerFileByte * bytes.size()) << "file of " << bytes.size() << " bytes";
}

TEST(SchemaBounds, AHundredThousandColumnsWithoutRowGroupsOpen) {
  const auto bytes = wideFile(100000, false);
  const Cost cost = openAndRead(bytes, [&](const ParquetFile& file) { EXPECT_EQ(file.schema().columns.size(), 100000u); });
  EXPECT_EQ(cost.outcome, "ok");
  EXPECT_LT(cost.heap_peak, kMaxHeapPerFileByte * bytes.size()) << "file of " << bytes.size() << " bytes";
}

TEST(SchemaBounds, EveryQueryOfAWideFileProjectingAllColumnsStaysLinear) {
  // Projecting every column of a wide file once walked the projection for
  // every chunk: quadratic. Here 20,000 columns, all projected, read right.
  const auto bytes = wideFile(20000, true);
  const Cost cost = openAndRead(bytes, [&](const ParquetFile& file) {
    QuerySpec all;
    for (const ColumnDescriptor& c : file.schema().columns) all.columns.push_back(c.name);
    const QueryResult r = runQuery(file, bytes, all);
    EXPECT_EQ(r.rows, 3u);
    EXPECT_EQ(int32Values(r.columns[19999]), (std::vector<std::int32_t>{1, 2, 3}));
  });
  EXPECT_EQ(cost.outcome, "ok");
  EXPECT_LT(cost.heap_peak, kMaxHeapPerFileByte * bytes.size()) << "file of " << bytes.size() << " bytes";
}

}  // namespace
}  // namespace tollgate::parquet::test
