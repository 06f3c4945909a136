#pragma once
// Every value the native reader returns for a file, as JSON, for the interop
// suite (test/interop/) to compare with what the wasm module returns and with
// DuckDB's reading of the same file. Values are in one raw form that C++ and JS
// both produce exactly (test/interop/our-reader.mjs is the JS half):
//   BOOLEAN        "true" / "false"
//   INT32, INT64   decimal text, zero-extended when the column is unsigned
//   FLOAT, DOUBLE  the 16 hex digits of the value's IEEE double bits (FLOAT widened)
//   byte arrays    lowercase hex of the bytes
//   null           null
// The columns are described as describe() describes them in JS (name, type,
// optional, logical, unsupported), so the same conversions give them meaning.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace tollgate::parquet {

struct DumpSpec {
  bool eager = false;                 // the whole file decoded (eager_rows), else a query (late_columns)
  std::optional<std::string> where;   // late only: rows whose `where` > `threshold`
  double threshold = 0;
};

// { columns, rows, values: [[...] per column, null when unsupported], warnings,
//   count and sum with a predicate }, or { columns?, error } when the file or a
// step is refused (the message as the reader gives it).
nlohmann::json dumpValues(const std::string& path, const DumpSpec& spec);

}  // namespace tollgate::parquet
