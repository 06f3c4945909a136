#include "bench_data.h"

#include <algorithm>
#include <stdexcept>

#include "byte_reader.h"
#include "tollgate/splitmix64.h"

namespace tollgate::parquet {
namespace {

// Bumped whenever the generator or the writer changes what they write, so that
// files cached in a build tree are never stale.
constexpr int kGeneratorVersion = 1;

std::uint64_t mix(std::uint64_t x) { return splitmix64(x); }  // a hash: x is a copy

std::uint64_t field(const BenchSpec& spec, std::uint64_t row, std::uint64_t which) {
  return mix(mix(spec.seed * 0x100000001b3ull + which) ^ row);
}

const char* const kAdjectives[32] = {
    "Sturdy", "Compact", "Deluxe", "Classic", "Modern", "Rustic", "Portable", "Quiet", "Bright", "Smart",
    "Folding", "Heavy", "Light", "Vintage", "Élégant", "Cordless", "Organic", "Steel", "Wooden", "Glass",
    "Premium", "Basic", "Large", "Small", "Round", "Square", "Soft", "Hard", "Warm", "Cool", "Swift", "Noble"};
const char* const kNouns[32] = {
    "Lamp", "Chair", "Kettle", "Blender", "Desk", "Shelf", "Mug", "Pan", "Drill", "Hammer",
    "Rug", "Pillow", "Clock", "Mirror", "Vase", "Stool", "Bench", "Fan", "Heater", "Toaster",
    "Bowl", "Plate", "Knife", "Spoon", "Basket", "Crate", "Ladder", "Hose", "Rake", "Shovel", "Tent", "Kite"};
const char* const kCategories[24] = {
    "Garden", "Kitchen", "Tools", "Lighting", "Furniture", "Decor", "Outdoor", "Bath", "Storage", "Office",
    "Toys", "Sports", "Café & Bar", "Pets", "Books", "Music", "Travel", "Crafts", "Bedding", "Cleaning",
    "Laundry", "Safety", "Party", "Seasonal"};

void append(ColumnInput& c, const void* value, std::size_t size) {
  const auto* p = static_cast<const std::uint8_t*>(value);
  c.data.insert(c.data.end(), p, p + size);
}

void appendString(ColumnInput& c, const std::string& s) {
  append(c, s.data(), s.size());
  c.offsets.push_back(static_cast<std::uint32_t>(c.data.size()));
}

}  // namespace

BenchRow benchRow(const BenchSpec& spec, std::uint64_t row) {
  BenchRow r;
  r.id = static_cast<std::int64_t>(row);
  if (field(spec, row, 1) % 64 != 0) {
    const std::int64_t base = static_cast<std::int64_t>(100000 * row / spec.rows);  // cents, rising with id
    const std::int64_t noise = static_cast<std::int64_t>(field(spec, row, 2) % 2001) - 1000;
    std::int64_t cents = base + noise;
    cents = cents < 0 ? 0 : cents > 99999 ? 99999 : cents;
    r.price = static_cast<double>(cents) / 100.0;  // one correctly rounded division: the same everywhere
  }
  if (field(spec, row, 3) % 32 != 0) r.qty = static_cast<std::int32_t>(1 + field(spec, row, 4) % 100);
  const std::uint64_t n = field(spec, row, 5);
  if (n % 100 != 0) {
    r.name = std::string(kAdjectives[(n >> 8) % 32]) + " " + kNouns[(n >> 16) % 32] + " " + std::to_string(100 + (n >> 24) % 900);
  }
  r.category = kCategories[field(spec, row, 6) % 24];
  return r;
}

std::vector<WriterColumn> benchSchema() {
  return {
      {"id", PhysicalType::int64, false, false, 0, false},
      {"price", PhysicalType::float64, true, false, 0, false},
      {"qty", PhysicalType::int32, true, false, 0, false},
      {"name", PhysicalType::byte_array, true, true, 0, false},
      {"category", PhysicalType::byte_array, false, true, 0, true},
  };
}

std::vector<ColumnInput> benchColumns(const BenchSpec& spec, std::uint64_t first, std::uint32_t count) {
  std::vector<ColumnInput> cols(5);
  cols[0].data.reserve(count * 8u);
  cols[1].data.reserve(count * 8u);
  cols[2].data.reserve(count * 4u);
  for (int c : {3, 4}) cols[c].offsets.push_back(0);
  for (std::uint64_t row = first; row < first + count; ++row) {
    const BenchRow r = benchRow(spec, row);
    append(cols[0], &r.id, 8);
    const double price = r.price.value_or(0.0);
    append(cols[1], &price, 8);
    cols[1].valid.push_back(r.price.has_value());
    const std::int32_t qty = r.qty.value_or(0);
    append(cols[2], &qty, 4);
    cols[2].valid.push_back(r.qty.has_value());
    appendString(cols[3], r.name.value_or(""));
    cols[3].valid.push_back(r.name.has_value());
    appendString(cols[4], r.category);
  }
  return cols;
}

std::vector<std::uint8_t> writeBenchFile(const BenchSpec& spec) {
  if (spec.rows == 0 || spec.row_group_rows == 0 || spec.page_rows == 0) throw std::invalid_argument("bench file sizes must be positive");
  WriterOptions options;
  options.codec = spec.codec;
  options.compress = spec.compress;
  options.page_rows = spec.page_rows;
  options.page_index = spec.page_index;
  options.data_page_v2 = spec.data_page_v2;
  options.key_value_metadata = {{"tollgate.generator", "bench v" + std::to_string(kGeneratorVersion) + " seed " + std::to_string(spec.seed)}};
  ParquetWriter writer(benchSchema(), options);
  for (std::uint64_t first = 0; first < spec.rows; first += spec.row_group_rows) {
    const auto count = static_cast<std::uint32_t>(std::min<std::uint64_t>(spec.row_group_rows, spec.rows - first));
    writer.writeRowGroup(benchColumns(spec, first, count), count);
  }
  return writer.finish();
}

std::string benchFileName(const BenchSpec& spec) {
  return "bench-v" + std::to_string(kGeneratorVersion) + "-rows" + std::to_string(spec.rows) + "-rg" +
         std::to_string(spec.row_group_rows) + "-page" + std::to_string(spec.page_rows) + "-seed" +
         std::to_string(spec.seed) + (spec.codec == Codec::snappy ? "-snappy" : spec.codec == Codec::uncompressed ? "-plain" : "-codec" + std::to_string(static_cast<int>(spec.codec))) +
         (spec.data_page_v2 ? "-v2" : "") + (spec.page_index ? "" : "-noindex") + ".parquet";
}

}  // namespace tollgate::parquet
