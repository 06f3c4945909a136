// The example workload, native: the kernel called directly, the no-boundary
// floor every wasm adapter is compared with. The digest is the one the JS
// adapters compute, so "the same results in every runtime" is a string check.

#include <memory>
#include <stdexcept>

#include "kernel.h"
#include "tollgate/digest.h"
#include "tollgate/native_case.h"

namespace {

class HashCase final : public tollgate::native::NativeCase {
 public:
  explicit HashCase(const tollgate::SuiteCase& c)
      : count_(c.params.at("count").get<std::size_t>()),
        rounds_(c.params.at("rounds").get<std::uint32_t>()),
        seed_(c.params.at("seed").get<std::uint64_t>()) {}
  void prepare() override {
    in_ = example::makeValues(count_, seed_);
    out_.resize(count_);
  }
  void runOp() override { example::hashAll(in_.data(), out_.data(), count_, rounds_); }
  std::string resultDigest() override {
    tollgate::Fnv1a32 digest;
    for (std::uint32_t h : out_) digest.addU32(h);
    return digest.text();
  }

 private:
  std::size_t count_;
  std::uint32_t rounds_;
  std::uint64_t seed_;
  std::vector<std::uint32_t> in_, out_;
};

// TOLLGATE_WORKLOAD_NAME is the suite's "workload", defined by tollgate_add_workload.
const tollgate::native::RegisterWorkload kRegistered(
    TOLLGATE_WORKLOAD_NAME, [](const tollgate::SuiteCase& c, const std::string&) -> std::unique_ptr<tollgate::native::NativeCase> {
      if (c.operation == "hash") return std::make_unique<HashCase>(c);
      throw std::runtime_error("no native case for operation '" + c.operation + "'");
    });

}  // namespace
