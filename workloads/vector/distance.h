#pragma once
// Squared Euclidean distance and dot product over float32, inline so that the
// search loops inline them.
//
// Written with 128-bit vector extensions and a fixed summation order (16 lanes,
// then a pairwise reduction): g++ lowers them to SSE, clang to wasm SIMD128, and
// both produce bit-identical sums, which is what makes native, Node and Chromium
// results comparable digit for digit.

#include <cstddef>
#include <cstring>

namespace tollgate::vector {
namespace detail {

typedef float F32x4 __attribute__((vector_size(16)));

inline F32x4 load(const float* p) {
  F32x4 v;
  std::memcpy(&v, p, sizeof v);  // unaligned load without aliasing tricks
  return v;
}

inline float reduce(F32x4 a, F32x4 b, F32x4 c, F32x4 d) {
  const F32x4 s = (a + b) + (c + d);
  return (s[0] + s[1]) + (s[2] + s[3]);
}

}  // namespace detail

inline float l2Squared(const float* a, const float* b, std::size_t dim) {
  detail::F32x4 acc0 = {0, 0, 0, 0}, acc1 = acc0, acc2 = acc0, acc3 = acc0;
  std::size_t i = 0;
  for (; i + 16 <= dim; i += 16) {
    const detail::F32x4 d0 = detail::load(a + i) - detail::load(b + i);
    const detail::F32x4 d1 = detail::load(a + i + 4) - detail::load(b + i + 4);
    const detail::F32x4 d2 = detail::load(a + i + 8) - detail::load(b + i + 8);
    const detail::F32x4 d3 = detail::load(a + i + 12) - detail::load(b + i + 12);
    acc0 += d0 * d0;
    acc1 += d1 * d1;
    acc2 += d2 * d2;
    acc3 += d3 * d3;
  }
  float sum = detail::reduce(acc0, acc1, acc2, acc3);
  for (; i < dim; ++i) {
    const float d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

inline float dot(const float* a, const float* b, std::size_t dim) {
  detail::F32x4 acc0 = {0, 0, 0, 0}, acc1 = acc0, acc2 = acc0, acc3 = acc0;
  std::size_t i = 0;
  for (; i + 16 <= dim; i += 16) {
    acc0 += detail::load(a + i) * detail::load(b + i);
    acc1 += detail::load(a + i + 4) * detail::load(b + i + 4);
    acc2 += detail::load(a + i + 8) * detail::load(b + i + 8);
    acc3 += detail::load(a + i + 12) * detail::load(b + i + 12);
  }
  float sum = detail::reduce(acc0, acc1, acc2, acc3);
  for (; i < dim; ++i) sum += a[i] * b[i];
  return sum;
}

}  // namespace tollgate::vector
