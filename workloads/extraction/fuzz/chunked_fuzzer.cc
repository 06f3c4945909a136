// Differential: a document fed whole, fed in pieces of pseudo-random sizes (1 byte
// to 4 KiB, split anywhere, inside a character or a tag), and streamed through
// the streaming adapter's session must give the same canonical result. The
// format and the piece sizes follow from the input itself, so any document is a
// seed as it is and a failure reproduces from its file alone.

#include <algorithm>
#include <string>

#include "extract_fuzz.h"
#include "extraction_session.h"
#include "tollgate/fuzz.h"

namespace tollgate::extraction::fuzz {
namespace {

std::uint64_t hashOf(const std::uint8_t* data, std::size_t size) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 1099511628211ull;
  return h;
}

std::string inPieces(Format format, const std::uint8_t* data, std::size_t size, std::uint64_t seed) {
  ResultBuffers chunk, whole;
  Extraction extraction(format, chunk);
  whole.format = format;
  for (std::size_t i = 0; i < size;) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    // Mostly tiny pieces (where splits hurt), sometimes large ones.
    const std::size_t piece = (seed >> 60) < 12 ? 1 + (seed >> 33) % 8 : 1 + (seed >> 33) % 4096;
    const std::size_t n = std::min(piece, size - i);
    extraction.feed(data + i, n);
    i += n;
    whole.append(chunk);
    chunk.clear();
    chunk.format = format;
  }
  extraction.finish();
  whole.append(chunk);
  return resultJson(whole);
}

std::string streamed(Format format, const std::uint8_t* data, std::size_t size, std::size_t chunk_bytes) {
  ExtractionStream stream(format, chunk_bytes);
  ResultBuffers whole;
  whole.format = format;
  std::size_t offset = 0;
  do {
    const std::size_t n = std::min(chunk_bytes, size - offset);
    std::copy(data + offset, data + offset + n, stream.inputBuffer());
    offset += n;
    stream.next(n, offset == size);
    whole.append(stream.chunk());
  } while (offset < size);
  return resultJson(whole);
}

}  // namespace
}  // namespace tollgate::extraction::fuzz

TOLLGATE_FUZZ_TARGET(data, size) {
  using namespace tollgate::extraction;
  static const Format kFormats[] = {Format::html, Format::markdown, Format::csv, Format::text, Format::xml};
  const Format format = kFormats[size % 5];
  const std::string whole = fuzz::extractWhole(format, data, size);
  if (whole.empty()) return;  // refused whole: nothing to compare
  const std::uint64_t seed = fuzz::hashOf(data, size);
  const std::string pieces = fuzz::inPieces(format, data, size, seed);
  if (pieces != whole) fuzz::fail("fed in pieces, the result differs", std::string(formatName(format)));
  const std::size_t chunk_bytes = 1 + seed % 512;
  const std::string stream = fuzz::streamed(format, data, size, chunk_bytes);
  if (stream != whole) {
    fuzz::fail("streamed, the result differs", std::string(formatName(format)) + " in chunks of " + std::to_string(chunk_bytes));
  }
}
