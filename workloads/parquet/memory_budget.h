#pragma once
// A memory budget that every large allocation reserves against before it is
// made: the file's bytes, decompressed pages, decoded columns, results, parsed
// metadata. A reservation past the limit throws BudgetExceeded naming what asked
// and how much, and allocates nothing; whatever the failed query held is released
// by its owners' destructors, so the reader stays usable. Single-threaded, as the
// harness is.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tollgate::parquet {

class BudgetExceeded : public std::runtime_error {
 public:
  explicit BudgetExceeded(const std::string& what) : std::runtime_error(what) {}
};

struct BudgetStats {
  std::uint64_t limit = 0;
  std::uint64_t current = 0;
  std::uint64_t peak = 0;
  std::uint64_t refused = 0;  // reservations refused since construction
};

class MemoryBudget {
 public:
  explicit MemoryBudget(std::uint64_t limit_bytes) { stats_.limit = limit_bytes; }
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  void reserve(std::uint64_t bytes, const char* what);
  void release(std::uint64_t bytes);
  const BudgetStats& stats() const { return stats_; }
  // The peak from now on starts at what is held now: a query reports its own peak.
  void resetPeak() { stats_.peak = stats_.current; }
  void setLimit(std::uint64_t limit_bytes) { stats_.limit = limit_bytes; }

 private:
  BudgetStats stats_;
};

// Bytes held against a budget, released when it dies (or on release()).
class Reservation {
 public:
  Reservation() = default;
  explicit Reservation(MemoryBudget& budget) : budget_(&budget) {}
  Reservation(Reservation&& other) noexcept { *this = std::move(other); }
  Reservation& operator=(Reservation&& other) noexcept;
  Reservation(const Reservation&) = delete;
  Reservation& operator=(const Reservation&) = delete;
  ~Reservation() { release(); }

  void bind(MemoryBudget& budget);
  void grow(std::uint64_t bytes, const char* what);
  void release();
  std::uint64_t bytes() const { return bytes_; }
  MemoryBudget* budget() const { return budget_; }

 private:
  MemoryBudget* budget_ = nullptr;
  std::uint64_t bytes_ = 0;
};

// A vector whose capacity is reserved against a budget before it is allocated.
// Grows only through reserve()/resize()/append(), each of which charges the budget
// first; an unbound buffer refuses to allocate at all (a bug, reported as such).
template <typename T>
class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(MemoryBudget& budget) : reservation_(budget) {}
  Buffer(Buffer&&) noexcept = default;
  Buffer& operator=(Buffer&&) noexcept = default;

  void bind(MemoryBudget& budget) { reservation_.bind(budget); }
  MemoryBudget* budget() const { return reservation_.budget(); }

  void reserve(std::size_t count, const char* what) {
    if (count <= data_.capacity()) return;
    if (count > max_size()) throw BudgetExceeded(std::string(what) + ": " + std::to_string(count) + " elements is past any budget");
    reservation_.grow((count - data_.capacity()) * sizeof(T), what);
    data_.reserve(count);
  }
  void resize(std::size_t count, const char* what) {
    reserve(count, what);
    data_.resize(count);
  }
  void append(const T* values, std::size_t count, const char* what) {
    if (data_.size() + count > data_.capacity()) grow(data_.size() + count, what);
    data_.insert(data_.end(), values, values + count);
  }
  void push_back(const T& value, const char* what) {
    if (data_.size() == data_.capacity()) grow(data_.size() + 1, what);
    data_.push_back(value);
  }
  // Frees the memory and its reservation.
  void reset() {
    std::vector<T>().swap(data_);
    reservation_.release();
  }
  void clear() { data_.clear(); }  // keeps capacity (and its reservation)

  T* data() { return data_.data(); }
  const T* data() const { return data_.data(); }
  std::size_t size() const { return data_.size(); }
  bool empty() const { return data_.empty(); }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T& back() { return data_.back(); }
  const std::vector<T>& vector() const { return data_; }
  std::uint64_t reservedBytes() const { return reservation_.bytes(); }

 private:
  static constexpr std::size_t max_size() { return (std::size_t(1) << 40) / sizeof(T); }
  void grow(std::size_t at_least, const char* what) {
    const std::size_t doubled = data_.capacity() * 2;
    reserve(doubled > at_least ? doubled : at_least, what);
  }
  std::vector<T> data_;
  Reservation reservation_;
};

using Bytes = Buffer<std::uint8_t>;

}  // namespace tollgate::parquet
