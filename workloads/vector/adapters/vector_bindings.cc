// The vector workload's boundary, as JS sees it (embind). Three adapter styles over
// one VectorSession:
//   insert(Float32Array)        the binding copies the JS array in (single, batch)
//   staging(n) / insertStaged   JS writes into wasm memory itself (zero_copy)
//   searchObjects(queries, k)   one JS object per hit, built through embind (single, batch)
//   searchStaged / resultIds... hits stay in linear memory, read through views (zero_copy)
// Errors come back to JS as Error objects carrying the C++ message.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "../dataset.h"
#include "../recall.h"
#include "../vector_limits.h"
#include "tollgate/errors.h"
#include "tollgate/js_errors.h"
#include "tollgate/probe.h"
#include "vector_session.h"

namespace tollgate::vector {
namespace {

using emscripten::val;

std::vector<float> copyIn(const val& array) {
  TOLLGATE_PHASE(copy_in);
  std::vector<float> data = emscripten::convertJSArrayToNumberVector<float>(array);
  countBytesIn(data.size() * sizeof(float));
  return data;
}

class VectorHandle {
 public:
  // Every number arrives as a double and is checked in C++ (integerParam): embind's
  // integer conversions would wrap an out-of-range value silently.
  VectorHandle(const std::string& kind, const std::string& metric, double dim, double m, double ef_construction,
               double ef_search, double seed)
      : session_(jsErrors([&] {
          return VectorSession(indexConfigFromJs(kind, metric, dim, m, ef_construction, ef_search, seed));
        })) {}

  void insert(const val& array) {
    jsErrors([&] {
      const std::vector<float> data = copyIn(array);
      session_.insert(data.data(), data.size());
    });
  }

  std::uintptr_t staging(double float_count) {
    return jsErrors([&] {
      return reinterpret_cast<std::uintptr_t>(session_.staging(floats(float_count)));
    });
  }

  void insertStaged(double float_count) {
    jsErrors([&] { session_.insertStaged(floats(float_count)); });
  }

  // The naive result path: an array (per query) of arrays of {id, distance}.
  val searchObjects(const val& queries, double k) {
    return jsErrors([&] {
      const std::vector<float> data = copyIn(queries);
      session_.search(data.data(), data.size(), hits(k));
      const SearchResults& r = session_.results();
      TOLLGATE_PHASE(serialize);
      const std::size_t query_count = r.per_query ? r.ids.size() / r.per_query : data.size() / session_.index().dim();
      val out = val::array();
      for (std::size_t q = 0; q < query_count; ++q) {
        val hits = val::array();
        for (std::size_t i = 0; i < r.per_query; ++i) {
          val hit = val::object();
          hit.set("id", r.ids[q * r.per_query + i]);
          hit.set("distance", r.distances[q * r.per_query + i]);
          hits.set(i, hit);
        }
        out.set(q, hits);
      }
      countBytesOut(r.ids.size() * (sizeof(std::uint32_t) + sizeof(float)));
      return out;
    });
  }

  // Zero-copy results: hits per query; ids and distances are read through views.
  std::size_t searchStaged(double float_count, double k) {
    return jsErrors([&] {
      session_.searchStaged(floats(float_count), hits(k));
      return session_.results().per_query;
    });
  }
  std::uintptr_t resultIds() const { return reinterpret_cast<std::uintptr_t>(session_.results().ids.data()); }
  std::uintptr_t resultDistances() const {
    return reinterpret_cast<std::uintptr_t>(session_.results().distances.data());
  }

  // recall@k of this index against exact search over `data`: untimed, for reports.
  double recall(const val& data, const val& queries, double k) {
    return jsErrors([&] {
      const auto d = emscripten::convertJSArrayToNumberVector<float>(data);
      const auto q = emscripten::convertJSArrayToNumberVector<float>(queries);
      return recallAtK(session_.index(), d.data(), d.size(), q.data(), q.size(), hits(k));
    });
  }

  std::size_t size() { return session_.index().size(); }
  std::string structureDigest() {
    char text[20];
    std::snprintf(text, sizeof text, "fnv1a32:%08x", session_.index().structureDigest());
    return text;
  }

 private:
  static std::size_t floats(double n) { return static_cast<std::size_t>(integerParam("float count", n, 0, kMaxFloats)); }
  static std::size_t hits(double k) { return static_cast<std::size_t>(integerParam("k", k, 1, kMaxK)); }

  VectorSession session_;
};

// Seeded vectors for the driver, returned as a JS-owned Float32Array: the user's
// data, as it would arrive from a fetch or a model, before any adapter touches it.
val makeVectors(double count, double dim, double seed, const std::string& distribution) {
  return jsErrors([&] {
    DatasetSpec spec{static_cast<std::size_t>(integerParam("vector count", count, 0, kMaxFloats)),
                     static_cast<std::size_t>(integerParam("dimension", dim, 1, kMaxDim)),
                     integerParam("seed", seed, 0, kMaxJsInteger), parseDistribution(distribution)};
    const std::vector<float> data = tollgate::vector::generateVectors(spec);
    return val(emscripten::typed_memory_view(data.size(), data.data())).call<val>("slice");
  });
}

}  // namespace
}  // namespace tollgate::vector

EMSCRIPTEN_BINDINGS(tollgate_vector) {
  using tollgate::vector::VectorHandle;
  emscripten::class_<VectorHandle>("VectorIndex")
      .constructor<const std::string&, const std::string&, double, double, double, double, double>()
      .function("insert", &VectorHandle::insert)
      .function("staging", &VectorHandle::staging)
      .function("insertStaged", &VectorHandle::insertStaged)
      .function("searchObjects", &VectorHandle::searchObjects)
      .function("searchStaged", &VectorHandle::searchStaged)
      .function("resultIds", &VectorHandle::resultIds)
      .function("resultDistances", &VectorHandle::resultDistances)
      .function("recall", &VectorHandle::recall)
      .function("size", &VectorHandle::size)
      .function("structureDigest", &VectorHandle::structureDigest);
  emscripten::function("generateVectors", &tollgate::vector::makeVectors);
}
