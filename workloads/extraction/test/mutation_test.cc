// Mangled documents: the golden and corpus documents with bytes flipped,
// dropped, duplicated and spliced, read in every format. Each must give a
// result whose text is valid UTF-8 and which is the same whole or fed in
// pieces. Deterministic (a fixed xorshift seed), so a failure reproduces; the
// sanitizer build runs the same mutants with address and undefined-behaviour
// checks.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "corpus.h"
#include "extract_helpers.h"
#include "test_files.h"

namespace tollgate::extraction {
namespace {

class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : x_(seed) {}
  std::uint64_t next() {
    x_ ^= x_ << 13;
    x_ ^= x_ >> 7;
    x_ ^= x_ << 17;
    return x_;
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : next() % n; }

  std::string mutate(std::string doc, const std::string& donor) {
    static const char* const kTokens[] = {"<", ">", "&", "&#", "&#x", ";", "\"", "'", "<!--", "-->", "</", "<script>",
                                          "<table>", "<td>", "`", "```", "*", "_", "[", "](", "|", "\n", "\r", "---\n",
                                          ",", "\xEF\xBF", "\xF0\x9F", "\xC3", "\x00", "<![CDATA[", "]]>", "&amp"};
    for (std::size_t edits = 1 + below(8); edits > 0; --edits) {
      const std::size_t at = below(doc.size() + 1);
      switch (below(5)) {
        case 0: if (!doc.empty() && at < doc.size()) doc[at] = static_cast<char>(next()); break;
        case 1: doc.erase(at, below(64)); break;
        case 2: doc.insert(at, kTokens[below(sizeof kTokens / sizeof *kTokens)]); break;
        case 3: doc.insert(at, doc.substr(below(doc.size() + 1), below(128))); break;
        default: doc.insert(at, donor.substr(below(donor.size() + 1), below(256))); break;
      }
    }
    return doc;
  }

 private:
  std::uint64_t x_;
};

std::vector<std::string> seeds() {
  std::vector<std::string> docs;
  for (const char* file : {"page.html", "messy.html", "entities.html", "feed.xml", "readme.md", "inline.md",
                           "people.csv", "notes.txt"}) {
    std::ifstream in(tollgate::test::sourcePath(std::string("workloads/extraction/test/golden/") + file),
                     std::ios::binary);
    docs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  for (Format f : {Format::html, Format::markdown, Format::csv}) docs.push_back(corpus::generateDocument({f, 3000, 11}));
  return docs;
}

TEST(Mutation, MangledDocumentsGiveValidResultsTheSameWholeAndInPieces) {
  const std::vector<std::string> docs = seeds();
  Mutator m(0x2545F4914F6CDD1Dull);
  const Format formats[] = {Format::text, Format::markdown, Format::csv, Format::html, Format::xml};
  for (int round = 0; round < 400; ++round) {
    const std::string doc = m.mutate(docs[m.below(docs.size())], docs[m.below(docs.size())]);
    const Format format = formats[m.below(5)];
    ResultBuffers whole;
    extractDocument(format, doc.data(), doc.size(), whole);
    ASSERT_TRUE(test::isValidUtf8(whole.content) && test::isValidUtf8(whole.strings)) << "round " << round;
    const std::size_t piece = 1 + m.below(97);
    ASSERT_EQ(test::extractInPieces(format, doc, piece), resultJson(whole))
        << "round " << round << ", " << formatName(format) << " in pieces of " << piece;
  }
}

}  // namespace
}  // namespace tollgate::extraction
