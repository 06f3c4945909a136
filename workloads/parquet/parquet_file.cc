#include "parquet_file.h"

#include <algorithm>
#include <cstring>

#include "byte_reader.h"
#include "tollgate/errors.h"

namespace tollgate::parquet {

ParquetFile::ParquetFile(std::uint64_t file_size, MemoryBudget& budget, ReaderOptions options)
    : Fetcher(budget), file_size_(file_size), options_(options) {
  if (file_size < 12) {
    throw InputError("not a Parquet file: " + std::to_string(file_size) + " bytes is too small (at least 12: magic, footer length, magic)");
  }
  want({{file_size - tailBytes(), tailBytes()}}, 0);
}

std::uint64_t ParquetFile::tailBytes() const {
  return std::min<std::uint64_t>(file_size_, std::max<std::uint64_t>(options_.tail_bytes, 8));
}

void ParquetFile::onData() {
  if (footer_length_ == 0) {
    const std::uint64_t tail = tailBytes();
    const std::uint8_t* end = bytesAt(file_size_ - 8, 8);
    if (std::memcmp(end + 4, "PARE", 4) == 0) {
      throw InputError("the file has an encrypted footer (magic PARE): encrypted Parquet files are not supported");
    }
    if (std::memcmp(end + 4, "PAR1", 4) != 0) {
      throw InputError("not a Parquet file: it does not end with the magic PAR1");
    }
    footer_length_ = loadLe<std::uint32_t>(end);
    if (footer_length_ == 0) throw InputError("the footer length is 0");
    if (footer_length_ > file_size_ - 12) {
      throw InputError("the footer length " + std::to_string(footer_length_) + " is beyond the file (" +
                       std::to_string(file_size_) + " bytes)");
    }
    if (footer_length_ > options_.max_footer_bytes) {
      throw InputError("the footer of " + std::to_string(footer_length_) + " bytes is past the limit of " +
                       std::to_string(options_.max_footer_bytes));
    }
    footer_offset_ = file_size_ - 8 - footer_length_;
    if (tail == file_size_ && std::memcmp(bytesAt(0, 4), "PAR1", 4) != 0) {
      throw InputError("not a Parquet file: it does not start with the magic PAR1");
    }
    if (footer_length_ + 8 > tail) {
      want({{footer_offset_, footer_length_}}, 0);  // a second round trip, for a large footer only
      return;
    }
  }
  parseFooter(bytesAt(footer_offset_, footer_length_), footer_length_);
  // The tail read stays held: writers put page indexes just before the footer,
  // so queries often find theirs here without another round trip.
  if (footer_length_ + 8 > tailBytes()) releaseFetched();
  finish();
}

void ParquetFile::parseFooter(const std::uint8_t* footer, std::uint64_t length) {
  metadata_ = std::make_unique<FileMetaData>(parseFileMetaData(footer, static_cast<std::size_t>(length), budget_));
  if (metadata_->encrypted) {
    throw InputError("the file's columns are encrypted (plaintext footer with an encryption algorithm): encrypted Parquet files are not supported");
  }
  schema_ = buildSchema(*metadata_, footer_offset_, footer_length_, budget_);
}

void driveFromMemory(Fetcher& step, const std::uint8_t* file, std::uint64_t size) {
  while (!step.finished()) {
    const auto& wanted = step.wanted();
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      if (wanted[i].end() > size) throw InputError("a read past the end of the file was wanted");
      std::memcpy(step.buffer(i), file + wanted[i].offset, static_cast<std::size_t>(wanted[i].length));
    }
    step.advance();
  }
}

}  // namespace tollgate::parquet
