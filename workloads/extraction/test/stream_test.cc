// The push pipeline split anywhere gives the same result, and a stream hands
// over its metadata before anything else and holds one chunk at a time.

#include <gtest/gtest.h>

#include <string>

#include "corpus.h"
#include "extract_helpers.h"
#include "extraction_session.h"
#include "tollgate/alloc_hook.h"

namespace tollgate::extraction {
namespace {

struct Doc {
  Format format;
  std::string bytes;
};

std::vector<Doc> corpusDocs() {
  std::vector<Doc> docs;
  for (Format f : {Format::html, Format::markdown, Format::text, Format::csv}) {
    docs.push_back({f, corpus::generateDocument({f, 20000, 7})});
  }
  return docs;
}

TEST(Pieces, CorpusDocumentsGiveTheSameResultInPiecesOfAnySize) {
  for (const Doc& d : corpusDocs()) {
    const std::string whole = test::extractJson(d.format, d.bytes);
    for (std::size_t piece : {1, 7, 100, 4096}) {
      EXPECT_EQ(test::extractInPieces(d.format, d.bytes, piece), whole) << formatName(d.format) << " / " << piece;
    }
  }
}

// Reads a stream as JS does: one header per chunk, in order.
std::string streamJson(Format format, const std::string& doc, std::size_t chunk_bytes, int* metadata_chunk,
                       bool* anything_before_metadata) {
  ExtractionStream stream(format, chunk_bytes);
  ResultBuffers whole;
  whole.format = format;
  *metadata_chunk = -1;
  *anything_before_metadata = false;
  std::size_t offset = 0;
  int index = 0;
  do {
    const std::size_t n = std::min(chunk_bytes, doc.size() - offset);
    std::copy(doc.data() + offset, doc.data() + offset + n, stream.inputBuffer());
    offset += n;
    stream.next(n, offset == doc.size());
    const ResultBuffers& chunk = stream.chunk();
    if (chunk.metadata_ready) {
      EXPECT_EQ(*metadata_chunk, -1) << "metadata handed over twice";
      *metadata_chunk = index;
    } else if (*metadata_chunk == -1 && (!chunk.content.empty() || !chunk.headings.empty() || !chunk.links.empty() ||
                                         !chunk.images.empty() || !chunk.rows.empty())) {
      *anything_before_metadata = true;
    }
    whole.append(chunk);
    ++index;
  } while (offset < doc.size());
  return resultJson(whole);
}

TEST(Stream, MetadataComesOnceAndFirstAndTheResultIsTheWholeDocuments) {
  for (const Doc& d : corpusDocs()) {
    const std::string whole = test::extractJson(d.format, d.bytes);
    for (std::size_t chunk : {1, 333, 65536}) {
      int metadata_chunk;
      bool early;
      EXPECT_EQ(streamJson(d.format, d.bytes, chunk, &metadata_chunk, &early), whole) << formatName(d.format);
      EXPECT_GE(metadata_chunk, 0) << formatName(d.format) << " / " << chunk;
      EXPECT_FALSE(early) << formatName(d.format) << ": content before the metadata, chunks of " << chunk;
    }
  }
}

TEST(Stream, AnEmptyDocumentIsOneEmptyLastChunk) {
  int metadata_chunk;
  bool early;
  EXPECT_EQ(streamJson(Format::html, "", 16, &metadata_chunk, &early), test::extractJson(Format::html, ""));
  EXPECT_EQ(metadata_chunk, 0);
}

// The headline of the streaming adapter: what it holds follows the chunk size,
// not the document's. Counted by the allocation hook, so exact and the same in
// every run.
TEST(Stream, PeakHeapFollowsTheChunkSizeNotTheDocumentSize) {
  const std::string doc = corpus::generateDocument({Format::html, 10'000'000, 1});
  const std::size_t chunk = 64 * 1024;

  resetAllocCounters();
  std::uint64_t base = allocStats().live_bytes;
  {
    ExtractionStream stream(Format::html, chunk);
    for (std::size_t offset = 0; offset < doc.size(); offset += chunk) {
      const std::size_t n = std::min(chunk, doc.size() - offset);
      std::copy(doc.data() + offset, doc.data() + offset + n, stream.inputBuffer());
      stream.next(n, offset + n == doc.size());
    }
  }
  const std::uint64_t streaming_peak = allocStats().peak_live_bytes - base;

  resetAllocCounters();
  base = allocStats().live_bytes;
  {
    ResultBuffers result;
    extractDocument(Format::html, doc.data(), doc.size(), result);
  }
  const std::uint64_t whole_peak = allocStats().peak_live_bytes - base;

  EXPECT_LT(streaming_peak, 1u << 20) << "streaming held " << streaming_peak << " bytes";
  EXPECT_GT(whole_peak, 5'000'000u);  // the whole content and records
}

}  // namespace
}  // namespace tollgate::extraction
