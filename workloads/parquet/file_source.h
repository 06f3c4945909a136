#pragma once
// A byte-range source over a local file: the native driver of the sans-IO
// reader (Node and the browser have their own, in JS). Plain C++ streams, so the
// wasm test build reads through NODERAWFS with the same code.

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "fetcher.h"

namespace tollgate::parquet {

class FileSource {
 public:
  // InputError if it cannot be opened. `path` must outlive the source: it is kept
  // by reference for error messages, not copied, so that the allocations counted
  // for an operation do not depend on where the checkout is.
  explicit FileSource(const std::string& path);
  std::uint64_t size() const { return size_; }
  // Exactly `length` bytes at `offset`; InputError on a short read.
  void read(std::uint64_t offset, std::uint64_t length, std::uint8_t* out);
  const IoStats& io() const { return io_; }

 private:
  const std::string& path_;
  std::ifstream in_;
  std::uint64_t size_ = 0;
  IoStats io_;
};

// Feeds `step` from `source` until it finishes.
void drive(Fetcher& step, FileSource& source);

std::vector<std::uint8_t> readWholeFile(const std::string& path);
void writeWholeFile(const std::string& path, const std::vector<std::uint8_t>& bytes);

}  // namespace tollgate::parquet
