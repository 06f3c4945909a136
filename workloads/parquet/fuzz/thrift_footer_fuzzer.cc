// The Thrift compact structures alone, without a file around them: each input is
// parsed as a footer (FileMetaData, then the schema built from it), a page header,
// an offset index and a column index, so any of them is a seed as it is.
// Acceptable: parsed, or refused (InputError, BudgetExceeded), nothing left reserved.

#include <cstdio>
#include <cstdlib>

#include "metadata.h"
#include "schema.h"
#include "tollgate/errors.h"
#include "tollgate/fuzz.h"

namespace tollgate::parquet {
namespace {

template <typename Parse>
void refusedOrParsed(MemoryBudget& budget, Parse&& parse) {
  try {
    parse();
  } catch (const InputError&) {
  } catch (const BudgetExceeded&) {
  }
  if (budget.stats().current != 0) {
    std::fprintf(stderr, "%llu bytes left reserved\n", static_cast<unsigned long long>(budget.stats().current));
    std::abort();
  }
}

}  // namespace
}  // namespace tollgate::parquet

TOLLGATE_FUZZ_TARGET(data, size) {
  using namespace tollgate::parquet;
  MemoryBudget budget(16u << 20);
  refusedOrParsed(budget, [&] {
    const FileMetaData meta = parseFileMetaData(data, size, budget);
    buildSchema(meta, 1u << 30, size, budget);
  });
  refusedOrParsed(budget, [&] { parsePageHeader(data, size); });
  refusedOrParsed(budget, [&] {
    Reservation memory(budget);
    parseOffsetIndex(data, size, memory);
  });
  refusedOrParsed(budget, [&] {
    Reservation memory(budget);
    parseColumnIndex(data, size, memory);
  });
}
