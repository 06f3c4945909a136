// The corpus is deterministic (the same bytes natively and in wasm: these
// digests are checked by both builds) and realistic.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "corpus.h"
#include "extract_helpers.h"
#include "tollgate/digest.h"
#include "tollgate/errors.h"

namespace tollgate::extraction {
namespace {

std::string digestOf(const std::string& bytes) {
  Fnv1a32 d;
  d.addBytes(bytes.data(), bytes.size());
  return d.text();
}

TEST(Corpus, DocumentsAreTheSameBytesEverywhere) {
  // Recorded from the native build; the wasm build must produce the same.
  EXPECT_EQ(digestOf(corpus::generateDocument({Format::html, 1500, 1})), "fnv1a32:7d40f3d3");
  EXPECT_EQ(digestOf(corpus::generateDocument({Format::html, 100000, 1})), "fnv1a32:c142a489");
  EXPECT_EQ(digestOf(corpus::generateDocument({Format::markdown, 33000, 1})), "fnv1a32:6a2979d7");
  EXPECT_EQ(digestOf(corpus::generateDocument({Format::text, 33000, 1})), "fnv1a32:042a0ff3");
  EXPECT_EQ(digestOf(corpus::generateDocument({Format::csv, 33000, 1})), "fnv1a32:31086cf3");
  // The site corpus: an application page, an encyclopedia article, a news page, documentation.
  const std::pair<std::uint64_t, const char*> site[] = {
      {1, "fnv1a32:facfcac5"}, {2, "fnv1a32:160f2a5b"}, {3, "fnv1a32:bbdcbae5"}, {9, "fnv1a32:7e68caab"}};
  for (const auto& [seed, digest] : site) {
    EXPECT_EQ(digestOf(corpus::generateDocument({Format::html, 100000, seed, corpus::Corpus::site})), digest) << seed;
  }
  EXPECT_THROW(corpus::generateDocument({Format::markdown, 1000, 1, corpus::Corpus::site}), InputError);
  EXPECT_THROW(corpus::parseCorpus("web"), InputError);
}

TEST(Corpus, SizesAreCloseToTheTarget) {
  for (Format f : {Format::html, Format::markdown, Format::text, Format::csv}) {
    for (std::size_t bytes : {1500u, 33000u, 100000u}) {
      const std::size_t size = corpus::generateDocument({f, bytes, 3}).size();
      EXPECT_GE(size, bytes * 9 / 10) << formatName(f) << " " << bytes;
      EXPECT_LE(size, bytes + bytes / 5 + 600) << formatName(f) << " " << bytes;
    }
  }
  EXPECT_GE(corpus::generateDocument({Format::html, 10'000'000, 1}).size(), 10'000'000u);
}

TEST(Corpus, SeedsGiveDifferentDocuments) {
  EXPECT_NE(corpus::generateDocument({Format::html, 5000, 1}), corpus::generateDocument({Format::html, 5000, 2}));
  EXPECT_EQ(corpus::generateDocument({Format::html, 5000, 9}), corpus::generateDocument({Format::html, 5000, 9}));
}

TEST(Corpus, HtmlPagesHaveTheStructureOfRealOnes) {
  const auto r = test::extract(Format::html, corpus::generateDocument({Format::html, 100000, 1}));
  EXPECT_FALSE(r["metadata"]["title"].get<std::string>().empty());
  EXPECT_FALSE(r["metadata"]["description"].get<std::string>().empty());
  EXPECT_FALSE(r["metadata"]["lang"].get<std::string>().empty());
  EXPECT_GE(r["headings"].size(), 20u);
  EXPECT_GE(r["links"].size(), 50u);
  EXPECT_GE(r["images"].size(), 3u);
  EXPECT_GE(r["tables"].size(), 3u);
  const std::string content = r["content"];
  EXPECT_EQ(content.find("&mdash;"), std::string::npos);  // references decoded
  EXPECT_EQ(content.find("dataLayer"), std::string::npos);  // scripts skipped
  EXPECT_NE(content.find("\xE2\x80\x94"), std::string::npos);  // an em dash, from &mdash;
  std::size_t non_ascii = 0;
  for (const char c : content) non_ascii += (static_cast<unsigned char>(c) & 0xC0) == 0xC0;
  EXPECT_GE(non_ascii, 200u);
  // Not repeated filler: most lines are distinct.
  std::set<std::string> lines;
  std::size_t count = 0;
  for (std::size_t start = 0, nl; start < content.size(); start = nl + 1) {
    nl = content.find('\n', start);
    if (nl == std::string::npos) nl = content.size();
    if (nl - start > 40) {
      lines.insert(content.substr(start, nl - start));
      ++count;
    }
  }
  EXPECT_GE(lines.size() * 10, count * 9);
}

TEST(Corpus, MarkdownHasFrontMatterAndEveryBlockKind) {
  const auto r = test::extract(Format::markdown, corpus::generateDocument({Format::markdown, 33000, 1}));
  EXPECT_FALSE(r["metadata"]["title"].get<std::string>().empty());
  EXPECT_FALSE(r["metadata"]["keywords"].get<std::string>().empty());
  EXPECT_GE(r["headings"].size(), 5u);
  EXPECT_GE(r["links"].size(), 5u);
  EXPECT_GE(r["tables"].size(), 1u);
  EXPECT_GE(r["images"].size(), 1u);
}

}  // namespace
}  // namespace tollgate::extraction
