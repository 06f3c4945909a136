#pragma once
// Call stacks for allocation sites. Native: backtrace(3) and dladdr(3); wasm has no
// stack walk here, so sites there are their probe phase alone.

#include <string>

namespace tollgate {

// Fills `frames` with return addresses, innermost first; returns how many.
int captureStack(void** frames, int max);
// A frame's function, demangled ("tollgate::vector::HnswIndex::insertOne(unsigned int)"),
// or "" when the symbol is unknown (static functions: link with -rdynamic for the rest).
std::string describeFrame(void* frame);

}  // namespace tollgate
