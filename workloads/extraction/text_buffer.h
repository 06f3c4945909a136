#pragma once
// A growing byte buffer for the result's text: the content, the record
// strings, an item's text. What std::string gave them, without its cost in wasm: libc++
// compiles its string members out of line (extern templates), so each append
// of a short piece (a text run, a space, a link's text) was three calls deep
// (append, char_traits::copy, memcpy) behind a short-string test, 12% of the
// wasm extraction's time on the site corpus against 7% natively. Here the room
// test and short copies are inline; only growing and copies of more than 16
// bytes call out.
//
// It allocates what libc++'s std::string did (the wasm builds' library): ten
// bytes inside the object, then twice the capacity or what is needed when that
// is more, rounded up to 16 bytes, so the modules' memory figures stay what
// they were. Where a doubling chain crosses a result's size decides a large
// page's memory (a capacity 27 bytes short of a 10 MB page's content doubles
// it), and other growth rules moved some pages' figures by up to 31%.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

namespace tollgate::extraction {

class TextBuffer {
 public:
  TextBuffer() = default;
  TextBuffer(const TextBuffer& other) { append(other.view()); }
  TextBuffer& operator=(const TextBuffer& other) {
    if (this != &other) {
      clear();
      append(other.view());
    }
    return *this;
  }
  TextBuffer(TextBuffer&& other) noexcept { take(other); }
  TextBuffer& operator=(TextBuffer&& other) noexcept {
    if (this != &other) take(other);
    return *this;
  }

  const char* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t capacity() const { return capacity_; }
  std::string_view view() const { return {data_, size_}; }
  operator std::string_view() const { return view(); }  // NOLINT: used wherever a string_view is

  // Empties the buffer, keeping its memory (a reused result allocates nothing).
  void clear() { size_ = 0; }
  // Room for `bytes` more at once.
  void reserve(std::size_t bytes) {
    if (bytes > capacity_ - size_) grow(bytes);
  }

  // `bytes` may lie in this buffer's own text: growing copies them before the
  // old memory goes.
  void append(const char* bytes, std::size_t n) {
    if (n > capacity_ - size_) {
      grow(n, bytes);
      return;
    }
    copyBytes(data_ + size_, bytes, n);
    size_ += n;
  }
  void append(std::string_view text) { append(text.data(), text.size()); }
  void push_back(char c) {
    reserve(1);
    data_[size_++] = c;
  }
  TextBuffer& operator+=(std::string_view text) {
    append(text);
    return *this;
  }
  TextBuffer& operator+=(char c) {
    push_back(c);
    return *this;
  }

  friend bool operator==(const TextBuffer& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(std::string_view a, const TextBuffer& b) { return a == b.view(); }
  friend bool operator==(const TextBuffer& a, const TextBuffer& b) { return a.view() == b.view(); }

 private:
  // Up to 16 bytes with two overlapping loads and stores each, nothing read or
  // written outside [from, from + n) and [to, to + n); longer copies call memcpy.
  static void copyBytes(char* to, const char* from, std::size_t n) {
    if (n > 16) {
      std::memcpy(to, from, n);
    } else if (n >= 8) {
      copyEnds<std::uint64_t>(to, from, n);
    } else if (n >= 4) {
      copyEnds<std::uint32_t>(to, from, n);
    } else if (n > 0) {
      const char first = from[0], middle = from[n / 2], last = from[n - 1];
      to[0] = first;
      to[n / 2] = middle;
      to[n - 1] = last;
    }
  }
  // n from sizeof(Word) to twice that: the first and the last Word, overlapping.
  template <typename Word>
  static void copyEnds(char* to, const char* from, std::size_t n) {
    Word head, tail;
    std::memcpy(&head, from, sizeof head);
    std::memcpy(&tail, from + n - sizeof tail, sizeof tail);
    std::memcpy(to, &head, sizeof head);
    std::memcpy(to + n - sizeof tail, &tail, sizeof tail);
  }

  static constexpr std::size_t kInline = 10;  // libc++'s short-string capacity in wasm32

  // Out of line: room for `more` bytes, as std::string's append would make it;
  // with `bytes`, those `more` bytes appended too.
  void grow(std::size_t more, const char* bytes = nullptr);
  // Moves other's text here (its memory, or its inline bytes) and empties it.
  void take(TextBuffer& other) noexcept;

  char inline_[kInline];
  std::unique_ptr<char[]> heap_;  // when the text outgrew inline_
  char* data_ = inline_;
  std::size_t size_ = 0;
  std::size_t capacity_ = kInline;
};

}  // namespace tollgate::extraction
