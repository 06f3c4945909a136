// The Parquet reader from bytes, through every path: the footer alone, the eager
// path (every column whole), late projection, and a predicate query steering
// reads by chunk statistics and the page index; with the page index used or
// ignored, and first reads from 8 bytes to 64 KiB (small ones make the footer,
// the page index and the pages range reads of their own).
//
// The input is the file itself, so that any Parquet file is a seed as it is; the
// options (first read, page index, budget, threshold) follow from its size, so
// each input is read one reproducible way and mutations that change the size
// try the others. Acceptable outcomes: the file is read, or
// refused (InputError; BudgetExceeded for what only the budget can stop), with
// nothing left reserved. Anything else (another exception, a sanitizer report, a
// reservation leak, an allocation past libFuzzer's limit) is a bug.

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "read_every_way.h"
#include "tollgate/errors.h"
#include "tollgate/fuzz.h"

TOLLGATE_FUZZ_TARGET(data, size) {
  using namespace tollgate::parquet;
  static const std::uint64_t kTails[] = {8, 40, 4096, 64 * 1024};
  static const std::uint64_t kBudgets[] = {1u << 20, 16u << 20, 64u << 20};
  static const double kThresholds[] = {0.0, 50.0, 990.0, -1e300};
  ReaderOptions options;
  options.tail_bytes = kTails[size % 4];
  options.use_page_index = (size / 4) % 2 == 0;
  const std::uint64_t budget_bytes = kBudgets[(size / 8) % 3];
  const double threshold = kThresholds[(size / 24) % 4];
  const std::vector<std::uint8_t> bytes(data, data + size);

  MemoryBudget budget(budget_bytes);
  try {
    readEveryWay(bytes, budget, options, {threshold});
  } catch (const tollgate::InputError&) {
  } catch (const BudgetExceeded&) {
  }
  if (budget.stats().current != 0) {
    std::fprintf(stderr, "the reader kept %llu bytes reserved after it finished\n",
                 static_cast<unsigned long long>(budget.stats().current));
    std::abort();
  }
}
