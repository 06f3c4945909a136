#pragma once
// The module-side half of the extraction adapters, plain C++ (the embind file
// binds it; tests call it directly). Each method is the work of one call across
// the boundary, its compute and serialize phases probed.
//
//   copy_json     extractJson: bytes the binding copied in, a fresh extraction,
//                 the canonical JSON text out (the seed's serde path)
//   zero_copy     inputBuffer + extractStaged: JS writes the document into a
//                 session-owned buffer; the result stays in linear memory and JS
//                 reads it through the header (result_layout.h)
//   pooled_batch  batchSizes + extractBatch: many documents back to back in the
//                 input buffer, one call; a pool of result buffers and one
//                 extractor reused, reset between documents, so after the first
//                 batch nothing is allocated
//   streaming     ExtractionStream: the document pushed a chunk at a time, each
//                 call returning only what that chunk produced (metadata first)

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "extractor.h"
#include "result_layout.h"

namespace tollgate::extraction {

class ExtractionSession {
 public:
  std::string extractJson(Format format, const void* data, std::size_t size);

  // The input buffer, grown to hold `size` bytes. Growing may move it (and grow
  // wasm memory): callers take the pointer again after each call.
  unsigned char* inputBuffer(std::size_t size);
  // Extracts the first `size` bytes of the input buffer into a fresh result,
  // kept until the next call; returns its header.
  const std::uint32_t* extractStaged(Format format, std::size_t size);
  const ResultBuffers& stagedResult() const { return *staged_; }

  // Room for `count` document sizes, which JS fills before extractBatch.
  std::uint32_t* batchSizes(std::size_t count);
  // The documents whose sizes batchSizes holds, back to back in the input
  // buffer: `count` headers, one per document, in a row.
  const std::uint32_t* extractBatch(Format format, std::size_t count);
  const ResultBuffers& batchResult(std::size_t i) const { return pool_[i]; }

 private:
  std::vector<unsigned char> input_;
  std::unique_ptr<ResultBuffers> staged_ = std::make_unique<ResultBuffers>();
  ResultHeader staged_header_{};
  std::vector<std::uint32_t> sizes_;
  std::vector<ResultBuffers> pool_;
  std::unique_ptr<Extraction> pooled_;
  std::vector<std::uint32_t> batch_headers_;
  std::vector<TextForms> batch_forms_;
  Utf16Text text_;  // what the headers' content and strings point at
};

class ExtractionStream {
 public:
  // Throws InputError for a format this build lacks or a chunk size of 0 or
  // past kMaxDocumentBytes.
  ExtractionStream(Format format, std::size_t chunk_bytes);

  unsigned char* inputBuffer() { return input_.data(); }
  std::size_t capacity() const { return input_.size(); }
  // Reads the next `size` bytes JS wrote into the input buffer (`last` ends the
  // document) and returns the header of what they produced. The previous
  // chunk's buffers are emptied first: read each header before the next call.
  const std::uint32_t* next(std::size_t size, bool last);
  const ResultBuffers& chunk() const { return chunk_; }

 private:
  std::vector<unsigned char> input_;
  ResultBuffers chunk_;
  Extraction extraction_;
  ResultHeader header_{};
  Utf16Text text_;
  bool finished_ = false;
};

}  // namespace tollgate::extraction
