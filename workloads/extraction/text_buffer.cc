#include "text_buffer.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace tollgate::extraction {

void TextBuffer::grow(std::size_t more, const char* bytes) {
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max() / 4;
  if (more > kMax - size_) throw std::length_error("TextBuffer: more text than memory can address");
  const std::size_t capacity = std::max(size_ + more, 2 * capacity_) | 15;
  std::unique_ptr<char[]> grown(new char[capacity + 1]);  // libc++ keeps a byte for a terminator
  std::memcpy(grown.get(), data_, size_);
  if (bytes != nullptr) {
    std::memcpy(grown.get() + size_, bytes, more);  // before the old memory, where they may lie, is freed
    size_ += more;
  }
  heap_ = std::move(grown);
  data_ = heap_.get();
  capacity_ = capacity;
}

void TextBuffer::take(TextBuffer& other) noexcept {
  if (other.heap_) {
    heap_ = std::move(other.heap_);
    data_ = heap_.get();
  } else {
    heap_.reset();
    std::memcpy(inline_, other.inline_, other.size_);
    data_ = inline_;
  }
  size_ = other.size_;
  capacity_ = other.capacity_;
  other.data_ = other.inline_;
  other.size_ = 0;
  other.capacity_ = kInline;
}

}  // namespace tollgate::extraction
