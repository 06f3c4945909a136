#pragma once
// Opening a Parquet file footer first, sans-IO (see fetcher.h): the last
// `tail_bytes` of the file in one request (the footer usually fits, so Q1 costs
// one round trip), the whole footer in a second one when it does not.

#include <cstdint>
#include <memory>
#include <string>

#include "fetcher.h"
#include "metadata.h"
#include "schema.h"

namespace tollgate::parquet {

struct ReaderOptions {
  std::uint64_t tail_bytes = 64 * 1024;         // first read, from the end of the file
  std::uint64_t max_footer_bytes = 64u << 20;   // a longer footer is refused
  std::uint64_t coalesce_gap = 32 * 1024;       // see coalesce()
  bool use_page_index = true;                   // read offset/column indexes when present
};

class ParquetFile : public Fetcher {
 public:
  // Throws InputError for a file too small to be Parquet.
  ParquetFile(std::uint64_t file_size, MemoryBudget& budget, ReaderOptions options = {});

  bool ready() const { return finished(); }
  const FileMetaData& metadata() const { return *metadata_; }
  const Schema& schema() const { return schema_; }
  std::uint64_t fileSize() const { return file_size_; }
  std::uint64_t footerOffset() const { return footer_offset_; }  // where column data ends
  const ReaderOptions& options() const { return options_; }
  MemoryBudget& budget() const { return budget_; }

 private:
  void onData() override;
  void parseFooter(const std::uint8_t* footer, std::uint64_t length);
  // The first read: the file's last tail_bytes (8 at least, the whole file at most).
  std::uint64_t tailBytes() const;

  std::uint64_t file_size_;
  ReaderOptions options_;
  std::uint64_t footer_offset_ = 0;
  std::uint64_t footer_length_ = 0;
  std::unique_ptr<FileMetaData> metadata_;
  Schema schema_;
};

// Drives any sans-IO step from a file already in memory (copying just the
// ranges it wants, as a source would).
void driveFromMemory(Fetcher& step, const std::uint8_t* file, std::uint64_t size);

}  // namespace tollgate::parquet
