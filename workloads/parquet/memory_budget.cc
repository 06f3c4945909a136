#include "memory_budget.h"

namespace tollgate::parquet {
namespace {

std::string mib(std::uint64_t bytes) {
  if (bytes < 1024 * 1024) return std::to_string(bytes) + " bytes";
  const std::uint64_t tenths = bytes / (1024 * 1024 / 10);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

}  // namespace

void MemoryBudget::reserve(std::uint64_t bytes, const char* what) {
  if (bytes > stats_.limit || stats_.current > stats_.limit - bytes) {
    ++stats_.refused;
    throw BudgetExceeded(std::string("memory budget exceeded: ") + what + " needs " + std::to_string(bytes) +
                         " bytes, with " + mib(stats_.current) + " of the " + mib(stats_.limit) + " budget held");
  }
  stats_.current += bytes;
  if (stats_.current > stats_.peak) stats_.peak = stats_.current;
}

void MemoryBudget::release(std::uint64_t bytes) {
  stats_.current = bytes > stats_.current ? 0 : stats_.current - bytes;
}

Reservation& Reservation::operator=(Reservation&& other) noexcept {
  if (this != &other) {
    release();
    budget_ = other.budget_;
    bytes_ = other.bytes_;
    other.bytes_ = 0;
  }
  return *this;
}

void Reservation::bind(MemoryBudget& budget) {
  if (budget_ == &budget) return;
  release();
  budget_ = &budget;
}

void Reservation::grow(std::uint64_t bytes, const char* what) {
  if (budget_ == nullptr) {
    throw std::logic_error(std::string("internal error: ") + what + " allocates without a memory budget");
  }
  budget_->reserve(bytes, what);
  bytes_ += bytes;
}

void Reservation::release() {
  if (budget_ != nullptr && bytes_ > 0) budget_->release(bytes_);
  bytes_ = 0;
}

}  // namespace tollgate::parquet
