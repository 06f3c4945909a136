#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tollgate/fuzz.h"

namespace tollgate::fuzz {

void timed(Body body, const std::uint8_t* data, std::size_t size) {
  static const char* const slowest_path = std::getenv("TOLLGATE_FUZZ_SLOWEST");
  if (slowest_path == nullptr) {
    body(data, size);
    return;
  }
  static double slowest_ns = -1;
  const auto start = std::chrono::steady_clock::now();
  body(data, size);
  const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  if (ns <= slowest_ns) return;
  slowest_ns = ns;
  // Rare (each must beat the last), so written at once: a later crash loses nothing.
  const std::string path = slowest_path;
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  if (std::FILE* f = std::fopen((path + ".txt").c_str(), "w")) {
    std::fprintf(f, "%.0f %zu\n", ns, size);
    std::fclose(f);
  }
}

}  // namespace tollgate::fuzz
