// The issue's hostile inputs: each gives a result or a clear error, never a
// crash, an out-of-bounds read or unbounded memory. (Run natively and as wasm;
// the native run is also where sanitizers would look.)

#include <gtest/gtest.h>

#include <string>

#include "extract_helpers.h"
#include "extraction_limits.h"
#include "extraction_session.h"
#include "tollgate/alloc_hook.h"

namespace tollgate::extraction {
namespace {

const Format kAll[] = {Format::text, Format::markdown, Format::csv, Format::html, Format::xml};

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(Hostile, EmptyInputIsAnEmptyResultInEveryFormat) {
  for (Format f : kAll) {
    const auto r = test::extract(f, "");
    EXPECT_EQ(r["content"], "") << formatName(f);
    EXPECT_EQ(r["word_count"], 0) << formatName(f);
  }
}

TEST(Hostile, BinaryGarbageGivesValidTextInEveryFormat) {
  std::string garbage(1 << 20, '\0');
  std::uint64_t x = 88172645463325252ull;
  for (char& c : garbage) {  // xorshift: every byte value, NULs and broken sequences included
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x >> 56);
  }
  for (Format f : kAll) {
    ResultBuffers r;
    extractDocument(f, garbage.data(), garbage.size(), r);
    EXPECT_TRUE(test::isValidUtf8(r.content)) << formatName(f);
    EXPECT_TRUE(test::isValidUtf8(r.strings)) << formatName(f);
    EXPECT_EQ(test::extractInPieces(f, garbage, 4093), resultJson(r)) << formatName(f);
  }
}

TEST(Hostile, AHundredThousandNestedElements) {
  const std::size_t n = 100000;
  EXPECT_EQ(test::extract(Format::html, repeat("<div>", n) + "x" + repeat("</div>", n))["content"], "x");
  EXPECT_EQ(test::extract(Format::html, repeat("<span><b>", n) + "x")["content"], "x");
  EXPECT_EQ(test::extract(Format::html, repeat("<ul><li>", n) + "x")["content"], "x");
  const auto tables = test::extract(Format::html, repeat("<table><tr><td>", n) + "x");
  EXPECT_EQ(tables["tables"].size(), kMaxTableDepth);
  const auto links = test::extract(Format::html, repeat("<a href=#>", n) + "x");
  EXPECT_EQ(links["links"].size(), n);  // each <a> closes the one before
  EXPECT_EQ(test::extract(Format::html, repeat("<h1>", n) + "x")["headings"].size(), n);
  EXPECT_EQ(test::extract(Format::xml, repeat("<e>", n) + "x" + repeat("</e>", n))["content"], "x");
  // Markdown's blocks nest kMaxMarkdownDepth deep (the document is one, a list
  // and its item two); the markers past that are text.
  EXPECT_EQ(test::extract(Format::markdown, repeat(">", n) + " x")["content"],
            repeat(">", n - (kMaxMarkdownDepth - 1)) + " x");
  EXPECT_EQ(test::extract(Format::markdown, repeat("- ", n) + "x")["content"],
            repeat("- ", n - kMaxMarkdownDepth / 2) + "x");
  EXPECT_EQ(test::extract(Format::markdown, repeat("[", n) + "x" + repeat("]", n))["content"],
            repeat("[", n) + "x" + repeat("]", n));
  EXPECT_EQ(test::extract(Format::markdown, repeat("*", n) + "x" + repeat("*", n))["content"], "x");
}

TEST(Hostile, PathologicalInlineMarkdownStaysLinear) {
  // Each of these is quadratic in a naive inline parser; here they finish (the
  // test would time out otherwise) and keep their text.
  const std::size_t n = 200000;
  for (const std::string& unit : {std::string("*a "), std::string("_a "), std::string("`` ` "), std::string("[a]("),
                                  std::string("<a "), std::string("&"), std::string("![x"), std::string("<!-- "),
                                  std::string("](<"), std::string("[a](b \"")}) {
    const auto r = test::extract(Format::markdown, repeat(unit, n / unit.size()));
    EXPECT_TRUE(test::isValidUtf8(r["content"].get<std::string>())) << unit;
  }
}

TEST(Hostile, AFiftyMegabyteSingleLine) {
  const std::string words = repeat("word\xC3\xA9 ", 50'000'000 / 7);
  const std::uint64_t count = 50'000'000 / 7;
  for (Format f : {Format::text, Format::markdown, Format::html}) {
    ResultBuffers r;
    const std::string doc = f == Format::html ? "<p>" + words : words;
    extractDocument(f, doc.data(), doc.size(), r);
    // Markdown cuts the line into 1 MiB pieces and reads on: no word lost or split.
    EXPECT_EQ(r.word_count, count) << formatName(f);
  }
  const std::string cells = repeat(std::string(63, 'c') + ",", 50'000'000 / 64);
  ResultBuffers csv;
  extractDocument(Format::csv, cells.data(), cells.size(), csv);
  EXPECT_EQ(csv.rows.size() / kRowWords, 1u);
  EXPECT_EQ(csv.rows[2], kMaxRowCells);  // one row, its cells capped
  EXPECT_EQ(csv.word_count, 50'000'000u / 64);  // every cell is in the content (and an empty last one)
  EXPECT_EQ(csv.char_count, 50'000'000u / 64 * 64);
}

TEST(Hostile, AStreamedFiftyMegabyteLineHoldsBoundedMemory) {
  const std::string line = repeat("word ", 10'000'000);
  for (Format f : {Format::markdown, Format::html, Format::text}) {
    resetAllocCounters();
    const std::uint64_t base = allocStats().live_bytes;
    ExtractionStream stream(f, 1 << 16);
    for (std::size_t offset = 0; offset < line.size(); offset += 1 << 16) {
      const std::size_t n = std::min<std::size_t>(1 << 16, line.size() - offset);
      std::copy(line.data() + offset, line.data() + offset + n, stream.inputBuffer());
      stream.next(n, offset + n == line.size());
    }
    EXPECT_EQ(stream.chunk().word_count, 10'000'000u) << formatName(f);
    // Markdown holds a line piece and a paragraph piece (kMaxLineBytes, kMaxParagraphBytes),
    // and the chunk that paragraph ends in carries its text twice: UTF-8 and the
    // UTF-16 copy JS reads (utf16_text.h).
    EXPECT_LT(allocStats().peak_live_bytes - base, 12u << 20) << formatName(f);
  }
}

TEST(Hostile, TruncatedAndOverlongReferences) {
  for (const char* tail : {"&", "&a", "&amp", "&#", "&#x", "&#12", "&#x1F6", "&CounterClockwiseContourIntegra"}) {
    const auto r = test::extract(Format::html, std::string("x ") + tail);
    EXPECT_TRUE(test::isValidUtf8(r["content"].get<std::string>())) << tail;
    const auto attr = test::extract(Format::html, std::string("<a href='") + tail);  // unfinished tag: dropped
    EXPECT_EQ(attr["links"].size(), 0u) << tail;
  }
  EXPECT_EQ(test::extract(Format::html, "&#x1F6")["content"], "\xC7\xB6");
  EXPECT_EQ(test::extract(Format::html, "&" + std::string(100, 'a') + ";")["content"], "&" + std::string(100, 'a') + ";");
  EXPECT_EQ(test::extract(Format::html, "&#" + std::string(100, '9') + ";")["content"], "\xEF\xBF\xBD");
  EXPECT_EQ(test::extract(Format::markdown, "&#12345678; &#x1234567;")["content"], "&#12345678; &#x1234567;");
}

TEST(Hostile, HugeTagsAttributesAndUnterminatedConstructs) {
  EXPECT_EQ(test::extract(Format::html, "<" + std::string(1 << 20, 'a') + ">x")["content"], "x");
  std::string many = "<a";
  for (int i = 0; i < 10000; ++i) many += " a" + std::to_string(i) + "=v";
  EXPECT_EQ(test::extract(Format::html, many + " href=/late>x</a>")["links"].size(), 0u);  // past kMaxAttributes
  const auto big = test::extract(Format::html, "<a href='" + std::string(1 << 20, 'h') + "'>x</a>");
  EXPECT_EQ(big["links"][0]["href"].get<std::string>().size(), kMaxItemBytes);
  for (const char* open : {"<!-- ", "<script>", "<style>", "<title>", "<![CDATA[", "<!DOCTYPE ", "<a title='"}) {
    const auto r = test::extract(Format::html, std::string("before ") + open + std::string(1 << 20, 'z'));
    EXPECT_TRUE(test::isValidUtf8(r["content"].get<std::string>())) << open;
  }
}

}  // namespace
}  // namespace tollgate::extraction
