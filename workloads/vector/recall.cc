#include "recall.h"

#include <set>

namespace tollgate::vector {

double recallAtK(const VectorIndex& index, const float* data, std::size_t data_floats,
                 const float* queries, std::size_t query_floats, std::size_t k) {
  IndexConfig exact;
  exact.kind = "flat";
  exact.metric = index.metric();
  exact.dim = index.dim();
  auto flat = makeIndex(exact);
  flat->add(data, data_floats);
  SearchResults truth, approx;
  flat->search(queries, query_floats, k, truth);
  index.search(queries, query_floats, k, approx);
  if (truth.ids.empty()) return 1.0;
  std::size_t found = 0;
  const std::size_t per = truth.per_query;
  for (std::size_t q = 0; q < truth.ids.size() / per; ++q) {
    const std::set<std::uint32_t> want(truth.ids.begin() + q * per, truth.ids.begin() + (q + 1) * per);
    for (std::size_t i = 0; i < per; ++i) found += want.count(approx.ids[q * per + i]);
  }
  return static_cast<double>(found) / static_cast<double>(truth.ids.size());
}

}  // namespace tollgate::vector
