// memcpy for the extraction modules, in place of Emscripten 3.1.6's.
//
// Why: the extraction kernel appends many short pieces (text runs, attribute
// values, link texts) at arbitrary offsets, and libc's memcpy copies byte by byte
// whenever source and destination differ in alignment mod 4, and calls out to
// JS (emscripten_memcpy_big, a boundary crossing) from 512 bytes on. In a V8
// profile of the site corpus memcpy and the std::string appends around it took
// 12% of zero_copy's time against 7% natively (glibc's vector memcpy).
// This one copies with unaligned 16-byte SIMD128 loads and stores (what glibc
// does with SSE2 natively), short copies with two overlapping loads, and never
// leaves wasm. libc's memcpy is a weak symbol: this strong one replaces it for
// every caller in the module, libc++'s string members included.
//
// Compiled only into the wasm modules (not a kernel file: the kernel stays plain
// C++ and native builds keep glibc's). -fno-builtin keeps the compiler from
// turning these loops back into calls to memcpy.

#include <stddef.h>
#include <stdint.h>
#include <wasm_simd128.h>

namespace {

// Unaligned scalar loads and stores (wasm allows them; clang emits one i64.load).
template <typename T>
inline T load(const unsigned char* p) {
  T v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
template <typename T>
inline void store(unsigned char* p, T v) {
  __builtin_memcpy(p, &v, sizeof v);
}

}  // namespace

extern "C" void* memcpy(void* __restrict dest, const void* __restrict src, size_t n) {
  auto* d = static_cast<unsigned char*>(dest);
  const auto* s = static_cast<const unsigned char*>(src);
  if (n >= 16) {
    // The last 16 bytes are loaded first: they overlap the loop's last block.
    const v128_t tail = wasm_v128_load(s + n - 16);
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
      const v128_t a = wasm_v128_load(s + i), b = wasm_v128_load(s + i + 16);
      const v128_t c = wasm_v128_load(s + i + 32), e = wasm_v128_load(s + i + 48);
      wasm_v128_store(d + i, a);
      wasm_v128_store(d + i + 16, b);
      wasm_v128_store(d + i + 32, c);
      wasm_v128_store(d + i + 48, e);
    }
    for (; i + 16 <= n; i += 16) wasm_v128_store(d + i, wasm_v128_load(s + i));
    wasm_v128_store(d + n - 16, tail);
  } else if (n >= 8) {
    const uint64_t a = load<uint64_t>(s), b = load<uint64_t>(s + n - 8);
    store(d, a);
    store(d + n - 8, b);
  } else if (n >= 4) {
    const uint32_t a = load<uint32_t>(s), b = load<uint32_t>(s + n - 4);
    store(d, a);
    store(d + n - 4, b);
  } else if (n > 0) {
    const unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
    d[0] = a;
    d[n / 2] = b;
    d[n - 1] = c;
  }
  return dest;
}
