// Replaced global operator new/delete that count allocations and live bytes.
// Each block carries a small header holding its size and the header's own length,
// so delete can account exactly without malloc_usable_size (absent from emmalloc's
// public API and imprecise in glibc).

#include "tollgate/alloc_hook.h"

#include <cstddef>
#include <cstdlib>
#include <new>

namespace tollgate {
namespace {

AllocStats g_stats;

constexpr std::size_t kMinHeader = 2 * sizeof(std::uint64_t);  // keeps 16-byte alignment

void* countedAlloc(std::size_t size, std::size_t align) {
  const std::size_t header = align > kMinHeader ? align : kMinHeader;
  void* raw = nullptr;
  if (align > kMinHeader) {
    const std::size_t total = (header + size + align - 1) / align * align;
    raw = std::aligned_alloc(align, total);
  } else {
    raw = std::malloc(header + size);
  }
  if (raw == nullptr) return nullptr;
  auto* user = static_cast<unsigned char*>(raw) + header;
  auto* meta = reinterpret_cast<std::uint64_t*>(user) - 2;
  meta[0] = header;
  meta[1] = size;
  ++g_stats.allocations;
  g_stats.bytes_allocated += size;
  g_stats.live_bytes += size;
  if (g_stats.live_bytes > g_stats.peak_live_bytes) g_stats.peak_live_bytes = g_stats.live_bytes;
  return user;
}

void countedFree(void* ptr) {
  if (ptr == nullptr) return;
  auto* user = static_cast<unsigned char*>(ptr);
  const auto* meta = reinterpret_cast<const std::uint64_t*>(user) - 2;
  const std::uint64_t header = meta[0];
  const std::uint64_t size = meta[1];
  ++g_stats.frees;
  g_stats.live_bytes -= size;
  std::free(user - header);
}

void* allocOrThrow(std::size_t size, std::size_t align) {
  if (size == 0) size = 1;
  void* p = countedAlloc(size, align);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace

const AllocStats& allocStats() { return g_stats; }

void resetAllocCounters() {
  g_stats.allocations = 0;
  g_stats.bytes_allocated = 0;
  g_stats.frees = 0;
  g_stats.peak_live_bytes = g_stats.live_bytes;
}

}  // namespace tollgate

using tollgate::allocOrThrow;
using tollgate::countedAlloc;
using tollgate::countedFree;
constexpr std::size_t kDefaultAlign = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

void* operator new(std::size_t n) { return allocOrThrow(n, kDefaultAlign); }
void* operator new[](std::size_t n) { return allocOrThrow(n, kDefaultAlign); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  return countedAlloc(n ? n : 1, kDefaultAlign);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  return countedAlloc(n ? n : 1, kDefaultAlign);
}
void* operator new(std::size_t n, std::align_val_t a) {
  return allocOrThrow(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a) {
  return allocOrThrow(n, static_cast<std::size_t>(a));
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return countedAlloc(n ? n : 1, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return countedAlloc(n ? n : 1, static_cast<std::size_t>(a));
}

void operator delete(void* p) noexcept { countedFree(p); }
void operator delete[](void* p) noexcept { countedFree(p); }
void operator delete(void* p, std::size_t) noexcept { countedFree(p); }
void operator delete[](void* p, std::size_t) noexcept { countedFree(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { countedFree(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { countedFree(p); }
void operator delete(void* p, std::align_val_t) noexcept { countedFree(p); }
void operator delete[](void* p, std::align_val_t) noexcept { countedFree(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { countedFree(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { countedFree(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { countedFree(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { countedFree(p); }
