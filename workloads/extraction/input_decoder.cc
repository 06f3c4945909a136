#include "input_decoder.h"

#include <algorithm>
#include <cstring>

#include "extractor.h"
#include "tollgate/errors.h"

namespace tollgate::extraction {
namespace {

std::string_view view(const unsigned char* data, std::size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace

void InputDecoder::reset(Format format) {
  format_ = format;
  state_ = State::holding;
  encoding_ = Encoding::utf_8;
  held_ = 0;
  decoder_.reset();
  decoded_.clear();
}

void InputDecoder::feed(const unsigned char* data, std::size_t size) {
  if (state_ == State::holding) {
    if (held_ == 0 && size >= kPrescanBytes) {  // a whole document, or a large first piece: decided in place
      const std::size_t skip = decide(view(data, size), false);
      return pass(data + skip, size - skip);
    }
    const std::size_t take = std::min(size, kPrescanBytes - held_);
    std::memcpy(hold_ + held_, data, take);
    held_ += take;
    data += take;
    size -= take;
    if (held_ < kPrescanBytes) return;
    releaseHeld(false);
  }
  pass(data, size);
}

void InputDecoder::releaseHeld(bool at_end) {
  const std::size_t n = held_;
  held_ = 0;
  const std::size_t skip = decide(view(hold_, n), at_end);
  pass(hold_ + skip, n - skip);  // detecting may hold part of it again (memmove)
}

void InputDecoder::finish() {
  if (state_ == State::holding) releaseHeld(true);
  if (state_ == State::detecting) {
    if (held_ > 0) {
      choose(looksLikeUtf8(view(hold_, held_), true) ? Encoding::utf_8 : Encoding::windows_1252);
      const std::size_t n = held_;
      held_ = 0;
      route(hold_, n);
    }
    state_ = State::decided;  // all ASCII: windows-1252 stays, as the WHATWG default
  }
  if (decoder_) {
    decoded_.clear();
    decoder_->finish(decoded_);
    sanitizer_.feed(reinterpret_cast<const unsigned char*>(decoded_.data()), decoded_.size());
  }
}

std::size_t InputDecoder::decide(std::string_view first, bool at_end) {
  (void)at_end;  // the sniffers read what there is: the first kPrescanBytes, or all of a shorter document
  Encoding found;
  if (const std::size_t mark = byteOrderMark(first, &found)) {
    choose(found);
    return mark;
  }
  if (sniffUtf16Or32(first, &found) || (format_ == Format::html && prescanHtml(first, &found)) ||
      (format_ == Format::xml && prescanXml(first, &found))) {
    choose(found);
  } else if (format_ == Format::html) {  // declares nothing: the content decides
    state_ = State::detecting;
    encoding_ = Encoding::windows_1252;
  } else {
    choose(Encoding::utf_8);
  }
  return 0;
}

void InputDecoder::choose(Encoding encoding) {
  encoding_ = encoding;
  state_ = State::decided;
  decoder_.reset();
  if (encoding == Encoding::utf_8) return;
  decoder_ = makeUnicodeDecoder(encoding);
  if (!decoder_) decoder_ = makeLegacyDecoder(encoding);
  if (!decoder_) {
    throw InputError(std::string("the document is in ") + encodingName(encoding) + ", which the " + buildName() +
                     " build does not decode (the complete build decodes every WHATWG encoding)");
  }
}

void InputDecoder::pass(const unsigned char* data, std::size_t size) {
  if (state_ == State::detecting) {
    if (held_ == 0) {  // ASCII reads the same either way: it passes until the first other byte
      std::size_t ascii = 0;
      while (ascii < size && data[ascii] < 0x80) ++ascii;
      route(data, ascii);
      data += ascii;
      size -= ascii;
      if (size == 0) return;
      if (size >= kPrescanBytes) {  // the whole window is here
        choose(looksLikeUtf8(view(data, kPrescanBytes), false) ? Encoding::utf_8 : Encoding::windows_1252);
        return route(data, size);
      }
    }
    const std::size_t take = std::min(size, kPrescanBytes - held_);
    std::memmove(hold_ + held_, data, take);
    held_ += take;
    data += take;
    size -= take;
    if (held_ < kPrescanBytes) return;
    choose(looksLikeUtf8(view(hold_, held_), false) ? Encoding::utf_8 : Encoding::windows_1252);
    const std::size_t n = held_;
    held_ = 0;
    route(hold_, n);
  }
  route(data, size);
}

void InputDecoder::route(const unsigned char* data, std::size_t size) {
  if (size == 0) return;
  if (!decoder_) {
    sanitizer_.feed(data, size);
    return;
  }
  decoded_.clear();
  decoder_->decode(data, size, decoded_);
  sanitizer_.feed(reinterpret_cast<const unsigned char*>(decoded_.data()), decoded_.size());
}

}  // namespace tollgate::extraction
