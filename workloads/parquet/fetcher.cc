#include "fetcher.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "tollgate/errors.h"

namespace tollgate::parquet {

std::vector<ByteRange> coalesce(std::vector<ByteRange> ranges, std::uint64_t gap) {
  ranges.erase(std::remove_if(ranges.begin(), ranges.end(), [](const ByteRange& r) { return r.length == 0; }), ranges.end());
  std::sort(ranges.begin(), ranges.end(), [](const ByteRange& a, const ByteRange& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.length < b.length;
  });
  std::vector<ByteRange> out;
  for (const ByteRange& r : ranges) {
    if (!out.empty() && r.offset <= out.back().end() + gap) {
      out.back().length = std::max(out.back().end(), r.end()) - out.back().offset;
    } else {
      out.push_back(r);
    }
  }
  return out;
}

std::uint8_t* Fetcher::buffer(std::size_t i) {
  if (i >= wanted_.size()) throw std::out_of_range("no wanted range " + std::to_string(i));
  return fetched_[first_pending_ + i].bytes.data();
}

void Fetcher::want(std::vector<ByteRange> ranges, std::uint64_t gap) {
  wanted_ = coalesce(std::move(ranges), gap);
  first_pending_ = fetched_.size();
  for (const ByteRange& r : wanted_) {
    if (r.length > SIZE_MAX / 2) {
      throw BudgetExceeded("a read of " + std::to_string(r.length) + " bytes is past what this platform can allocate");
    }
    Fetched f{r, spareFor(static_cast<std::size_t>(r.length))};
    f.bytes.clear();
    f.bytes.resize(static_cast<std::size_t>(r.length), "bytes read from the file");
    fetched_.push_back(std::move(f));
    ++io_.requests;
    io_.bytes_read += r.length;
  }
}

void Fetcher::advance() {
  if (finished_) throw std::logic_error("advance() after the reader finished");
  wanted_.clear();
  first_pending_ = fetched_.size();
  onData();
  if (wanted_.empty() && !finished_) throw std::logic_error("internal error: a reading step neither wants bytes nor finishes");
}

const std::uint8_t* Fetcher::held(std::uint64_t offset, std::uint64_t length) const {
  for (const Fetched& f : fetched_) {
    if (offset >= f.range.offset && offset + length <= f.range.end()) return f.bytes.data() + (offset - f.range.offset);
  }
  return lender_ != nullptr ? lender_->held(offset, length) : nullptr;
}

bool Fetcher::holds(std::uint64_t offset, std::uint64_t length) const { return held(offset, length) != nullptr; }

const std::uint8_t* Fetcher::bytesAt(std::uint64_t offset, std::uint64_t length) const {
  if (const std::uint8_t* p = held(offset, length)) return p;
  throw std::logic_error("internal error: bytes " + std::to_string(offset) + ".." + std::to_string(offset + length) +
                         " were never fetched");
}

void Fetcher::releaseFetched() {
  for (Fetched& f : fetched_) spare_.push_back(std::move(f.bytes));
  fetched_.clear();
  first_pending_ = 0;
}

Bytes Fetcher::spareFor(std::size_t length) {
  // The smallest spare that holds `length`, else the largest (grown by resize).
  std::size_t best = spare_.size();
  for (std::size_t i = 0; i < spare_.size(); ++i) {
    const std::size_t have = spare_[i].capacity();
    if (best == spare_.size()) {
      best = i;
      continue;
    }
    const std::size_t kept = spare_[best].capacity();
    const bool fits = have >= length, kept_fits = kept >= length;
    if (fits ? (!kept_fits || have < kept) : (!kept_fits && have > kept)) best = i;
  }
  if (best == spare_.size()) return Bytes(budget_);
  Bytes bytes = std::move(spare_[best]);
  spare_.erase(spare_.begin() + static_cast<std::ptrdiff_t>(best));
  return bytes;
}

}  // namespace tollgate::parquet
