#include "parquet_session.h"

#include <stdexcept>

#include "tollgate/errors.h"
#include "tollgate/probe.h"

namespace tollgate::parquet {

ParquetSession::ParquetSession(std::uint64_t budget_bytes, ReaderOptions options)
    : budget_(budget_bytes), options_(options), staged_(budget_) {}

const ParquetFile& ParquetSession::file() const {
  if (!file_ || !file_->ready()) throw std::logic_error("no Parquet file is open in this session");
  return *file_;
}

template <typename Body>
auto ParquetSession::dropOnFailure(Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (...) {
    release();
    throw;
  }
}

std::uint8_t* ParquetSession::stageFile(std::size_t size) {
  release();
  staged_.resize(size, "the whole file (eager)");
  return staged_.data();
}

void ParquetSession::openStaged() {
  TOLLGATE_PHASE(compute);
  dropOnFailure([&] {
    file_ = std::make_unique<ParquetFile>(staged_.size(), budget_, options_);
    driveFromMemory(*file_, staged_.data(), staged_.size());
  });
}

void ParquetSession::decodeStaged() {
  TOLLGATE_PHASE(compute);
  dropOnFailure([&] {
    DecodeStats stats;
    table_ = decodeAll(file(), staged_.data(), stats);
  });
}

void ParquetSession::beginOpen(std::uint64_t file_size) {
  release();
  TOLLGATE_PHASE(compute);
  dropOnFailure([&] { file_ = std::make_unique<ParquetFile>(file_size, budget_, options_); });
}

void ParquetSession::beginQuery(const QuerySpec& spec) {
  TOLLGATE_PHASE(compute);
  query_.reset();
  const ParquetFile& opened = file();
  try {
    query_ = std::make_unique<Query>(opened, spec);
  } catch (...) {
    query_.reset();  // a refused query leaves the open file usable
    throw;
  }
}

Fetcher* ParquetSession::step() {
  if (query_) return query_.get();
  if (file_) return file_.get();
  return nullptr;
}

std::size_t ParquetSession::wanted() {
  Fetcher* s = step();
  ranges_.clear();
  if (s == nullptr || s->finished()) return 0;
  for (const ByteRange& r : s->wanted()) {
    ranges_.push_back(static_cast<double>(r.offset));
    ranges_.push_back(static_cast<double>(r.length));
  }
  return s->wanted().size();
}

std::uint8_t* ParquetSession::buffer(std::size_t i) {
  Fetcher* s = step();
  if (s == nullptr) throw std::logic_error("no reading step in progress");
  return s->buffer(i);
}

void ParquetSession::advance() {
  Fetcher* s = step();
  if (s == nullptr) throw std::logic_error("no reading step in progress");
  TOLLGATE_PHASE(compute);
  if (s == query_.get()) {
    try {
      s->advance();
    } catch (...) {
      query_.reset();  // what the failed query held goes back to the budget
      throw;
    }
  } else {
    dropOnFailure([&] { s->advance(); });
  }
}

const QueryResult& ParquetSession::result() const {
  if (!query_ || !query_->finished()) throw std::logic_error("no finished query in this session");
  return query_->result();
}

IoStats ParquetSession::io() const {
  IoStats total;
  if (file_) total = file_->io();
  if (query_) {
    total.requests += query_->io().requests;
    total.bytes_read += query_->io().bytes_read;
  }
  return total;
}

void ParquetSession::release() {
  query_.reset();
  table_.clear();
  file_.reset();
  staged_.reset();
}

}  // namespace tollgate::parquet
