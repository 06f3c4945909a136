// The page encodings beyond PLAIN alone (delta_encodings.h): DELTA_BINARY_PACKED
// as INT32 and INT64, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY (variable and
// fixed width) and BYTE_STREAM_SPLIT, called as the chunk decoder calls them:
// the checks that come before a reservation first, then the decoder into what
// was reserved. The first byte picks the encoding and the next two the value
// count, the rest is the page. Acceptable: decoded, or refused (InputError;
// BudgetExceeded for what only the budget stops), nothing left reserved.

#include <cstdio>
#include <cstdlib>

#include "delta_encodings.h"
#include "tollgate/errors.h"
#include "tollgate/fuzz.h"

namespace tollgate::parquet {
namespace {

[[noreturn]] void broken(const char* what) {
  std::fprintf(stderr, "%s\n", what);
  std::abort();
}

// count + 1 offsets, never decreasing, the last at most `end`.
void checkOffsets(const Buffer<std::uint32_t>& offsets, std::size_t count, std::size_t end) {
  if (offsets.size() != count + 1) broken("not count + 1 offsets");
  for (std::size_t i = 0; i < count; ++i) {
    if (offsets.data()[i] > offsets.data()[i + 1]) broken("offsets decrease");
  }
  if (offsets.data()[count] > end) broken("offsets past the end of the values");
}

void decodePage(fuzz::Input& in, MemoryBudget& budget) {
  static const std::uint32_t kWidths[] = {1, 2, 4, 8, 12, 16};
  const std::uint8_t which = in.byte();
  const std::size_t count = (std::size_t{in.byte()} << 8) | in.byte();
  const std::uint32_t width = kWidths[(which >> 3) % 6];
  const std::string_view page = in.rest();
  const auto* data = reinterpret_cast<const std::uint8_t*>(page.data());
  const std::size_t size = page.size();
  Bytes values(budget);
  Buffer<std::uint32_t> offsets(budget);
  switch (which % 5) {
    case 0: {  // DELTA_BINARY_PACKED, INT32 or INT64
      const std::uint32_t int_width = (which & 8) ? 8 : 4;
      checkDeltaBinaryPackedHolds(data, size, count, "DELTA_BINARY_PACKED");
      values.resize(count * int_width, "decoded values");
      const std::size_t used = decodeDeltaBinaryPacked(data, size, count, int_width, values.data());
      if (used > size) broken("DELTA_BINARY_PACKED claims more bytes than the page has");
      break;
    }
    case 1:
      decodeDeltaLengthByteArray(data, size, count, offsets, "DELTA_LENGTH_BYTE_ARRAY");
      checkOffsets(offsets, count, size);
      break;
    case 2:
      decodeDeltaByteArray(data, size, count, 0, values, offsets);
      checkOffsets(offsets, count, values.size());
      break;
    case 3:
      decodeDeltaByteArray(data, size, count, width, values, offsets);
      checkOffsets(offsets, count, values.size());
      if (values.size() != count * width) broken("fixed-width values of another length");
      break;
    default:
      checkByteStreamSplit(size, count, width);
      values.resize(count * width, "decoded values");
      decodeByteStreamSplit(data, size, count, width, values.data());
  }
}

}  // namespace
}  // namespace tollgate::parquet

TOLLGATE_FUZZ_TARGET(data, size) {
  using namespace tollgate::parquet;
  tollgate::fuzz::Input in(data, size);
  MemoryBudget budget(16u << 20);
  try {
    decodePage(in, budget);
  } catch (const tollgate::InputError&) {
  } catch (const BudgetExceeded&) {
  }
  if (budget.stats().current != 0) {
    std::fprintf(stderr, "%llu bytes left reserved\n", static_cast<unsigned long long>(budget.stats().current));
    std::abort();
  }
}
