#pragma once
// The results row every harness test starts from: workload "w", operation "op",
// one parameter n, a fixed digest. Each test adds what it measures (samples,
// counters, instruction counts) to it.
#include <cstdint>
#include <string>

#include "tollgate/results.h"

namespace tollgate::test {

inline ResultRow testRow(const std::string& runtime, const std::string& variant, int n = 10, std::uint64_t items_per_op = 10) {
  ResultRow r;
  r.workload = "w";
  r.operation = "op";
  r.variant = variant;
  r.runtime = runtime;
  r.params = {{"n", n}};
  r.name_params = {"n"};
  r.items_per_op = items_per_op;
  r.result_digest = "fnv1a32:00000000";
  return r;
}

}  // namespace tollgate::test
