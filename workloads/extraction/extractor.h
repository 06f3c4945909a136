#pragma once
// Extraction as a push pipeline: raw bytes in pieces split anywhere ->
// InputDecoder (the document's encoding, sniffed as browsers do, to UTF-8) ->
// Utf8Sanitizer -> the format's extractor -> Output (content and records).
// Every adapter runs this same pipeline; the whole-document ones feed it once,
// the streaming one a chunk at a time. That is why they agree byte for byte.
//
// Which formats exist is decided at link time: each build links one
// registration file (formats_minimal.cc, formats_standard.cc,
// formats_complete.cc) defining formatHandlers().

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "input_decoder.h"
#include "output.h"
#include "result.h"
#include "utf8.h"

namespace tollgate::extraction {

class FormatExtractor {
 public:
  explicit FormatExtractor(Output& out) : out_(out) {}
  virtual ~FormatExtractor() = default;
  // Valid UTF-8 with LF line ends, whole characters, split anywhere between them.
  virtual void feed(std::string_view text) = 0;
  virtual void finish() = 0;
  // Back to the state of a fresh extractor, keeping buffers (pooled reuse).
  virtual void reset() = 0;

 protected:
  Output& out_;
};

using ExtractorFactory = std::unique_ptr<FormatExtractor> (*)(Output&);

struct FormatHandler {
  Format format;
  ExtractorFactory make;
};

// Defined by the build's registration file.
const std::vector<FormatHandler>& formatHandlers();
const char* buildName();

// "text,markdown,csv" for a minimal build, and so on.
std::vector<std::string> supportedFormats();
// Throws InputError naming the build and what it supports.
ExtractorFactory handlerFor(Format format);

class Extraction : private Utf8Sanitizer::Sink {
 public:
  // Writes into `out`, which it clears. Throws InputError for a format this build lacks.
  Extraction(Format format, ResultBuffers& out);
  ~Extraction() override;

  // Throws InputError when the document declares an encoding this build lacks.
  void feed(const void* data, std::size_t size);
  void finish();
  // Starts a new document, writing into `out` (cleared), reusing every
  // allocation of the extractor; throws InputError as the constructor does.
  void reset(Format format, ResultBuffers& out);

  Format format() const { return format_; }
  std::uint64_t bytesFed() const { return bytes_fed_; }

 private:
  void clean(std::string_view text) override { extractor_->feed(text); }

  Format format_;
  ResultBuffers* buffers_;
  Output output_;
  std::unique_ptr<FormatExtractor> extractor_;
  Utf8Sanitizer sanitizer_;
  InputDecoder input_;
  std::uint64_t bytes_fed_ = 0;
};

// The whole document at once (the whole-document adapters and native runner).
// Throws InputError past kMaxDocumentBytes.
void extractDocument(Format format, const void* data, std::size_t size, ResultBuffers& out);

}  // namespace tollgate::extraction
