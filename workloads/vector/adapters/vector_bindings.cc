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
  VectorHandle(const std::string& kind, const std::string& metric, std::size_t dim, unsigned m,
               unsigned ef_construction, unsigned ef_search, double seed)
      : session_(jsErrors([&] {
          IndexConfig config;
          config.kind = kind;
          config.metric = parseMetric(metric);
          config.dim = dim;
          config.hnsw = {m, ef_construction, ef_search, static_cast<std::uint64_t>(seed)};
          return VectorSession(config);
        })) {}

  void insert(const val& array) {
    jsErrors([&] {
      const std::vector<float> data = copyIn(array);
      session_.insert(data.data(), data.size());
    });
  }

  std::uintptr_t staging(std::size_t float_count) {
    return jsErrors([&] { return reinterpret_cast<std::uintptr_t>(session_.staging(float_count)); });
  }

  void insertStaged(std::size_t float_count) {
    jsErrors([&] { session_.insertStaged(float_count); });
  }

  // The naive result path: an array (per query) of arrays of {id, distance}.
  val searchObjects(const val& queries, std::size_t k) {
    return jsErrors([&] {
      const std::vector<float> data = copyIn(queries);
      session_.search(data.data(), data.size(), k);
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
  std::size_t searchStaged(std::size_t float_count, std::size_t k) {
    return jsErrors([&] {
      session_.searchStaged(float_count, k);
      return session_.results().per_query;
    });
  }
  std::uintptr_t resultIds() const { return reinterpret_cast<std::uintptr_t>(session_.results().ids.data()); }
  std::uintptr_t resultDistances() const {
    return reinterpret_cast<std::uintptr_t>(session_.results().distances.data());
  }

  // recall@k of this index against exact search over `data`: untimed, for reports.
  double recall(const val& data, const val& queries, std::size_t k) {
    return jsErrors([&] {
      const auto d = emscripten::convertJSArrayToNumberVector<float>(data);
      const auto q = emscripten::convertJSArrayToNumberVector<float>(queries);
      return recallAtK(session_.index(), d.data(), d.size(), q.data(), q.size(), k);
    });
  }

  std::size_t size() { return session_.index().size(); }
  std::string structureDigest() {
    char text[20];
    std::snprintf(text, sizeof text, "fnv1a32:%08x", session_.index().structureDigest());
    return text;
  }

 private:
  VectorSession session_;
};

// Seeded vectors for the driver, returned as a JS-owned Float32Array: the user's
// data, as it would arrive from a fetch or a model, before any adapter touches it.
val makeVectors(std::size_t count, std::size_t dim, double seed, const std::string& distribution) {
  return jsErrors([&] {
    DatasetSpec spec{count, dim, static_cast<std::uint64_t>(seed), parseDistribution(distribution)};
    const std::vector<float> data = tollgate::vector::generateVectors(spec);
    return val(emscripten::typed_memory_view(data.size(), data.data())).call<val>("slice");
  });
}

}  // namespace
}  // namespace tollgate::vector

EMSCRIPTEN_BINDINGS(tollgate_vector) {
  using tollgate::vector::VectorHandle;
  emscripten::class_<VectorHandle>("VectorIndex")
      .constructor<const std::string&, const std::string&, std::size_t, unsigned, unsigned, unsigned, double>()
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
