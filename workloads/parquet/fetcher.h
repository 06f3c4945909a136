#pragma once
// The sans-IO contract every reading step follows: it never reads bytes itself.
// It says which byte ranges it wants (wanted()), a driver fills each buffer(i)
// with exactly those bytes from wherever the file is (a native file, Node's fs,
// HTTP Range requests in a browser), then calls advance(), which consumes them
// and either wants more or finishes. One synchronous C++ reader thus serves an
// asynchronous browser: the waiting happens in the driver, between calls.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "memory_budget.h"

namespace tollgate::parquet {

struct ByteRange {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  std::uint64_t end() const { return offset + length; }
};

struct IoStats {
  std::uint64_t requests = 0;    // ranges handed to the driver
  std::uint64_t bytes_read = 0;  // their total length
};

// Sorted, merged ranges: neighbours closer than `gap` become one request (a
// round trip costs more than a few wasted bytes).
std::vector<ByteRange> coalesce(std::vector<ByteRange> ranges, std::uint64_t gap);

class Fetcher {
 public:
  explicit Fetcher(MemoryBudget& budget) : budget_(budget) {}
  virtual ~Fetcher() = default;

  const std::vector<ByteRange>& wanted() const { return wanted_; }
  std::uint8_t* buffer(std::size_t i);
  // All wanted buffers are filled: consume them, then want more or finish.
  void advance();
  bool finished() const { return finished_; }
  const IoStats& io() const { return io_; }
  // Bytes this step holds at [offset, offset + length), or nullptr.
  const std::uint8_t* held(std::uint64_t offset, std::uint64_t length) const;

 protected:
  // Asks for `ranges` (coalesced with `gap`); their buffers are reserved now.
  void want(std::vector<ByteRange> ranges, std::uint64_t gap);
  // Bytes at [offset, offset + length) from what has been fetched; InputError if absent.
  const std::uint8_t* bytesAt(std::uint64_t offset, std::uint64_t length) const;
  bool holds(std::uint64_t offset, std::uint64_t length) const;
  void releaseFetched();  // their buffers kept as spares for the next want()
  // Also looks for bytes in what `other` holds (a query, in its file's tail).
  void borrowFrom(const Fetcher& other) { lender_ = &other; }
  void finish() {
    finished_ = true;
    spare_.clear();
  }
  virtual void onData() = 0;

  MemoryBudget& budget_;

 private:
  struct Fetched {
    ByteRange range;
    Bytes bytes;
  };
  std::vector<ByteRange> wanted_;
  std::vector<Fetched> fetched_;  // this step's and earlier ones' still held
  // Buffers of released ranges, reused by the next want() (a query reads the
  // same columns' chunks row group after row group: allocated once, not once
  // per row group), freed when the step finishes. Still charged to the budget.
  std::vector<Bytes> spare_;
  Bytes spareFor(std::size_t length);
  std::size_t first_pending_ = 0;  // fetched_[first_pending_..] are the wanted ones
  IoStats io_;
  bool finished_ = false;
  const Fetcher* lender_ = nullptr;
};

}  // namespace tollgate::parquet
