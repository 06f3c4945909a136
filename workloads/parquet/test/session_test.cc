// The adapters' module side (ParquetSession) and the memory budget: both paths
// compute the same results; a query past the budget fails with a clear error,
// gives back what it held, and the session stays usable.

#include <gtest/gtest.h>

#include <cstring>

#include "adapters/parquet_session.h"
#include "test_util.h"
#include "tollgate/errors.h"

namespace tollgate::parquet::test {
namespace {

void driveSession(ParquetSession& s, const std::vector<std::uint8_t>& file) {
  while (const std::size_t n = s.wanted()) {
    for (std::size_t i = 0; i < n; ++i) {
      const auto offset = static_cast<std::size_t>(s.wantedRanges()[2 * i]);
      const auto length = static_cast<std::size_t>(s.wantedRanges()[2 * i + 1]);
      std::memcpy(s.buffer(i), file.data() + offset, length);
    }
    s.advance();
  }
}

QuerySpec q3() { return {{"name", "price"}, GreaterThan{"price", 990.0}, false}; }

TEST(MemoryBudget, ReservesReleasesAndCountsRefusals) {
  MemoryBudget budget(1000);
  {
    Reservation a(budget);
    a.grow(600, "a");
    EXPECT_EQ(budget.stats().current, 600u);
    expectRefused<BudgetExceeded>([&] { Reservation b(budget); b.grow(500, "the second thing"); },
                                  "memory budget exceeded: the second thing needs 500 bytes");
    EXPECT_EQ(budget.stats().refused, 1u);
    EXPECT_EQ(budget.stats().current, 600u);
    Buffer<std::uint32_t> buf(budget);
    buf.resize(100, "ints");  // 400 bytes: exactly what is left
    EXPECT_EQ(budget.stats().current, 1000u);
    expectRefused<BudgetExceeded>([&] { buf.push_back(1, "one more int"); }, "one more int");
    EXPECT_EQ(buf.size(), 100u);
  }
  EXPECT_EQ(budget.stats().current, 0u);
  EXPECT_EQ(budget.stats().peak, 1000u);
  budget.resetPeak();
  EXPECT_EQ(budget.stats().peak, 0u);
}

TEST(ColumnValues, ByteArraysPastWhatTheir32BitOffsetsAddressAreRefusedFirst) {
  // Offsets are uint32 (JS reads them as a Uint32Array): a result past 4 GiB of
  // bytes would wrap them silently. Natively the budget could allow it.
  MemoryBudget budget(8ull << 30);
  ColumnDescriptor name;
  name.name = "name";
  name.type = PhysicalType::byte_array;
  ColumnValues v;
  v.init(name, budget);
  v.reserveRows(1, 1, "string bytes");
  v.data.push_back('a', "string bytes");
  const std::uint64_t held = budget.stats().current;
  expectRefused<InputError>([&] { v.reserveRows(1, 0xffffffffu, "string bytes"); },
                            "string bytes: 4294967296 bytes of byte arrays, past the 4 GiB their 32-bit offsets address");
  EXPECT_EQ(budget.stats().current, held) << "reserved before refusing";
}

TEST(ColumnValues, InitStartsOverAndGivesBackWhatWasHeld) {
  MemoryBudget budget(1 << 20);
  ColumnDescriptor name;
  name.name = "name";
  name.type = PhysicalType::byte_array;
  name.optional = true;
  ColumnValues v;
  v.init(name, budget);
  const std::uint64_t empty = budget.stats().current;  // the first offset
  v.reserveRows(100, 1000, "values");
  v.data.append(reinterpret_cast<const std::uint8_t*>("abc"), 3, "values");
  v.offsets.push_back(3, "values");
  v.valid.push_back(1, "values");
  v.rows = 1;
  v.init(name, budget);
  EXPECT_EQ(v.rows, 0u);
  EXPECT_TRUE(v.data.empty());
  EXPECT_EQ(v.offsets.size(), 1u);
  EXPECT_TRUE(v.valid.empty());
  EXPECT_EQ(budget.stats().current, empty);
}

TEST(ParquetSession, EagerAndLatePathsSeeTheSameRows) {
  const auto file = writeBenchFile(smallSpec());
  ParquetSession eager(1u << 30);
  std::memcpy(eager.stageFile(file.size()), file.data(), file.size());
  eager.openStaged();
  eager.decodeStaged();
  const auto& table = eager.table();
  ASSERT_EQ(table.size(), 5u);

  ParquetSession late(1u << 30);
  late.beginOpen(file.size());
  driveSession(late, file);
  late.beginQuery(q3());
  driveSession(late, file);
  const QueryResult& r = late.result();
  std::size_t k = 0;
  for (std::size_t row = 0; row < table[1].rows; ++row) {
    if (table[1].isNull(row) || !(table[1].number(row) > 990.0)) continue;
    ASSERT_LT(k, r.rows);
    EXPECT_EQ(r.columns[1].number(k), table[1].number(row));
    EXPECT_EQ(r.columns[0].isNull(k), table[3].isNull(row));
    if (!table[3].isNull(row)) {
      EXPECT_EQ(stringAt(r.columns[0], k), stringAt(table[3], row));
    }
    ++k;
  }
  EXPECT_EQ(k, r.rows);
  EXPECT_GT(k, 0u);
  // Late materialization holds a fraction of what eager decoding holds.
  EXPECT_LT(late.budget().stats().peak * 5, eager.budget().stats().peak);
}

TEST(ParquetSession, AQueryPastTheBudgetFailsReleasesAndLeavesTheSessionUsable) {
  const auto file = writeBenchFile(smallSpec());
  ParquetSession s(1u << 30);
  s.beginOpen(file.size());
  driveSession(s, file);
  const std::uint64_t open_holds = s.budget().stats().current;  // the footer's tail and metadata

  s.budget().setLimit(open_holds + 4096);  // not enough for a page
  s.beginQuery(q3());
  expectRefused<BudgetExceeded>([&] { driveSession(s, file); }, "memory budget exceeded");
  EXPECT_EQ(s.budget().stats().current, open_holds) << "the failed query kept memory";
  EXPECT_GE(s.budget().stats().refused, 1u);
  expectRefused<std::logic_error>([&] { s.result(); }, "no finished query");

  s.budget().setLimit(1u << 30);
  s.beginQuery(q3());
  driveSession(s, file);
  EXPECT_GT(s.result().rows, 0u);
}

TEST(ParquetSession, RefusalsLeaveNothingHeld) {
  const auto file = writeBenchFile(smallSpec());
  ParquetSession s(1u << 20);
  expectRefused<BudgetExceeded>([&] { s.stageFile(8u << 20); }, "the whole file (eager)");
  EXPECT_EQ(s.budget().stats().current, 0u);

  s.beginOpen(file.size());
  driveSession(s, file);
  expectRefused<InputError>([&] { s.beginQuery({{"nope"}, std::nullopt, false}); }, "no column named 'nope'");
  expectRefused<InputError>([&] { s.beginQuery({{}, GreaterThan{"name", 1}, true}); },
                            "the predicate column 'name' is STRING");
  s.beginQuery(q3());  // the file is still open
  driveSession(s, file);
  EXPECT_GT(s.result().rows, 0u);

  std::vector<std::uint8_t> garbage(file.size(), 'x');
  s.beginOpen(garbage.size());
  expectRefused<InputError>([&] { driveSession(s, garbage); }, "does not end with the magic PAR1");
  EXPECT_EQ(s.budget().stats().current, 0u);
  expectRefused<std::logic_error>([&] { s.file(); }, "no Parquet file is open");
}

}  // namespace
}  // namespace tollgate::parquet::test
