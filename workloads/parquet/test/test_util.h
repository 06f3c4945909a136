#pragma once
// Shared by the Parquet tests: small benchmark files, reading them whole or
// through a query from memory, and expecting refusals by message.

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bench_data.h"
#include "parquet_file.h"
#include "query.h"

namespace tollgate::parquet::test {

inline BenchSpec smallSpec() {
  BenchSpec spec;
  spec.rows = 5000;
  spec.row_group_rows = 1000;
  spec.page_rows = 100;
  return spec;
}

struct Opened {
  MemoryBudget budget{1u << 30};
  std::unique_ptr<ParquetFile> file;
};

inline void open(Opened& o, const std::vector<std::uint8_t>& bytes, ReaderOptions options = {}) {
  o.file = std::make_unique<ParquetFile>(bytes.size(), o.budget, options);
  driveFromMemory(*o.file, bytes.data(), bytes.size());
}

inline QueryResult runQuery(const ParquetFile& file, const std::vector<std::uint8_t>& bytes, QuerySpec spec,
                            IoStats* io = nullptr) {
  Query q(file, std::move(spec));
  driveFromMemory(q, bytes.data(), bytes.size());
  if (io != nullptr) *io = q.io();
  return std::move(q.result());
}

inline std::string stringAt(const ColumnValues& c, std::size_t row) {
  return std::string(reinterpret_cast<const char*>(c.data.data()) + c.offsets[row], c.offsets[row + 1] - c.offsets[row]);
}

// Runs `fn`, which must throw an exception whose message contains `needle`.
template <typename Exception = std::exception>
void expectRefused(const std::function<void()>& fn, const std::string& needle) {
  try {
    fn();
    ADD_FAILURE() << "not refused; expected an error containing '" << needle << "'";
  } catch (const Exception& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << "message: " << e.what();
  }
}

}  // namespace tollgate::parquet::test
