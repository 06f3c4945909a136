#include "dataset.h"

#include "tollgate/errors.h"
#include "vector_limits.h"
#include "tollgate/splitmix64.h"

namespace tollgate::vector {
namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return splitmix64(state_); }
  // Uniform in [-1, 1): 24 random bits, exactly representable.
  float symmetric() {
    return static_cast<float>(static_cast<std::int32_t>(next() >> 40) - (1 << 23)) * 0x1.0p-23f;
  }

 private:
  std::uint64_t state_;
};

constexpr std::size_t kClusters = 32;

}  // namespace

Distribution parseDistribution(const std::string& name) {
  if (name == "uniform") return Distribution::uniform;
  if (name == "clustered") return Distribution::clustered;
  throw InputError("unknown distribution '" + name + "' (expected uniform or clustered)");
}

std::vector<float> generateVectors(const DatasetSpec& spec) {
  checkRange("dimension", spec.dim, 1, kMaxDim);
  // Divided, not multiplied: the product could wrap and allocate too little.
  if (spec.count > kMaxFloats / spec.dim) {
    throw InputError("data set of " + std::to_string(spec.count) + " vectors of dimension " + std::to_string(spec.dim) +
                     " exceeds the limit of " + std::to_string(kMaxFloats) + " floats");
  }
  Rng rng(spec.seed);
  std::vector<float> out(spec.count * spec.dim);
  if (spec.distribution == Distribution::uniform) {
    for (float& v : out) v = rng.symmetric();
    return out;
  }
  std::vector<float> centres(kClusters * spec.dim);
  for (float& c : centres) c = rng.symmetric();
  for (std::size_t i = 0; i < spec.count; ++i) {
    const float* centre = centres.data() + (rng.next() % kClusters) * spec.dim;
    for (std::size_t d = 0; d < spec.dim; ++d) {
      const float noise = (rng.symmetric() + rng.symmetric()) + (rng.symmetric() + rng.symmetric());
      out[i * spec.dim + d] = centre[d] + 0.125f * noise;
    }
  }
  return out;
}

}  // namespace tollgate::vector
