// The golden documents (test/golden/README.md): the canonical JSON of each, whole
// and fed in pieces, natively and in wasm.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "extract_helpers.h"
#include "test_files.h"

namespace tollgate::extraction {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Golden {
  const char* file;
  Format format;
};

// Listed, not globbed: a missing file fails here instead of being skipped.
const Golden kGolden[] = {
    {"page.html", Format::html},      {"messy.html", Format::html},   {"entities.html", Format::html},
    {"head-only.html", Format::html}, {"feed.xml", Format::xml},      {"readme.md", Format::markdown},
    {"inline.md", Format::markdown},  {"notes.txt", Format::text},    {"invalid.txt", Format::text},
    {"people.csv", Format::csv},      {"lenient.csv", Format::csv},   {"cyrillic.html", Format::html},
    {"japanese.html", Format::html},  {"wide.csv", Format::csv},
};

std::string goldenPath(const char* file) {
  return tollgate::test::sourcePath(std::string("workloads/extraction/test/golden/") + file);
}

std::string expected(const char* file) {
  std::string json = readFile(goldenPath(file) + ".json");
  while (!json.empty() && json.back() == '\n') json.pop_back();
  return json;
}

TEST(Golden, EveryDocumentGivesItsCanonicalJson) {
  for (const Golden& g : kGolden) {
    EXPECT_EQ(test::extractJson(g.format, readFile(goldenPath(g.file))), expected(g.file)) << g.file;
  }
}

TEST(Golden, FeedingInPiecesOfAnySizeGivesTheSameJson) {
  for (const Golden& g : kGolden) {
    const std::string doc = readFile(goldenPath(g.file));
    for (std::size_t piece : {1, 2, 3, 5, 7, 16, 64}) {
      EXPECT_EQ(test::extractInPieces(g.format, doc, piece), expected(g.file)) << g.file << " in pieces of " << piece;
    }
  }
}

TEST(Golden, CountsAreThoseOfTheContent) {
  // char_count is code points; word_count runs of non-White_Space: recomputed
  // here the slow way, from the JSON.
  for (const Golden& g : kGolden) {
    const nlohmann::json r = nlohmann::json::parse(expected(g.file));
    const std::string content = r["content"].get<std::string>();
    std::uint64_t chars = 0, words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < content.size();) {
      std::size_t length;
      const std::uint32_t cp = decodeUtf8(content.data() + i, &length);
      i += length;
      ++chars;
      const bool space = isUnicodeSpace(cp);
      if (!space && !in_word) ++words;
      in_word = !space;
    }
    EXPECT_EQ(r["char_count"].get<std::uint64_t>(), chars) << g.file;
    EXPECT_EQ(r["word_count"].get<std::uint64_t>(), words) << g.file;
  }
}

}  // namespace
}  // namespace tollgate::extraction
