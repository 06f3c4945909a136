#include "extractor.h"

#include "extraction_limits.h"
#include "tollgate/errors.h"
#include "tollgate/inject.h"

namespace tollgate::extraction {

// What one byte fed is worth to the injection (tollgate/inject.h), per format:
// about one percent more instructions per percent injected.
constexpr std::uint64_t kInjectCostPerByte[kFormatCount] = {800, 1870, 3470, 1670, 1670};

std::vector<std::string> supportedFormats() {
  std::vector<std::string> names;
  for (const FormatHandler& h : formatHandlers()) names.emplace_back(formatName(h.format));
  return names;
}

ExtractorFactory handlerFor(Format format) {
  for (const FormatHandler& h : formatHandlers()) {
    if (h.format == format) return h.make;
  }
  std::string known;  // built only to refuse: the pooled path must not allocate
  for (const FormatHandler& h : formatHandlers()) {
    known += known.empty() ? "" : ", ";
    known += formatName(h.format);
  }
  throw InputError("format '" + std::string(formatName(format)) + "' is not in the " + buildName() +
                   " build (it has: " + known + ")");
}

Extraction::Extraction(Format format, ResultBuffers& out)
    : format_(format),
      buffers_(&out),
      output_(out),
      extractor_(handlerFor(format)(output_)),
      sanitizer_(*this),
      input_(format, sanitizer_) {
  buffers_->clear();
  buffers_->format = format;
}

Extraction::~Extraction() = default;

void Extraction::feed(const void* data, std::size_t size) {
  injectedWork(size * kInjectCostPerByte[static_cast<int>(format_)]);  // off unless a gate proof asks
  bytes_fed_ += size;
  input_.feed(static_cast<const unsigned char*>(data), size);
  buffers_->encoding = input_.encoding();
  output_.syncTotals();
}

void Extraction::finish() {
  input_.finish();
  buffers_->encoding = input_.encoding();
  sanitizer_.finish();
  extractor_->finish();
  output_.metadataReady();  // a document with no content still has (empty) metadata
  output_.syncTotals();
  buffers_->finished = true;
}

void Extraction::reset(Format format, ResultBuffers& out) {
  if (format != format_) {
    extractor_ = handlerFor(format)(output_);
    format_ = format;
  } else {
    extractor_->reset();
  }
  buffers_ = &out;
  output_.retarget(out);
  output_.reset();
  sanitizer_.reset();
  input_.reset(format);
  buffers_->clear();
  buffers_->format = format;
  bytes_fed_ = 0;
}

void extractDocument(Format format, const void* data, std::size_t size, ResultBuffers& out) {
  if (size > kMaxDocumentBytes) {
    throw InputError("document of " + std::to_string(size) + " bytes is past the " +
                     std::to_string(kMaxDocumentBytes >> 20) + " MiB limit of whole-document extraction " +
                     "(the streaming adapter has none)");
  }
  Extraction extraction(format, out);
  extraction.feed(data, size);
  extraction.finish();
}

}  // namespace tollgate::extraction
