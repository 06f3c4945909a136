// Page decompression alone (codecs.h): any bytes as a page compressed with any
// codec the reader decodes (SNAPPY, GZIP, LZ4, LZ4_RAW, ZSTD, BROTLI, and
// UNCOMPRESSED), into a buffer of the size its page header would promise. The
// first byte picks the codec, the next three the promised size (up to 16 MiB,
// past the budget on purpose), the rest is the page. The same page is then
// decompressed again by the same Decompressor, whose library state carries over
// from page to page as it does in a column chunk: it must come out the same.
// Acceptable: decompressed, or refused (InputError; BudgetExceeded when the
// library's own state does not fit), nothing left reserved.

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "codecs.h"
#include "tollgate/errors.h"
#include "tollgate/fuzz.h"

namespace tollgate::parquet {
namespace {

// Decompressed bytes, or nothing when the page was refused.
// The buffers are never null, even empty (one byte of room behind them), as the
// reader's are not: lz4 and memcpy refuse a null pointer plus 0 under UBSan.
// Whether the reader can pass one for a page of size 0 is left to its own tests.
bool decompressed(Decompressor& d, std::string_view page, std::vector<std::uint8_t>& out) {
  static const std::uint8_t kNoBytes[1] = {0};
  const auto* in = page.empty() ? kNoBytes : reinterpret_cast<const std::uint8_t*>(page.data());
  out.reserve(out.size() + 1);
  try {
    d.decompress(in, page.size(), out.data(), out.size());
    return true;
  } catch (const InputError&) {
  } catch (const BudgetExceeded&) {
  }
  return false;
}

}  // namespace
}  // namespace tollgate::parquet

TOLLGATE_FUZZ_TARGET(data, size) {
  using namespace tollgate::parquet;
  static const std::int32_t kCodecs[] = {0, 1, 2, 4, 5, 6, 7};
  tollgate::fuzz::Input in(data, size);
  const std::int32_t codec = in.pick(kCodecs);
  const std::size_t out_size = in.u32() >> 8;  // three bytes: up to 16 MiB
  const std::string_view page = in.rest();
  // The reader reserves the output against the budget before it decompresses;
  // here that is libFuzzer's memory limit, so keep big outputs to big pages.
  if (out_size > (std::size_t{1} << 20) && out_size / 1024 > page.size()) return;

  MemoryBudget budget(4u << 20);
  {
    Decompressor d(codec, budget);
    std::vector<std::uint8_t> first(out_size), again(out_size);
    const bool ok = decompressed(d, page, first);
    const bool ok_again = decompressed(d, page, again);
    if (ok && !ok_again) {
      std::fprintf(stderr, "codec %d: a page decompressed once was refused the second time\n", codec);
      std::abort();
    }
    if (ok && ok_again && first != again) {
      std::fprintf(stderr, "codec %d: the same page decompressed twice differs\n", codec);
      std::abort();
    }
  }
  if (budget.stats().current != 0) {
    std::fprintf(stderr, "%llu bytes left reserved\n", static_cast<unsigned long long>(budget.stats().current));
    std::abort();
  }
}
