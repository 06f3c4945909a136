#include "file_source.h"

#include <cstdio>

#include "tollgate/errors.h"

namespace tollgate::parquet {

FileSource::FileSource(const std::string& path) : path_(path), in_(path, std::ios::binary) {
  if (!in_) throw InputError("cannot open " + path);
  in_.seekg(0, std::ios::end);
  size_ = static_cast<std::uint64_t>(in_.tellg());
}

void FileSource::read(std::uint64_t offset, std::uint64_t length, std::uint8_t* out) {
  if (offset + length > size_) {
    throw InputError(path_ + ": a read of " + std::to_string(length) + " bytes at " + std::to_string(offset) +
                     " is past its end (" + std::to_string(size_) + " bytes)");
  }
  in_.clear();
  in_.seekg(static_cast<std::streamoff>(offset));
  in_.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(length));
  if (static_cast<std::uint64_t>(in_.gcount()) != length) {
    throw InputError(path_ + ": short read at " + std::to_string(offset));
  }
  ++io_.requests;
  io_.bytes_read += length;
}

void drive(Fetcher& step, FileSource& source) {
  while (!step.finished()) {
    const auto& wanted = step.wanted();
    for (std::size_t i = 0; i < wanted.size(); ++i) source.read(wanted[i].offset, wanted[i].length, step.buffer(i));
    step.advance();
  }
}

std::vector<std::uint8_t> readWholeFile(const std::string& path) {
  FileSource source(path);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(source.size()));
  if (!bytes.empty()) source.read(0, bytes.size(), bytes.data());
  return bytes;
}

void writeWholeFile(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  // Written aside and renamed, so a reader never sees half a file.
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot rename " + tmp + " to " + path);
}

}  // namespace tollgate::parquet
