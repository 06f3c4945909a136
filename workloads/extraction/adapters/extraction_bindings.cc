// The extraction workload's boundary, as JS sees it (embind). The same file is
// linked into every build (minimal, standard, complete and the benchmark
// module); which formats answer is decided by the registration file linked
// beside it.
//
//   ExtractionSession.extractJson(format, Uint8Array) -> string   copy_json
//   ExtractionSession.inputBuffer(n) / extractStaged(format, n)    zero_copy
//   ExtractionSession.batchSizes(count) / extractBatch(format, count)  pooled_batch
//   ExtractionStream(format, chunkBytes).inputBuffer() / next(n, last)  streaming
//   supportedFormats(), buildName(), headerLayout(), encodingNames()
//
// Pointers come back as numbers (offsets into linear memory). Errors come back to
// JS as Error objects carrying the C++ message.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <string>

#include "extraction_session.h"
#include "tollgate/errors.h"
#include "tollgate/js_errors.h"
#include "tollgate/probe.h"

namespace tollgate::extraction {
namespace {

using emscripten::val;

template <typename T>
std::uintptr_t address(T* p) {
  return reinterpret_cast<std::uintptr_t>(p);
}

class SessionHandle {
 public:
  // The naive path: the binding copies the JS bytes into a buffer of its own,
  // and the result goes back as a JSON string (which embind decodes into a JS
  // string on the way out).
  std::string extractJson(const std::string& format, const val& bytes) {
    return jsErrors([&] {
      const Format f = parseFormat(format);
      if (!bytes.instanceof(val::global("Uint8Array"))) {
        throw InputError("extractJson takes the document as a Uint8Array of its bytes");
      }
      std::string document;
      {
        TOLLGATE_PHASE(copy_in);
        const std::size_t length = bytes["length"].as<std::size_t>();
        document.resize(length);
        val(emscripten::typed_memory_view(length, reinterpret_cast<unsigned char*>(document.data())))
            .call<void>("set", bytes);
        countBytesIn(length);
      }
      return session_.extractJson(f, document.data(), document.size());
    });
  }

  std::uintptr_t inputBuffer(std::size_t size) {
    return jsErrors([&] { return address(session_.inputBuffer(size)); });
  }
  std::uintptr_t extractStaged(const std::string& format, std::size_t size) {
    return jsErrors([&] { return address(session_.extractStaged(parseFormat(format), size)); });
  }
  std::uintptr_t batchSizes(std::size_t count) {
    return jsErrors([&] { return address(session_.batchSizes(count)); });
  }
  std::uintptr_t extractBatch(const std::string& format, std::size_t count) {
    return jsErrors([&] { return address(session_.extractBatch(parseFormat(format), count)); });
  }

 private:
  ExtractionSession session_;
};

class StreamHandle {
 public:
  StreamHandle(const std::string& format, std::size_t chunk_bytes)
      : stream_(jsErrors([&] { return std::make_unique<ExtractionStream>(parseFormat(format), chunk_bytes); })) {}

  std::uintptr_t inputBuffer() { return address(stream_->inputBuffer()); }
  std::size_t capacity() { return stream_->capacity(); }
  std::uintptr_t next(std::size_t size, bool last) {
    return jsErrors([&] { return address(stream_->next(size, last)); });
  }

 private:
  std::unique_ptr<ExtractionStream> stream_;
};

std::string supportedFormatList() {
  std::string list;
  for (const std::string& name : supportedFormats()) list += (list.empty() ? "" : ",") + name;
  return list;
}

std::string buildNameString() { return buildName(); }
std::string headerLayout() { return kHeaderLayout; }
std::string encodingNames() { return encodingNameList(); }

}  // namespace
}  // namespace tollgate::extraction

EMSCRIPTEN_BINDINGS(tollgate_extraction) {
  using tollgate::extraction::SessionHandle;
  using tollgate::extraction::StreamHandle;
  emscripten::class_<SessionHandle>("ExtractionSession")
      .constructor<>()
      .function("extractJson", &SessionHandle::extractJson)
      .function("inputBuffer", &SessionHandle::inputBuffer)
      .function("extractStaged", &SessionHandle::extractStaged)
      .function("batchSizes", &SessionHandle::batchSizes)
      .function("extractBatch", &SessionHandle::extractBatch);
  emscripten::class_<StreamHandle>("ExtractionStream")
      .constructor<const std::string&, std::size_t>()
      .function("inputBuffer", &StreamHandle::inputBuffer)
      .function("capacity", &StreamHandle::capacity)
      .function("next", &StreamHandle::next);
  emscripten::function("supportedFormats", &tollgate::extraction::supportedFormatList);
  emscripten::function("buildName", &tollgate::extraction::buildNameString);
  emscripten::function("headerLayout", &tollgate::extraction::headerLayout);
  emscripten::function("encodingNames", &tollgate::extraction::encodingNames);
}
