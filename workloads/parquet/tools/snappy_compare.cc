// The Snappy decoder we wrote first against Google's (Debian's snappy 1.1.9,
// the reference, which the reader now uses: snappy.h) on the same pages: every page of a 200,000-row benchmark file, compressed by
// our compressor and by Google's, each decoded by both decoders. Rounds are
// interleaved (every decoder on every stream each round); prints the median
// throughput with its median absolute deviation. Built natively and for Node:
//   build/native/bin/parquet_snappy_compare [rounds]
//   node build/wasm/bin/parquet_snappy_compare.js [rounds]
// A measurement by hand (workloads/parquet/README.md gives its figures), not a test.

#include <snappy/snappy.h>  // Google's: the path keeps it apart from ours

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_data.h"
#include "byte_reader.h"
#include "parquet_file.h"
#include "snappy.h"
#include "tollgate/clock.h"
#include "tollgate/errors.h"

using namespace tollgate::parquet;

// The decoder this reader used until Google's replaced it, kept here to be measured.
namespace handwritten {

using tollgate::InputError;

[[noreturn]] void corrupt(const std::string& message, std::size_t at) {
  throw InputError("invalid snappy stream: " + message + " (input byte " + std::to_string(at) + ")");
}

void decompress(const std::uint8_t* in, std::size_t size, std::uint8_t* out, std::size_t out_size) {
  ByteReader r(in, size, "snappy stream");
  const std::uint64_t declared = r.uleb();
  if (declared != out_size) {
    corrupt("declares " + std::to_string(declared) + " bytes where " + std::to_string(out_size) + " were expected", 0);
  }
  std::size_t produced = 0;
  while (!r.atEnd()) {
    const std::size_t at = r.position();
    const std::uint8_t tag = r.byte();
    std::size_t length;
    std::size_t offset;
    switch (tag & 3) {
      case 0: {  // literal
        // In 64 bits, compared before narrowing: (length - 1) = 0xffffffff plus
        // one is 2^32, which a 32-bit size_t (wasm) would wrap to 0.
        std::uint64_t wide = (tag >> 2) + 1;
        if (wide > 60) {
          const std::size_t extra = static_cast<std::size_t>(wide - 60);  // 1-4 bytes of (length - 1), little-endian
          if (r.remaining() < extra) corrupt("truncated literal length", at);
          std::uint32_t v = 0;
          for (std::size_t i = 0; i < extra; ++i) v |= static_cast<std::uint32_t>(r.byte()) << (8 * i);
          wide = std::uint64_t{v} + 1;
        }
        if (wide > r.remaining()) corrupt("literal of " + std::to_string(wide) + " bytes runs past the input", at);
        length = static_cast<std::size_t>(wide);
        if (length > out_size - produced) corrupt("literal runs past the declared length", at);
        const std::uint8_t* src = r.take(length);
        if (length <= 16 && r.remaining() >= 16 && out_size - produced >= 16) {
          std::memcpy(out + produced, src, 16);  // a fixed 16: the tail is overwritten later
        } else {
          std::memcpy(out + produced, src, length);
        }
        produced += length;
        continue;
      }
      case 1:
        length = ((tag >> 2) & 7) + 4;
        if (r.remaining() < 1) corrupt("truncated copy", at);
        offset = (static_cast<std::size_t>(tag >> 5) << 8) | r.byte();
        break;
      case 2:
        length = (tag >> 2) + 1;
        if (r.remaining() < 2) corrupt("truncated copy", at);
        offset = r.le<std::uint16_t>();
        break;
      default:
        length = (tag >> 2) + 1;
        if (r.remaining() < 4) corrupt("truncated copy", at);
        offset = r.le<std::uint32_t>();
        break;
    }
    if (offset == 0) corrupt("copy with offset 0", at);
    if (offset > produced) corrupt("copy reaches " + std::to_string(offset) + " bytes back, before the start", at);
    if (length > out_size - produced) corrupt("copy runs past the declared length", at);
    std::uint8_t* dst = out + produced;
    const std::uint8_t* src = dst - offset;
    const std::size_t slack = out_size - produced;
    // Fixed-size moves where the output has room past the copy (what they write
    // beyond it is overwritten later): most copies are short.
    if (offset >= 16 && length <= 16 && slack >= 16) {
      std::memcpy(dst, src, 16);
    } else if (offset >= 8 && slack >= length + 8) {
      for (std::size_t i = 0; i < length; i += 8) std::memcpy(dst + i, src + i, 8);  // chunks never overlap
    } else if (offset >= length) {
      std::memcpy(dst, src, length);
    } else {
      for (std::size_t i = 0; i < length; ++i) dst[i] = src[i];  // overlapping: a run
    }
    produced += length;
  }
  if (produced != out_size) {
    corrupt("ends after " + std::to_string(produced) + " of " + std::to_string(out_size) + " bytes", size);
  }
}

}  // namespace handwritten

namespace {

// The raw bodies of every data page of an uncompressed benchmark file.
std::vector<std::vector<std::uint8_t>> pagesOfBenchFile() {
  BenchSpec spec;
  spec.rows = 200000;
  spec.codec = Codec::uncompressed;
  const std::vector<std::uint8_t> file = writeBenchFile(spec);
  MemoryBudget budget(1ull << 30);
  ParquetFile opened(file.size(), budget);
  driveFromMemory(opened, file.data(), file.size());
  std::vector<std::vector<std::uint8_t>> pages;
  for (const RowGroup& group : opened.metadata().row_groups) {
    for (const ColumnChunk& chunk : group.columns) {
      const ChunkRange range = chunkRange(*chunk.meta_data);
      std::size_t at = static_cast<std::size_t>(range.offset);
      const std::size_t end = at + static_cast<std::size_t>(range.length);
      while (at < end) {
        const PageHeader h = parsePageHeader(file.data() + at, end - at);
        at += h.header_size;
        pages.emplace_back(file.begin() + static_cast<std::ptrdiff_t>(at),
                           file.begin() + static_cast<std::ptrdiff_t>(at + static_cast<std::size_t>(h.compressed_page_size)));
        at += static_cast<std::size_t>(h.compressed_page_size);
      }
    }
  }
  return pages;
}

struct Spread {
  double median, mad;
};

Spread spread(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const double median = v[v.size() / 2];
  std::vector<double> dev;
  for (double x : v) dev.push_back(std::fabs(x - median));
  std::sort(dev.begin(), dev.end());
  return {median, dev[dev.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 15;
  const auto pages = pagesOfBenchFile();
  std::size_t raw_bytes = 0;
  std::vector<std::vector<std::uint8_t>> streams[2];  // [0] ours, [1] Google's
  for (const auto& page : pages) {
    raw_bytes += page.size();
    std::vector<std::uint8_t> ours;
    tollgate::parquet::snappy::compress(page.data(), page.size(), ours);
    std::string google;
    ::snappy::Compress(reinterpret_cast<const char*>(page.data()), page.size(), &google);
    streams[0].push_back(std::move(ours));
    streams[1].emplace_back(google.begin(), google.end());
  }
  const char* const encoder[] = {"ours", "Google's"};  // decoders: our first, Google's
  std::size_t stream_bytes[2] = {0, 0};
  for (int e = 0; e < 2; ++e) {
    for (const auto& s : streams[e]) stream_bytes[e] += s.size();
  }
  std::printf("%zu pages, %zu bytes; compressed by ours to %zu bytes, by Google's to %zu\n", pages.size(), raw_bytes,
              stream_bytes[0], stream_bytes[1]);

  std::vector<std::uint8_t> out(raw_bytes);
  // [encoder][decoder]: seconds per round.
  std::vector<double> times[2][2];
  for (int round = 0; round < rounds; ++round) {
    for (int e = 0; e < 2; ++e) {
      for (int d = 0; d < 2; ++d) {
        const double start = tollgate::nowNs();
        std::size_t at = 0;
        for (std::size_t i = 0; i < pages.size(); ++i) {
          const auto& s = streams[e][i];
          if (d == 0) {
            handwritten::decompress(s.data(), s.size(), out.data() + at, pages[i].size());
          } else {
            // Google's decoder as the reader calls it, with its checks around.
            tollgate::parquet::snappy::decompress(s.data(), s.size(), out.data() + at, pages[i].size());
          }
          at += pages[i].size();
        }
        times[e][d].push_back((tollgate::nowNs() - start) / 1e9);
        // Every decode must give the pages back.
        at = 0;
        for (const auto& page : pages) {
          if (!std::equal(page.begin(), page.end(), out.begin() + static_cast<std::ptrdiff_t>(at))) {
            std::fprintf(stderr, "a decoder gave a page back wrong\n");
            return 1;
          }
          at += page.size();
        }
      }
    }
  }
  for (int e = 0; e < 2; ++e) {
    for (int d = 0; d < 2; ++d) {
      std::vector<double> mbps;
      for (double t : times[e][d]) mbps.push_back(static_cast<double>(raw_bytes) / t / 1e6);
      const Spread s = spread(mbps);
      std::printf("compressed by %-8s decoded by %-8s %8.0f MB/s +- %.0f (median, MAD of %d rounds)\n", encoder[e],
                  encoder[d], s.median, s.mad, rounds);
    }
  }
  // Paired per round (both decoders ran in the same round, so load shared by
  // the machine mostly cancels): our time over Google's.
  for (int e = 0; e < 2; ++e) {
    std::vector<double> ratio;
    for (int r = 0; r < rounds; ++r) ratio.push_back(times[e][0][r] / times[e][1][r]);
    const Spread s = spread(ratio);
    std::printf("compressed by %-8s our decoder's time / Google's: %.3f +- %.3f\n", encoder[e], s.median, s.mad);
  }
  return 0;
}
