#pragma once
// Shared by the extraction tests: the pipeline run whole, run in pieces, its
// canonical JSON parsed back for field-by-field checks, and the check that text
// came out valid.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "extractor.h"
#include "json_writer.h"
#include "utf8.h"

namespace tollgate::extraction::test {

inline std::string extractJson(Format format, std::string_view document) {
  ResultBuffers out;
  extractDocument(format, document.data(), document.size(), out);
  return resultJson(out);
}

inline nlohmann::json extract(Format format, std::string_view document) {
  return nlohmann::json::parse(extractJson(format, document));
}

// The same document fed in pieces of `piece` bytes, each piece's output taken
// out and the buffers emptied (as the streaming adapter does), then reassembled.
inline std::string extractInPieces(Format format, std::string_view document, std::size_t piece) {
  ResultBuffers chunk, whole;
  Extraction extraction(format, chunk);
  whole.format = format;
  for (std::size_t i = 0; i < document.size(); i += piece) {
    const std::size_t n = std::min(piece, document.size() - i);
    extraction.feed(document.data() + i, n);
    whole.append(chunk);
    const Format f = chunk.format;
    chunk.clear();
    chunk.format = f;
  }
  extraction.finish();
  whole.append(chunk);
  return resultJson(whole);
}

// Valid UTF-8 when the sanitizer finds nothing to replace (it would also drop a
// leading U+FEFF and turn a CR from "&#13;" into LF: those are valid text).
inline bool isValidUtf8(std::string_view text) {
  struct Discard : Utf8Sanitizer::Sink {
    void clean(std::string_view) override {}
  } sink;
  Utf8Sanitizer s(sink);
  s.feed(reinterpret_cast<const unsigned char*>(text.data()), text.size());
  s.finish();
  return s.replacements() == 0;
}

}  // namespace tollgate::extraction::test
