// The known program for the native runner (test builds only: see runners/native).
#include <string>

#include "tollgate/native_case.h"
#include "known_program.h"
#include "tollgate/digest.h"

namespace tollgate::native {
namespace {

class RunCase final : public NativeCase {
 public:
  explicit RunCase(const SuiteCase& c) : iterations_(c.params.at("iterations").get<std::uint32_t>()) {}
  void prepare() override {}
  void runOp() override { result_ = std::to_string(program_.run(iterations_)); }
  std::string resultDigest() override {
    Fnv1a32 d;
    d.addBytes(result_.data(), result_.size());
    return d.text();
  }

 private:
  std::uint32_t iterations_;
  profile_target::KnownProgram program_;
  std::string result_;
};

const RegisterWorkload kRegistered("profile_target", [](const SuiteCase& c, const std::string&) -> std::unique_ptr<NativeCase> {
  return std::make_unique<RunCase>(c);
});

}  // namespace
}  // namespace tollgate::native
