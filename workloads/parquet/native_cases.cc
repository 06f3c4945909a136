// The Parquet workload, native: the same three queries on the kernel directly,
// reading the same benchmark file (generated into the build's data folder when
// missing). "kernel" is the late path (footer first, pruning, late
// materialization) over a FileSource; "kernel_eager" reads the whole file and
// decodes every column, as eager_rows does, without the JS objects.
//
// As in the JS adapters, each operation opens its file inside the timed
// operation (the size lookup a streaming reader needs before the footer, a HEAD
// over HTTP, counted in source_requests), and what it held, the file included,
// is released before the next one, untimed.

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "bench_data.h"
#include "file_source.h"
#include "tollgate/native_case.h"
#include "query.h"
#include "tollgate/digest.h"
#include "tollgate/probe.h"

namespace tollgate::native {
namespace {

using namespace tollgate::parquet;

BenchSpec benchSpec(const nlohmann::ordered_json& p) {
  BenchSpec spec;
  spec.rows = p.at("rows").get<std::uint64_t>();
  spec.row_group_rows = p.at("row_group_rows").get<std::uint32_t>();
  spec.page_rows = p.at("page_rows").get<std::uint32_t>();
  spec.seed = p.at("seed").get<std::uint64_t>();
  spec.data_page_v2 = p.value("page_version", 1) == 2;
  return spec;
}

// The benchmark file's path, written first if absent.
std::string ensureBenchFile(const BenchSpec& spec) {
  const std::filesystem::path dir = std::filesystem::path(nativeDataDir()) / "parquet";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / benchFileName(spec)).string();
  if (!std::filesystem::exists(path)) writeWholeFile(path, writeBenchFile(spec));
  return path;
}

void addU64(Fnv1a32& d, std::uint64_t v) {
  d.addU32(static_cast<std::uint32_t>(v));
  d.addU32(static_cast<std::uint32_t>(v >> 32));
}

void addF64(Fnv1a32& d, double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, 8);
  addU64(d, bits);
}

void addName(Fnv1a32& d, const std::uint8_t* bytes, std::size_t size, bool null) {
  if (null) {
    d.addU32(0xffffffffu);
    return;
  }
  d.addU32(static_cast<std::uint32_t>(size));
  d.addBytes(bytes, size);
}

// The digests the JS adapters compute (parquet-adapters.mjs), from C++ values.
std::string describeDigest(const ParquetFile& file) {
  Fnv1a32 d;
  addU64(d, static_cast<std::uint64_t>(file.metadata().num_rows));
  d.addU32(static_cast<std::uint32_t>(file.metadata().row_groups.size()));
  for (const ColumnDescriptor& c : file.schema().columns) {
    const std::string type = typeLabel(c);
    addName(d, reinterpret_cast<const std::uint8_t*>(c.name.data()), c.name.size(), false);
    addName(d, reinterpret_cast<const std::uint8_t*>(type.data()), type.size(), false);
    d.addU32(c.optional ? 1 : 0);
  }
  return d.text();
}

std::string countSumDigest(std::uint64_t count, double sum) {
  Fnv1a32 d;
  addU64(d, count);
  addF64(d, sum);
  return d.text();
}

// Q3's digest over (text, number) columns of `rows` selected rows, each read
// through a row index into the columns (all rows, or the query's result).
template <typename RowAt>
std::string selectDigest(const ColumnValues& text, const ColumnValues& number, std::uint64_t rows, RowAt&& at) {
  Fnv1a32 d;
  addU64(d, rows);
  for (std::uint64_t i = 0; i < rows; ++i) {
    const std::size_t r = at(i);
    addName(d, text.data.data() + text.offsets[r], text.offsets[r + 1] - text.offsets[r], text.isNull(r));
    addF64(d, number.number(r));
  }
  return d.text();
}

class ParquetCase final : public NativeCase {
 public:
  ParquetCase(const SuiteCase& c, bool eager) : c_(c), eager_(eager), budget_(c.params.at("budget_mb").get<std::uint64_t>() << 20) {}

  void prepare() override {
    path_ = ensureBenchFile(benchSpec(c_.params));
    threshold_ = c_.params.at("threshold").get<double>();
    where_ = c_.params.at("where").get<std::string>();
    const std::string columns = c_.params.at("columns").get<std::string>();
    const std::size_t comma = columns.find(',');
    if (comma == std::string::npos) throw std::runtime_error("columns must name a text and a number column");
    columns_ = {columns.substr(0, comma), columns.substr(comma + 1)};
  }
  void beforeOp() override {
    held_.release();
    budget_.resetPeak();
    io_ = {};
  }
  void runOp() override { eager_ ? runEager() : runLate(); }
  std::string resultDigest() override { return digest_; }
  std::map<std::string, std::uint64_t> counters() override {
    return {{"source_requests", 1 + io_.requests},  // the size lookup, then each range read
            {"source_bytes_read", io_.bytes_read},
            {"source_file_bytes", file_bytes_},
            {"source_read_ppm", file_bytes_ == 0 ? 0 : (io_.bytes_read * 1000000 + file_bytes_ / 2) / file_bytes_}};
  }
  std::map<std::string, std::uint64_t> memory() override { return {{"budget_peak_bytes", budget_.stats().peak}}; }

 private:
  void runLate() {
    FileSource& source = held_.open(path_);
    file_bytes_ = source.size();
    held_.file = std::make_unique<ParquetFile>(source.size(), budget_);
    ParquetFile& file = *held_.file;
    {
      TOLLGATE_PHASE(compute);
      drive(file, source);
    }
    if (c_.operation == "footer") {
      digest_ = describeDigest(file);
    } else {
      QuerySpec spec;
      spec.where = GreaterThan{where_, threshold_};
      spec.sum = c_.operation == "count_sum";
      if (!spec.sum) spec.columns = columns_;
      held_.query = std::make_unique<Query>(file, spec);
      {
        TOLLGATE_PHASE(compute);
        drive(*held_.query, source);
      }
      const QueryResult& r = held_.query->result();
      TOLLGATE_PHASE(copy_out);  // reading the results, as every JS consumer does
      digest_ = spec.sum ? countSumDigest(r.rows, r.sum)
                         : selectDigest(r.columns[0], r.columns[1], r.rows, [](std::uint64_t i) { return i; });
    }
    io_ = source.io();
  }

  void runEager() {
    FileSource& source = held_.open(path_);
    file_bytes_ = source.size();
    held_.bytes = std::make_unique<Bytes>(budget_);
    Bytes& bytes = *held_.bytes;
    bytes.resize(static_cast<std::size_t>(source.size()), "the whole file (eager)");
    source.read(0, source.size(), bytes.data());
    io_ = source.io();
    TOLLGATE_PHASE(compute);
    held_.file = std::make_unique<ParquetFile>(bytes.size(), budget_);
    ParquetFile& file = *held_.file;
    driveFromMemory(file, bytes.data(), bytes.size());
    if (c_.operation == "footer") {
      digest_ = describeDigest(file);
      return;
    }
    DecodeStats stats;
    held_.table = decodeAll(file, bytes.data(), stats);
    const std::vector<ColumnValues>& table = held_.table;
    const ColumnValues& where = table[file.schema().column(where_).index];
    std::vector<std::size_t> picked;
    double sum = 0;
    for (std::size_t r = 0; r < where.rows; ++r) {
      if (where.isNull(r) || !(where.number(r) > threshold_)) continue;
      picked.push_back(r);
      sum += where.number(r);
    }
    if (c_.operation == "count_sum") {
      digest_ = countSumDigest(picked.size(), sum);
    } else {
      digest_ = selectDigest(table[file.schema().column(columns_[0]).index], table[file.schema().column(columns_[1]).index],
                             picked.size(), [&](std::uint64_t i) { return picked[i]; });
    }
  }

  // What one operation opened and made, kept until the next one's beforeOp
  // (as the JS adapters' session and source are), then released in order.
  struct Held {
    std::unique_ptr<FileSource> source;
    std::unique_ptr<Bytes> bytes;
    std::unique_ptr<ParquetFile> file;
    std::unique_ptr<Query> query;
    std::vector<ColumnValues> table;

    FileSource& open(const std::string& path) {
      source = std::make_unique<FileSource>(path);
      return *source;
    }
    void release() {
      table.clear();
      query.reset();  // before the file it borrows bytes from
      file.reset();
      bytes.reset();
      source.reset();
    }
  };

  SuiteCase c_;
  bool eager_;
  MemoryBudget budget_;
  Held held_;  // after budget_: released before it
  std::string path_, where_;
  std::vector<std::string> columns_;
  double threshold_ = 0;
  IoStats io_;
  std::uint64_t file_bytes_ = 0;
  std::string digest_;
};

const RegisterWorkload kRegistered("parquet", [](const SuiteCase& c, const std::string& variant) -> std::unique_ptr<NativeCase> {
  if (c.operation != "footer" && c.operation != "count_sum" && c.operation != "select") {
    throw std::runtime_error("the parquet workload has no operation '" + c.operation + "'");
  }
  if (variant != "kernel" && variant != "kernel_eager") {
    throw std::runtime_error("the parquet workload has no native variant '" + variant + "'");
  }
  return std::make_unique<ParquetCase>(c, variant == "kernel_eager");
});

}  // namespace
}  // namespace tollgate::native
