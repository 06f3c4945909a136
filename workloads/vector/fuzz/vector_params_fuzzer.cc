// The vector adapters' input validation, as the bindings reach it: index
// parameters as JS numbers (any double: NaN, -1, 2^31, 1.5), then a sequence of
// inserts and searches with floats straight from the input (NaN, infinities,
// subnormals, 1e38) and any k. Acceptable: done, or refused with InputError and
// the index unchanged. Distances are never NaN; ids are in range or kNoId.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "adapters/vector_session.h"
#include "tollgate/errors.h"
#include "tollgate/fuzz.h"
#include "vector_limits.h"

namespace tollgate::vector {
namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "%s\n", what);
  std::abort();
}

// A double as JS might pass it: mostly small integers, sometimes the edges.
double jsNumber(fuzz::Input& in, double typical_max) {
  static const double kEdges[] = {NAN, INFINITY, -INFINITY, -1, 0, 0.5, 1.5, 2147483648.0, 4294967296.0,
                                  4294967304.0, 9007199254740992.0, 1e300, -0.0};
  const std::uint8_t kind = in.byte();
  if (kind < 16) return in.pick(kEdges);
  return static_cast<double>(in.u32() % static_cast<std::uint32_t>(typical_max + 1));
}

}  // namespace
}  // namespace tollgate::vector

TOLLGATE_FUZZ_TARGET(data, size) {
  using namespace tollgate::vector;
  tollgate::fuzz::Input in(data, size);
  static const char* const kKinds[] = {"hnsw", "flat", "ivf"};
  static const char* const kMetrics[] = {"l2", "cosine", "dot"};
  const std::string kind = in.pick(kKinds);
  const std::string metric = in.pick(kMetrics);
  std::unique_ptr<VectorSession> session;
  try {
    const double dim = jsNumber(in, 24), m = jsNumber(in, 40), efc = jsNumber(in, 100), efs = jsNumber(in, 100);
    session = std::make_unique<VectorSession>(indexConfigFromJs(kind, metric, dim, m, efc, efs, jsNumber(in, 1000)));
  } catch (const tollgate::InputError&) {
    return;
  }
  const std::size_t dim = session->index().dim();
  while (in.remaining() > 0) {
    const std::uint8_t op = in.byte();
    // Floats straight from the input: every bit pattern, NaN and subnormals included.
    const std::size_t floats = std::min<std::size_t>(in.byte() * dim / 16 + in.byte() % 3, in.remaining() / 4);
    std::vector<float> batch(floats);
    if (floats > 0) std::memcpy(batch.data(), in.bytes(floats * 4).data(), floats * 4);
    const std::size_t before = session->index().size();
    try {
      if (op % 3 == 0) {
        session->insert(batch.data(), batch.size());
      } else if (op % 3 == 1) {
        float* staging = session->staging(batch.size());
        if (!batch.empty()) std::memcpy(staging, batch.data(), batch.size() * 4);
        session->insertStaged(static_cast<std::size_t>(integerParam("float count", jsNumber(in, floats), 0, kMaxFloats)));
      } else {
        const std::size_t k = static_cast<std::size_t>(integerParam("k", jsNumber(in, 12), 1, kMaxK));
        session->search(batch.data(), batch.size(), k);
        const SearchResults& r = session->results();
        for (std::size_t i = 0; i < r.ids.size(); ++i) {
          if (std::isnan(r.distances[i])) fail("a search returned a NaN distance");
          if (r.ids[i] != kNoId && r.ids[i] >= session->index().size()) fail("a search returned an id out of range");
        }
      }
    } catch (const tollgate::InputError&) {
      if (session->index().size() != before) fail("a refused call changed the index");
    }
  }
}
