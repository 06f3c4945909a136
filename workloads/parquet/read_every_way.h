#pragma once
// A file read every way the reader offers, from memory: the footer, the eager
// path (every column whole), late projection of every top-level field (nested
// ones whole) and of every leaf alone, then a count-and-sum predicate over each
// flat numeric column at each threshold, so that chunk statistics and the page
// index steer the reads. Each path runs only once the previous succeeded; a
// refusal (InputError, BudgetExceeded) propagates. The probe of the hostile-input
// tests (test/read_everything.h) and of the parquet_reader fuzz target.

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "column_values.h"
#include "parquet_file.h"
#include "query.h"

namespace tollgate::parquet {

inline void readEveryWay(const std::vector<std::uint8_t>& bytes, MemoryBudget& budget, const ReaderOptions& options,
                         std::initializer_list<double> thresholds) {
  ParquetFile file(bytes.size(), budget, options);
  driveFromMemory(file, bytes.data(), bytes.size());
  {
    DecodeStats stats;
    decodeAll(file, bytes.data(), stats);
  }
  QuerySpec all;
  for (const std::uint32_t field : file.schema().top_fields) all.columns.push_back(file.schema().fieldName(field));
  QuerySpec leaves;
  for (const ColumnDescriptor& c : file.schema().columns) leaves.columns.push_back(c.name);
  for (const QuerySpec* spec : {&all, &leaves}) {
    Query q(file, *spec);
    driveFromMemory(q, bytes.data(), bytes.size());
  }
  for (const ColumnDescriptor& c : file.schema().columns) {
    if (!isNumeric(c.type) || c.nested) continue;
    for (const double threshold : thresholds) {
      QuerySpec where = all;
      where.where = GreaterThan{c.name, threshold};
      where.sum = true;
      Query p(file, where);
      driveFromMemory(p, bytes.data(), bytes.size());
    }
  }
}

}  // namespace tollgate::parquet
