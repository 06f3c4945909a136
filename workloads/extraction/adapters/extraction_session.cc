#include "extraction_session.h"

#include <string>

#include "json_writer.h"
#include "extraction_limits.h"
#include "tollgate/errors.h"
#include "tollgate/probe.h"

namespace tollgate::extraction {

std::string ExtractionSession::extractJson(Format format, const void* data, std::size_t size) {
  ResultBuffers result;  // fresh per call, as a stateless extract(bytes) API has it
  {
    TOLLGATE_PHASE(compute);
    extractDocument(format, data, size, result);
  }
  TOLLGATE_PHASE(serialize);
  std::string json = resultJson(result);
  countBytesOut(json.size());
  return json;
}

unsigned char* ExtractionSession::inputBuffer(std::size_t size) {
  if (size > kMaxDocumentBytes) {
    throw InputError("an input buffer of " + std::to_string(size) + " bytes is past the " +
                     std::to_string(kMaxDocumentBytes >> 20) + " MiB limit");
  }
  if (input_.size() < size) input_.resize(size);
  return input_.data();
}

const std::uint32_t* ExtractionSession::extractStaged(Format format, std::size_t size) {
  if (size > input_.size()) {
    throw InputError("staged " + std::to_string(size) + " bytes, but the input buffer holds " +
                     std::to_string(input_.size()) + ": call inputBuffer() with the size first");
  }
  auto fresh = std::make_unique<ResultBuffers>();
  {
    TOLLGATE_PHASE(compute);
    extractDocument(format, input_.data(), size, *fresh);
  }
  staged_ = std::move(fresh);  // the previous result is freed only once this one exists
  TOLLGATE_PHASE(serialize);
  text_.clear();
  writeHeader(*staged_, text_, staged_header_.data());
  return staged_header_.data();
}

std::uint32_t* ExtractionSession::batchSizes(std::size_t count) {
  if (count == 0 || count > (kMaxDocumentBytes >> 4)) {
    throw InputError("a batch of " + std::to_string(count) + " documents: expected 1 to " +
                     std::to_string(kMaxDocumentBytes >> 4));
  }
  if (sizes_.size() < count) sizes_.resize(count);
  return sizes_.data();
}

const std::uint32_t* ExtractionSession::extractBatch(Format format, std::size_t count) {
  if (count == 0 || count > sizes_.size()) {
    throw InputError("a batch of " + std::to_string(count) + " documents, but sizes were given for " +
                     std::to_string(sizes_.size()) + ": call batchSizes() first");
  }
  std::size_t total = 0;
  for (std::size_t i = 0; i < count; ++i) total += sizes_[i];
  if (total > input_.size()) {
    throw InputError("the batch's sizes add up to " + std::to_string(total) + " bytes, but the input buffer holds " +
                     std::to_string(input_.size()));
  }
  // Checked before anything changes: a refused batch leaves the pool as it was.
  handlerFor(format);
  if (pool_.size() < count) pool_.resize(count);
  {
    TOLLGATE_PHASE(compute);
    std::size_t offset = 0;
    for (std::size_t i = 0; i < count; ++i) {
      // The arena reset: the same extractor and the same result buffers every
      // time, emptied but keeping their capacity.
      if (!pooled_) pooled_ = std::make_unique<Extraction>(format, pool_[i]);
      else pooled_->reset(format, pool_[i]);
      pooled_->feed(input_.data() + offset, sizes_[i]);
      pooled_->finish();
      offset += sizes_[i];
    }
  }
  TOLLGATE_PHASE(serialize);
  batch_headers_.resize(count * kHeaderWordCount);
  text_.clear();
  // Every header's UTF-16 text in one buffer that does not move: room for the
  // texts that are not ASCII only (ASCII ones reach JS as they are).
  batch_forms_.resize(count);
  std::size_t units = 0;
  for (std::size_t i = 0; i < count; ++i) units += (batch_forms_[i] = textForms(pool_[i])).utf16_units;
  text_.reserve(units);
  for (std::size_t i = 0; i < count; ++i) {
    writeHeader(pool_[i], batch_forms_[i], text_, &batch_headers_[i * kHeaderWordCount]);
  }
  return batch_headers_.data();
}

namespace {

std::size_t checkedChunk(std::size_t chunk_bytes) {
  if (chunk_bytes == 0 || chunk_bytes > kMaxDocumentBytes) {
    throw InputError("chunk size " + std::to_string(chunk_bytes) + ": expected 1 to " +
                     std::to_string(kMaxDocumentBytes) + " bytes");
  }
  return chunk_bytes;
}

}  // namespace

ExtractionStream::ExtractionStream(Format format, std::size_t chunk_bytes)
    : input_(checkedChunk(chunk_bytes)), extraction_(format, chunk_) {}

const std::uint32_t* ExtractionStream::next(std::size_t size, bool last) {
  if (finished_) throw InputError("the stream is finished: its last chunk was already read");
  if (size > input_.size()) {
    throw InputError("a chunk of " + std::to_string(size) + " bytes, but the input buffer holds " +
                     std::to_string(input_.size()));
  }
  const Format format = chunk_.format;
  chunk_.clear();  // JS has read the previous chunk
  chunk_.format = format;
  {
    TOLLGATE_PHASE(compute);
    extraction_.feed(input_.data(), size);
    if (last) {
      extraction_.finish();
      finished_ = true;
    }
  }
  TOLLGATE_PHASE(serialize);
  text_.clear();
  writeHeader(chunk_, text_, header_.data());
  return header_.data();
}

}  // namespace tollgate::extraction
