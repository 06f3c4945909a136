// HTML extraction rules, one at a time (the golden documents show them together).

#include <gtest/gtest.h>

#include <string>

#include "extract_helpers.h"
#include "extraction_limits.h"

namespace tollgate::extraction {
namespace {

nlohmann::json html(const std::string& doc) { return test::extract(Format::html, doc); }
std::string content(const std::string& doc) { return html(doc)["content"].get<std::string>(); }

TEST(Html, BlocksBecomeLineBreaksAndInlineWhitespaceCollapses) {
  EXPECT_EQ(content("<p>a\n  b\t c</p><p>d</p><div>e</div>f<br>g"), "a b c\n\nd\n\ne\nf\ng");
  EXPECT_EQ(content("<div>a</div><div>b</div>"), "a\nb");
  EXPECT_EQ(content("  <p>  lead and trail  </p>  "), "lead and trail");
  EXPECT_EQ(content("a<span> b </span>c"), "a b c");
  EXPECT_EQ(content("<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>"), "one\ntwo\n\nnested");
  EXPECT_EQ(content("<pre>\n x  y\n</pre>after"), " x  y\n\nafter");  // the newline after <pre> is dropped
}

TEST(Html, ScriptStyleCommentsAndTemplatesAreSkipped) {
  EXPECT_EQ(content("a<script>var s = '</p>'; if (x<y) {}</script>b"), "ab");
  EXPECT_EQ(content("a<style>p{}</style>b<!-- c -->d<!---->e<!-->f"), "abdef");
  EXPECT_EQ(content("a<template><p>t<template>u</template>v</p></template>b"), "ab");
  EXPECT_EQ(content("a<ScRiPt>x</sCrIpT >b"), "ab");  // end tags match case-insensitively, with spaces
  EXPECT_EQ(content("a<script>x</scriptx>y</script>b"), "ab");  // "</scriptx" is not its end tag
}

TEST(Html, MetadataComesFromTheHeadOnly) {
  const auto r = html(
      "<html lang=nl><title>T1</title><meta name=description content=D1><title>T2</title>"
      "<p>body<meta name=keywords content=K><title>T3</title>");
  EXPECT_EQ(r["metadata"]["title"], "T1");
  EXPECT_EQ(r["metadata"]["description"], "D1");
  EXPECT_EQ(r["metadata"]["keywords"], "");  // after the body began
  EXPECT_EQ(r["metadata"]["lang"], "nl");
  EXPECT_EQ(r["content"], "body");  // a title in the body is not text
}

TEST(Html, HeadingsLinksImagesAndTables) {
  const auto r = html(
      "<h2>Two <a href='/x'>link</a></h2><p><a href=/y>y<br>text</a><a>none</a>"
      "<img src=a.png alt=A><img alt=no-src></p>"
      "<table><tr><th>h1<th>h2<tr><td>1<td><b>2</b></table>");
  EXPECT_EQ(r["headings"], nlohmann::json::parse(R"([{"level":2,"text":"Two link"}])"));
  EXPECT_EQ(r["links"], nlohmann::json::parse(R"([{"href":"/x","text":"link"},{"href":"/y","text":"y text"}])"));
  EXPECT_EQ(r["images"], nlohmann::json::parse(R"([{"src":"a.png","alt":"A"}])"));
  EXPECT_EQ(r["tables"], nlohmann::json::parse(R"([[["h1","h2"],["1","2"]]])"));
  EXPECT_EQ(r["content"], "Two link\n\ny\ntextnone\n\nh1\th2\n1\t2");
  EXPECT_EQ(content("<table><tr><td>a</td><td> b </td><td>\n c</td></tr></table>"), "a\tb\tc");
}

TEST(Html, ReferencesInAttributesKeepTheHistoricalException) {
  const auto r = html("<a href='?a=1&copy=2&b&lt;c&ltd'>x</a>");
  EXPECT_EQ(r["links"][0]["href"], "?a=1&copy=2&b<c&ltd");
}

TEST(Html, UnquotedValuelessAndDuplicateAttributes) {
  const auto r = html("<a href=/a?b=c title=t href=/second>x</a><a disabled href = \"/z\" >y</a>");
  EXPECT_EQ(r["links"][0]["href"], "/a?b=c");
  EXPECT_EQ(r["links"][1]["href"], "/z");
}

TEST(Html, StrayAndUnfinishedMarkupAtTheEnd) {
  EXPECT_EQ(content("a < b <3 and 1<2"), "a < b <3 and 1<2");
  EXPECT_EQ(content("text <"), "text <");
  EXPECT_EQ(content("text </"), "text </");
  EXPECT_EQ(content("text <b class='unfinished"), "text");  // an unfinished tag is dropped
  EXPECT_EQ(content("text &am"), "text &am");
  EXPECT_EQ(content("text &amp"), "text &");
  EXPECT_EQ(content("text &#x4"), "text \x04");
  EXPECT_EQ(content("<title>t</ti"), "");
  EXPECT_EQ(html("<title>t</ti")["metadata"]["title"], "t</ti");
}

TEST(Html, RecordsAreCutAtTheItemLimitOnACharacterBoundary) {
  std::string word(kMaxItemBytes - 1, 'x');
  const auto r = html("<h1>" + word + "\xC3\xA9 more</h1>");
  const std::string text = r["headings"][0]["text"];
  EXPECT_EQ(text, word);  // the 2-byte character would not fit whole
  EXPECT_EQ(r["content"].get<std::string>().size(), word.size() + 2 + 5);  // the content keeps everything
}

TEST(Html, TablesNestedPastTheLimitAreReadAsFlow) {
  std::string doc;
  for (std::size_t i = 0; i < kMaxTableDepth + 5; ++i) doc += "<table><tr><td>c" + std::to_string(i);
  const auto r = html(doc);
  EXPECT_EQ(r["tables"].size(), kMaxTableDepth);
  EXPECT_EQ(r["tables"][kMaxTableDepth - 1][0][0], "c" + std::to_string(kMaxTableDepth - 1));
  EXPECT_NE(r["content"].get<std::string>().find("c" + std::to_string(kMaxTableDepth + 4)), std::string::npos);
}

TEST(Html, AVerticalTabSeparatesWordsButIsNotCollapsed) {
  // Found by the mutation test: VT is Unicode White_Space but not HTML whitespace.
  const auto r = html("<p>one two\vthree four</p>");
  EXPECT_EQ(r["content"], "one two\vthree four");
  EXPECT_EQ(r["word_count"], 4);
  EXPECT_EQ(test::extractInPieces(Format::html, "<p>one two\vthree four</p>", 9), test::extractJson(Format::html, "<p>one two\vthree four</p>"));
}

TEST(Html, AUnicodeSpaceCutByABlockStartsNoWord) {
  // Found by the extract_chunked campaign: text is read 16 bytes at a time, and
  // when a block ended inside a no-break space followed by a space, the next
  // block began on its continuation byte and counted a word there. Every
  // position of the space in a block, and the same text in pieces. In
  // windows-1252 (0xA0), whose decoder hands the text on in one piece.
  for (std::size_t before = 1; before <= 40; ++before) {
    SCOPED_TRACE(before);
    const std::string doc = "<meta charset=windows-1252><p>" + std::string(before, 'a') +
                            "\xA0 bbbb cccc dddd eeee ffff\xA0gggg</p>";
    const auto r = html(doc);
    EXPECT_EQ(r["word_count"], 7);
    EXPECT_EQ(test::extractInPieces(Format::html, doc, 139), test::extractJson(Format::html, doc));
  }
}

TEST(Html, NulIsDroppedFromTextAsBrowsersDo) {
  EXPECT_EQ(content(std::string("a\0b", 3)), "ab");
}

}  // namespace
}  // namespace tollgate::extraction
