// The benchmark module's extra: the corpus generator, so the driver prepares the
// same documents in Node and Chromium as the native runner does. Not linked into
// the minimal, standard and complete builds, whose sizes are what users ship.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <string>

#include "corpus.h"
#include "tollgate/js_errors.h"

namespace tollgate::extraction {
namespace {

using emscripten::val;

// A generated document as a JS-owned Uint8Array: the user's bytes, as they would
// arrive from a fetch or a file, before any adapter touches them.
val generateDocument(const std::string& format, std::size_t bytes, double seed, const std::string& corpus) {
  return jsErrors([&] {
    const std::string doc = corpus::generateDocument(
        {parseFormat(format), bytes, static_cast<std::uint64_t>(seed), corpus::parseCorpus(corpus)});
    return val(emscripten::typed_memory_view(doc.size(), reinterpret_cast<const unsigned char*>(doc.data())))
        .call<val>("slice");
  });
}

}  // namespace
}  // namespace tollgate::extraction

EMSCRIPTEN_BINDINGS(tollgate_extraction_corpus) {
  emscripten::function("generateDocument", &tollgate::extraction::generateDocument);
}
