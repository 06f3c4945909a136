// The native byte-range source: exact reads, errors naming the file, and
// allocation counts that do not depend on where the file is (the regression
// gates compare them exactly across checkouts).

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "file_source.h"
#include "test_util.h"
#include "tollgate/alloc_hook.h"
#include "tollgate/errors.h"

namespace tollgate::parquet {
namespace {

using test::expectRefused;

class FileSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const std::string& path : {short_path, long_path}) writeWholeFile(path, bytes);
  }
  void TearDown() override {
    for (const std::string& path : {short_path, long_path}) std::remove(path.c_str());
  }

  const std::string short_path = "fs-a.bin";
  const std::string long_path = "fs-" + std::string(180, 'b') + ".bin";
  const std::vector<std::uint8_t> bytes{1, 2, 3, 4, 5, 6, 7, 8};
};

TEST_F(FileSourceTest, ReadsExactRangesAndCountsThem) {
  FileSource source(short_path);
  EXPECT_EQ(source.size(), 8u);
  std::uint8_t out[3] = {};
  source.read(2, 3, out);
  EXPECT_EQ(out[0], 3);
  EXPECT_EQ(out[2], 5);
  source.read(0, 8, std::vector<std::uint8_t>(8).data());
  EXPECT_EQ(source.io().requests, 2u);
  EXPECT_EQ(source.io().bytes_read, 11u);
}

TEST_F(FileSourceTest, ErrorsNameTheFile) {
  expectRefused<InputError>([] { FileSource("fs-absent.bin"); }, "cannot open fs-absent.bin");
  FileSource source(long_path);
  std::uint8_t out[4];
  expectRefused<InputError>([&] { source.read(6, 4, out); }, long_path + ": a read of 4 bytes at 6 is past its end (8 bytes)");
}

TEST_F(FileSourceTest, AllocatesTheSameWhateverThePathLength) {
  auto allocated = [](const std::string& path) {
    resetAllocCounters();
    {
      FileSource source(path);
      std::uint8_t out[4];
      source.read(0, 4, out);
    }
    return allocStats().bytes_allocated;
  };
  EXPECT_EQ(allocated(short_path), allocated(long_path));
}

}  // namespace
}  // namespace tollgate::parquet
