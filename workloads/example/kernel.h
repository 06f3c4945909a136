#pragma once
// The example workload's kernel: the stand-in for your library. Plain C++: no
// Emscripten header, no #ifdef; the same source is compiled natively and to wasm.
//
// It hashes a sequence of 32-bit values, each through `rounds` rounds of
// xorshift: little work per item, so how the items cross the boundary (one call
// each, or all of them in one call) decides the cost, which is what the two
// adapters show.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace example {

// One value's hash.
std::uint32_t hashValue(std::uint32_t value, std::uint32_t rounds);

// Every value's hash, `out[i] = hashValue(in[i], rounds)`.
void hashAll(const std::uint32_t* in, std::uint32_t* out, std::size_t count, std::uint32_t rounds);

// The input, drawn from `seed`: the same values in every runtime.
std::vector<std::uint32_t> makeValues(std::size_t count, std::uint64_t seed);

}  // namespace example
