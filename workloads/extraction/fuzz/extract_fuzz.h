#pragma once
// Shared by the extraction fuzz targets: one document through the pipeline whole,
// its canonical JSON checked to be JSON. A refusal (InputError) is a fine outcome;
// anything else (a sanitizer report, another exception, JSON that does not
// parse) is a bug, reported by abort() so that libFuzzer keeps the input.

#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "extractor.h"
#include "json_writer.h"
#include "tollgate/errors.h"

namespace tollgate::extraction::fuzz {

[[noreturn]] inline void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
  std::abort();
}

// The canonical JSON of `document`, or "" when the pipeline refused it.
inline std::string extractWhole(Format format, const std::uint8_t* data, std::size_t size) {
  ResultBuffers out;
  try {
    extractDocument(format, data, size, out);
  } catch (const InputError&) {
    return "";
  }
  std::string json = resultJson(out);
  if (!nlohmann::json::accept(json)) fail("the canonical JSON does not parse", json.substr(0, 200));
  return json;
}

}  // namespace tollgate::extraction::fuzz
