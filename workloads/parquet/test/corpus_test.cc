// The parquet-testing corpus (apache/parquet-testing's data/ and bad_data/):
// every file is either read, every column we support decoded, or refused with
// an error that names what is unsupported or wrong. None may crash, read out of
// bounds or allocate past the budget. Values are compared with an independent
// reader (hyparquet) in parquet-corpus.test.mjs; this suite runs natively and as
// wasm, and pins each file's outcome so that a change in any is seen.
//
// The corpus lives outside the repository: TOLLGATE_PARQUET_TESTING (natively),
// else ../shared/parquet-testing beside the repository (compiled in, since wasm
// cannot see the environment). Absent, the test is skipped, and ctest lists it
// as skipped; in CI (CI set, or TOLLGATE_REQUIRE_CORPUS) it fails instead.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "file_source.h"
#include "test_util.h"
#include "tollgate/errors.h"

namespace tollgate::parquet::test {
namespace {

namespace fs = std::filesystem;

std::string corpusDir() {
  const char* env = std::getenv("TOLLGATE_PARQUET_TESTING");
  return env != nullptr && *env != '\0' ? env : TOLLGATE_PARQUET_TESTING_DEFAULT;
}

// Whether the corpus must be there. Natively the environment says so at run
// time; in wasm only what the build was configured with counts
// (TOLLGATE_REQUIRE_CORPUS, from CMakeLists.txt), as its getenv sees nothing.
bool corpusRequired() {
#ifdef TOLLGATE_REQUIRE_CORPUS
  return true;
#else
  for (const char* name : {"CI", "TOLLGATE_REQUIRE_CORPUS"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0' && std::string(value) != "false" && std::string(value) != "0") return true;
  }
  return false;
#endif
}

struct Expected {
  std::int64_t rows;   // -1: the whole file is refused
  const char* needle;  // in the refusal, or in an unsupported column's reason ("" if none)
};

// Outcomes as this reader gives them; the JS test checks the values of those it reads.
const std::map<std::string, Expected>& expectations() {
  static const std::map<std::string, Expected> table = {
      {"data/alltypes_dictionary.parquet", {2, "physical type INT96"}},
      {"data/alltypes_plain.parquet", {8, "physical type INT96"}},
      {"data/alltypes_plain.snappy.parquet", {2, "physical type INT96"}},
      {"data/alltypes_tiny_pages.parquet", {7300, "physical type INT96"}},
      {"data/alltypes_tiny_pages_plain.parquet", {7300, "physical type INT96"}},
      {"data/binary.parquet", {12, ""}},
      {"data/binary_truncated_min_max.parquet", {12, ""}},
      {"data/byte_array_decimal.parquet", {24, ""}},
      {"data/byte_stream_split.zstd.parquet", {300, ""}},
      {"data/byte_stream_split_extended.gzip.parquet", {200, ""}},
      {"data/column_chunk_key_value_metadata.parquet", {0, ""}},
      {"data/concatenated_gzip_members.parquet", {513, ""}},
      {"data/data_index_bloom_encoding_stats.parquet", {14, ""}},
      {"data/data_index_bloom_encoding_with_length.parquet", {14, ""}},
      {"data/datapage_v1-corrupt-checksum.parquet", {5120, ""}},
      {"data/datapage_v1-snappy-compressed-checksum.parquet", {5120, ""}},
      {"data/datapage_v1-uncompressed-checksum.parquet", {5120, ""}},
      {"data/datapage_v2.snappy.parquet", {5, ""}},
      {"data/datapage_v2_empty_datapage.snappy.parquet", {1, ""}},
      {"data/delta_binary_packed.parquet", {200, ""}},
      {"data/delta_byte_array.parquet", {1000, ""}},
      {"data/delta_encoding_optional_column.parquet", {100, ""}},
      {"data/delta_encoding_required_column.parquet", {100, ""}},
      {"data/delta_length_byte_array.parquet", {1000, ""}},
      {"data/dict-page-offset-zero.parquet", {39, ""}},
      {"data/encrypt_columns_and_footer.parquet.encrypted", {-1, "encrypted footer (magic PARE)"}},
      {"data/encrypt_columns_and_footer_aad.parquet.encrypted", {-1, "encrypted footer (magic PARE)"}},
      {"data/encrypt_columns_and_footer_bloom_filter.parquet.encrypted", {-1, "encrypted footer (magic PARE)"}},
      {"data/encrypt_columns_and_footer_ctr.parquet.encrypted", {-1, "encrypted footer (magic PARE)"}},
      {"data/encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted", {-1, "encrypted footer (magic PARE)"}},
      {"data/encrypt_columns_plaintext_footer.parquet.encrypted", {-1, "columns are encrypted"}},
      {"data/external_key_material_java.parquet.encrypted", {-1, "encrypted footer (magic PARE)"}},
      {"data/fixed_length_byte_array.parquet", {1000, ""}},
      {"data/fixed_length_decimal.parquet", {24, ""}},
      {"data/fixed_length_decimal_legacy.parquet", {24, ""}},
      {"data/float16_nonzeros_and_nans.parquet", {8, ""}},
      {"data/float16_zeros_and_nans.parquet", {3, ""}},
      {"data/floating_orders_nan_count.parquet", {50, ""}},
      {"data/hadoop_lz4_compressed.parquet", {4, ""}},
      {"data/hadoop_lz4_compressed_larger.parquet", {10000, ""}},
      {"data/incorrect_map_schema.parquet", {1, ""}},
      {"data/int32_decimal.parquet", {24, ""}},
      {"data/int32_with_null_pages.parquet", {1000, ""}},
      {"data/int64_decimal.parquet", {24, ""}},
      {"data/int96_from_spark.parquet", {6, "physical type INT96"}},
      {"data/large_string_map.brotli.parquet", {-1, "a decompressed page needs 1073741828 bytes"}},
      {"data/list_columns.parquet", {3, ""}},
      {"data/lz4_raw_compressed.parquet", {4, ""}},
      {"data/lz4_raw_compressed_larger.parquet", {10000, ""}},
      {"data/map_no_value.parquet", {3, ""}},
      {"data/nan_in_stats.parquet", {2, ""}},
      {"data/nation.dict-malformed.parquet", {-1, "claims 28 bytes but only 13 remain"}},
      {"data/nested_lists.snappy.parquet", {3, ""}},
      {"data/nested_maps.snappy.parquet", {6, ""}},
      {"data/nested_structs.rust.parquet", {1, ""}},
      {"data/non_hadoop_lz4_compressed.parquet", {4, ""}},
      {"data/nonnullable.impala.parquet", {1, ""}},
      {"data/null_list.parquet", {1, ""}},
      {"data/nullable.impala.parquet", {7, ""}},
      {"data/nulls.snappy.parquet", {8, ""}},
      {"data/old_list_structure.parquet", {1, ""}},
      {"data/overflow_i16_page_cnt.parquet", {40000, ""}},
      {"data/page_v2_empty_compressed.parquet", {10, ""}},
      {"data/plain-dict-uncompressed-checksum.parquet", {1000, ""}},
      {"data/repeated_no_annotation.parquet", {-1, "the row groups hold 6 rows but the footer says 0"}},
      {"data/repeated_primitive_no_list.parquet", {4, ""}},
      {"data/rle-dict-snappy-checksum.parquet", {1000, ""}},
      {"data/rle-dict-uncompressed-corrupt-checksum.parquet", {1000, ""}},
      {"data/rle_boolean_encoding.parquet", {68, ""}},
      {"data/single_nan.parquet", {1, ""}},
      {"data/sort_columns.parquet", {6, ""}},
      {"data/uniform_encryption.parquet.encrypted", {-1, "encrypted footer (magic PARE)"}},
      {"data/unknown-logical-type.parquet", {3, ""}},
      {"bad_data/ARROW-GH-41317.parquet", {-1, "list 'ColumnMetaData.encodings' holds i16, expected i32"}},
      {"bad_data/ARROW-GH-41321.parquet", {-1, "definition levels: truncated"}},
      {"bad_data/ARROW-GH-43605.parquet", {21186, ""}},
      {"bad_data/ARROW-GH-45185.parquet", {-1, "column 'x.list.element': an entry of repetition level 1 continues a row before the first"}},
      {"bad_data/ARROW-GH-47662.parquet", {-1, "claims 100 values of 4 bytes"}},
      {"bad_data/ARROW-RS-GH-6229-DICTHEADER.parquet", {-1, "outside the file's column data"}},
      {"bad_data/ARROW-RS-GH-6229-LEVELS.parquet", {-1, "repetition levels: ends after 1 of 21 values"}},
      {"bad_data/PARQUET-1481.parquet", {-1, "unknown physical type -7"}},
  };
  return table;
}

// What reading a file gives: rows and the reasons of the columns refused, or a
// refusal of the whole file (rows -1 and its message).
struct Outcome {
  std::int64_t rows = -1;
  std::string message;
};

Outcome readFile(const std::vector<std::uint8_t>& bytes) {
  MemoryBudget budget(256u << 20);
  Outcome out;
  try {
    ParquetFile file(bytes.size(), budget);
    driveFromMemory(file, bytes.data(), bytes.size());
    QuerySpec readable;
    for (const ColumnDescriptor& c : file.schema().columns) {
      if (c.unsupported.empty()) {
        readable.columns.push_back(c.name);
      } else {
        out.message += (out.message.empty() ? "" : " | ") + c.unsupported;
        expectRefused<InputError>([&] { Query(file, QuerySpec{{c.name}, std::nullopt, false}); }, c.unsupported);
      }
    }
    const QueryResult r = runQuery(file, bytes, readable);
    for (const ColumnValues& c : r.columns) EXPECT_EQ(c.rows, static_cast<std::size_t>(file.metadata().num_rows));
    out.rows = file.metadata().num_rows;
  } catch (const InputError& e) {
    out = {-1, e.what()};
  } catch (const BudgetExceeded& e) {
    out = {-1, e.what()};
  }
  EXPECT_EQ(budget.stats().current, 0u);
  return out;
}

TEST(Corpus, EveryFileIsReadOrRefusedByName) {
  const std::string dir = corpusDir();
  if (!fs::exists(fs::path(dir) / "data")) {
    if (corpusRequired()) {
      FAIL() << "the parquet-testing corpus is absent (no folder " << dir
             << "/data) and CI requires it: set TOLLGATE_PARQUET_TESTING to where it is";
    }
    GTEST_SKIP() << "the parquet-testing corpus is absent: no folder " << dir
                 << "/data, so no corpus file was checked (set TOLLGATE_PARQUET_TESTING to where it is; CI must have it)";
  }
  std::size_t seen = 0;
  for (const char* sub : {"data", "bad_data"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(dir) / sub)) {
      const std::string name = std::string(sub) + "/" + entry.path().filename().string();
      if (!entry.is_regular_file() || name.find(".parquet") == std::string::npos) continue;
      SCOPED_TRACE(name);
      ++seen;
      const auto found = expectations().find(name);
      const Outcome got = readFile(readWholeFile(entry.path().string()));
      if (std::getenv("TOLLGATE_CORPUS_PRINT") != nullptr) std::printf("%s\t%lld\t%s\n", name.c_str(), static_cast<long long>(got.rows), got.message.c_str());
      if (found == expectations().end()) {
        ADD_FAILURE() << "a file this test does not know: it gave rows " << got.rows << ", '" << got.message
                      << "'; add its expected outcome";
        continue;
      }
      EXPECT_EQ(got.rows, found->second.rows) << got.message;
      EXPECT_NE(got.message.find(found->second.needle), std::string::npos) << got.message;
      if (found->second.needle[0] == '\0') {
        EXPECT_EQ(got.message, "");
      }
    }
  }
  EXPECT_EQ(seen, expectations().size()) << "files in the table are missing from " << dir;
}

}  // namespace
}  // namespace tollgate::parquet::test
