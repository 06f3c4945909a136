#pragma once
#include <cstddef>

#include "vector_index.h"

namespace tollgate::vector {

// Share of the true k nearest neighbours (by exact flat search over `data`) that
// `index` returns for each query, over all queries: recall@k in [0, 1].
double recallAtK(const VectorIndex& index, const float* data, std::size_t data_floats,
                 const float* queries, std::size_t query_floats, std::size_t k);

}  // namespace tollgate::vector
