// The example kernel, natively and as wasm under Node: the batch path computes
// what the per-item path does, and the input is pinned by a golden digest (the
// JS adapters' test checks the same digest through both variants).

#include <gtest/gtest.h>

#include "kernel.h"
#include "tollgate/digest.h"

namespace {

TEST(ExampleKernel, HashAllMatchesOneValueAtATime) {
  const std::vector<std::uint32_t> in = example::makeValues(1000, 7);
  std::vector<std::uint32_t> out(in.size());
  example::hashAll(in.data(), out.data(), in.size(), 8);
  for (std::size_t i = 0; i < in.size(); ++i) ASSERT_EQ(out[i], example::hashValue(in[i], 8)) << i;
}

TEST(ExampleKernel, RoundsChangeTheHash) {
  EXPECT_NE(example::hashValue(12345, 8), example::hashValue(12345, 9));
  EXPECT_EQ(example::hashValue(12345, 0), 12345u ^ 0x9e3779b9u);
}

TEST(ExampleKernel, GoldenDigestOfTheQuickCase) {
  const std::vector<std::uint32_t> in = example::makeValues(10000, 1);
  std::vector<std::uint32_t> out(in.size());
  example::hashAll(in.data(), out.data(), in.size(), 8);
  tollgate::Fnv1a32 digest;
  for (std::uint32_t h : out) digest.addU32(h);
  EXPECT_EQ(digest.text(), "fnv1a32:b684ca30");
}

}  // namespace
