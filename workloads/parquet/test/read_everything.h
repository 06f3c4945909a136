#pragma once
// The hostile-input tests' probe: a file read every way the reader can read it,
// where the only acceptable outcomes are "ok" or a refusal (InputError, or
// BudgetExceeded for what only the budget can stop) that leaves nothing held.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "read_every_way.h"
#include "test_util.h"
#include "tollgate/errors.h"

namespace tollgate::parquet::test {

// Reads `bytes` all ways twice: with the default first read (small files then
// sit whole in the tail) and with a 40-byte one, so that the page index and
// the pages are range reads of their own, merged and sliced as in a browser.
// Returns the first pass's outcome, "ok" or the refusal's message; any other
// exception (a logic error, bad_alloc) escapes and fails the test: it would be
// a bug. `peak`, if given, receives the budget's high-water mark over both.
inline std::string readEverything(const std::vector<std::uint8_t>& bytes, std::uint64_t budget_bytes = 64u << 20,
                                  std::uint64_t* peak = nullptr) {
  std::string first;
  for (const std::uint64_t tail : {ReaderOptions{}.tail_bytes, std::uint64_t{40}}) {
    ReaderOptions options;
    options.tail_bytes = tail;
    MemoryBudget budget(budget_bytes);
    std::string outcome = "ok";
    try {
      readEveryWay(bytes, budget, options, {0.0, 50.0, 990.0});
    } catch (const InputError& e) {
      outcome = e.what();
    } catch (const BudgetExceeded& e) {
      outcome = e.what();
    }
    EXPECT_EQ(budget.stats().current, 0u) << "a read kept memory reserved: " << outcome;
    if (peak != nullptr) *peak = std::max(first.empty() ? 0 : *peak, budget.stats().peak);
    if (first.empty()) first = outcome;
  }
  return first;
}

inline void expectRefusal(const std::vector<std::uint8_t>& bytes, const std::string& needle) {
  SCOPED_TRACE(needle);
  const std::string outcome = readEverything(bytes);
  EXPECT_NE(outcome.find(needle), std::string::npos) << "outcome: " << outcome;
}

}  // namespace tollgate::parquet::test
