// The extraction workload, native: the kernel called directly on the same
// generated documents the wasm adapters get. Every operation is `count`
// documents; the digest is that of the JSON array of their results, as in JS.
// first_result has no instantiation here: it is the extraction alone, the floor
// the wasm builds' instantiate-and-extract is compared with.

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "corpus.h"
#include "extractor.h"
#include "json_writer.h"
#include "tollgate/native_case.h"
#include "tollgate/probe.h"

namespace tollgate::native {
namespace {

namespace ex = tollgate::extraction;

class ExtractCase final : public NativeCase {
 public:
  explicit ExtractCase(const SuiteCase& c) : c_(c), format_(ex::parseFormat(c.params.at("format").get<std::string>())) {}

  void prepare() override {
    const auto bytes = c_.params.at("bytes").get<std::size_t>();
    const auto seed = c_.params.at("seed").get<std::uint64_t>();
    const auto count = c_.params.value("count", std::size_t{1});
    const auto corpus = ex::corpus::parseCorpus(c_.params.value("corpus", std::string("generated")));
    for (std::size_t i = 0; i < count; ++i) {
      documents_.push_back(ex::corpus::generateDocument({format_, bytes, seed + i, corpus}));
    }
    results_.resize(count);
  }
  void beforeOp() override {
    // Fresh results, as a stateless extract(bytes) gives; the old ones are freed
    // outside the timed region.
    for (ex::ResultBuffers& r : results_) r = ex::ResultBuffers();
  }
  void runOp() override {
    TOLLGATE_PHASE(compute);
    for (std::size_t i = 0; i < documents_.size(); ++i) {
      ex::extractDocument(format_, documents_[i].data(), documents_[i].size(), results_[i]);
    }
  }
  std::string resultDigest() override { return ex::batchDigest(results_); }
  std::map<std::string, std::uint64_t> counters() override {
    std::uint64_t bytes = 0;
    for (const std::string& d : documents_) bytes += d.size();
    return {{"document_bytes", bytes}};
  }

 private:
  SuiteCase c_;
  ex::Format format_;
  std::vector<std::string> documents_;
  std::vector<ex::ResultBuffers> results_;
};

const RegisterWorkload kRegistered("extraction", [](const SuiteCase& c, const std::string&) -> std::unique_ptr<NativeCase> {
  if (c.operation == "extract" || c.operation == "first_result") return std::make_unique<ExtractCase>(c);
  throw std::runtime_error("the extraction workload has no operation '" + c.operation + "'");
});

}  // namespace
}  // namespace tollgate::native
