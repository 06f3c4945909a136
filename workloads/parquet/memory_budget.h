#pragma once
// A memory budget that every large allocation reserves against before it is
// made: the file's bytes, decompressed pages, decoded columns, results, parsed
// metadata. A reservation past the limit throws BudgetExceeded naming what asked
// and how much, and allocates nothing; whatever the failed query held is released
// by its owners' destructors, so the reader stays usable. Single-threaded, as the
// harness is.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
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

// std::allocator, except that growing a vector leaves new elements of a trivial
// type unwritten (default- rather than value-initialized): a decompressed page or
// a run of decoded values is written whole right after, and zero-filling it
// first cost 5% of a query's instructions.
template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() noexcept = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible<U>::value) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
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
    // In 64-bit arithmetic: wasm's size_t is 32 bits, and a hostile count must
    // not wrap into a small reservation.
    const std::uint64_t bytes = static_cast<std::uint64_t>(count) * sizeof(T);
    if (bytes > kMaxBytes) throw BudgetExceeded(std::string(what) + ": " + std::to_string(bytes) + " bytes is past what this platform can allocate");
    reservation_.grow(bytes - static_cast<std::uint64_t>(data_.capacity()) * sizeof(T), what);
    data_.reserve(count);
  }
  // Room for `count`, growing by half again at least: for buffers appended to
  // page after page, where exact growth would copy everything each time.
  void reserveGrowing(std::size_t count, const char* what) {
    if (count <= data_.capacity()) return;
    const std::uint64_t grown = static_cast<std::uint64_t>(data_.capacity()) * 3 / 2;
    reserve(grown > count && grown * sizeof(T) <= kMaxBytes ? static_cast<std::size_t>(grown) : count, what);
  }
  // New elements are zero.
  void resize(std::size_t count, const char* what) {
    const std::size_t old = data_.size();
    resizeForOverwrite(count, what);
    if (count > old) std::fill(data_.begin() + static_cast<std::ptrdiff_t>(old), data_.end(), T{});
  }
  // New elements are left unwritten: for a caller that writes every one of them.
  void resizeForOverwrite(std::size_t count, const char* what) {
    reserve(count, what);
    data_.resize(count);
  }
  // Grows by `count` unwritten elements and returns where they start: for bulk
  // writes (a page's values, validity bytes) instead of an append per value.
  T* extend(std::size_t count, const char* what) {
    if (count > data_.capacity() - data_.size()) grow(checkedSum(data_.size(), count, what), what);
    const std::size_t at = data_.size();
    data_.resize(at + count);
    return data_.data() + at;
  }
  void append(const T* values, std::size_t count, const char* what) {
    if (count > data_.capacity() - data_.size()) grow(checkedSum(data_.size(), count, what), what);
    data_.insert(data_.end(), values, values + count);
  }
  // By value: a caller may push one of this buffer's own elements
  // (offsets.push_back(offsets.back())), which grow() would free under a reference.
  void push_back(T value, const char* what) {
    if (data_.size() == data_.capacity()) grow(data_.size() + 1, what);
    data_.push_back(value);
  }
  // Frees the memory and its reservation.
  void reset() {
    Storage().swap(data_);
    reservation_.release();
  }
  void clear() { data_.clear(); }  // keeps capacity (and its reservation)

  T* data() { return data_.data(); }
  const T* data() const { return data_.data(); }
  std::size_t size() const { return data_.size(); }
  std::size_t capacity() const { return data_.capacity(); }
  bool empty() const { return data_.empty(); }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T& back() { return data_.back(); }
  std::vector<T> vector() const { return std::vector<T>(data_.begin(), data_.end()); }  // a copy, for tests
  std::uint64_t reservedBytes() const { return reservation_.bytes(); }

 private:
  static constexpr std::uint64_t kMaxBytes =
      sizeof(std::size_t) >= 8 ? std::uint64_t(1) << 40 : (std::uint64_t(1) << 31) - 1;
  void grow(std::size_t at_least, const char* what) {
    const std::uint64_t doubled = static_cast<std::uint64_t>(data_.capacity()) * 2;
    const bool double_fits = doubled * sizeof(T) <= kMaxBytes;
    reserve(double_fits && doubled > at_least ? static_cast<std::size_t>(doubled) : at_least, what);
  }
  static std::size_t checkedSum(std::size_t a, std::size_t b, const char* what) {
    if (b > SIZE_MAX - a) throw BudgetExceeded(std::string(what) + ": size overflow");
    return a + b;
  }
  using Storage = std::vector<T, DefaultInitAllocator<T>>;
  Storage data_;
  Reservation reservation_;
};

using Bytes = Buffer<std::uint8_t>;

}  // namespace tollgate::parquet
