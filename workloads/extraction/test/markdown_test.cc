// Markdown extraction rules, one at a time.

#include <gtest/gtest.h>

#include <string>

#include "extract_helpers.h"
#include "markdown_lines.h"

namespace tollgate::extraction {
namespace {

nlohmann::json md(const std::string& doc) { return test::extract(Format::markdown, doc); }
std::string content(const std::string& doc) { return md(doc)["content"].get<std::string>(); }

TEST(MarkdownLines, ClassifiesBlockStarts) {
  using namespace markdown;
  std::string_view text;
  EXPECT_EQ(atxHeading("## Title ##", &text), 2);
  EXPECT_EQ(text, "Title");
  EXPECT_EQ(atxHeading("#hashtag", &text), 0);
  EXPECT_EQ(atxHeading("####### seven", &text), 0);
  EXPECT_EQ(atxHeading("# C# #", &text), 1);
  EXPECT_EQ(text, "C#");
  EXPECT_TRUE(thematicBreak("* * *"));
  EXPECT_FALSE(thematicBreak("**"));
  EXPECT_EQ(setextUnderline("====  "), 1);
  EXPECT_EQ(setextUnderline("-- -"), 0);
  char fence;
  std::size_t length;
  EXPECT_TRUE(fenceOpen("```js", &fence, &length));
  EXPECT_EQ(length, 3u);
  EXPECT_FALSE(fenceOpen("``` a`b", &fence, &length));
  EXPECT_TRUE(fenceClose("````  ", '`', 3));
  EXPECT_FALSE(fenceClose("~~~", '`', 3));
  std::string_view after;
  long number;
  EXPECT_TRUE(listMarker("12) twelve", &after, &number));
  EXPECT_EQ(number, 12);
  EXPECT_EQ(after, "twelve");
  EXPECT_TRUE(listMarker("- [x] done", &after, &number));
  EXPECT_EQ(after, "done");
  EXPECT_FALSE(listMarker("-not", &after, &number));
  std::size_t cells;
  EXPECT_TRUE(delimiterRow("|:--|--:|", &cells));
  EXPECT_EQ(cells, 2u);
  EXPECT_FALSE(delimiterRow("| a | b |", &cells));
  EXPECT_TRUE(referenceDefinition("[x]: http://y"));
  EXPECT_FALSE(referenceDefinition("[x] not"));
}

TEST(Markdown, EmphasisFollowsTheDelimiterRunRules) {
  EXPECT_EQ(content("*a* **b** ***c*** _d_ __e__ ~~f~~"), "a b c d e f");
  EXPECT_EQ(content("snake_case_word and a * b * c"), "snake_case_word and a * b * c");
  EXPECT_EQ(content("**unclosed and *nested **strong** text*"), "**unclosed and nested strong text");
  EXPECT_EQ(content("*a **b** c*"), "a b c");
  EXPECT_EQ(content("foo*bar*"), "foobar");
  EXPECT_EQ(content("foo_bar_"), "foo_bar_");  // '_' inside a word does not open
  EXPECT_EQ(content("a ~~~ b"), "a ~~~ b");  // runs of three or more tildes are text
}

TEST(Markdown, CodeSpansKeepTheirText) {
  EXPECT_EQ(content("`*not* emphasis`"), "*not* emphasis");
  EXPECT_EQ(content("`` a ` b ``"), "a ` b");
  EXPECT_EQ(content("`unclosed *x*"), "`unclosed x");
}

TEST(Markdown, LinksImagesAndAutolinksAreRecorded) {
  const auto r = md("[a *b*](/x \"t\") ![alt](/i.png) <http://auto> [no](link [ref][1]");
  EXPECT_EQ(r["links"], nlohmann::json::parse(R"([{"href":"/x","text":"a b"},{"href":"http://auto","text":"http://auto"}])"));
  EXPECT_EQ(r["images"], nlohmann::json::parse(R"([{"src":"/i.png","alt":"alt"}])"));
  EXPECT_EQ(r["content"], "a b http://auto [no](link [ref][1]");
}

TEST(Markdown, EntitiesAndEscapes) {
  EXPECT_EQ(content("&copy; &#169; &#xa9; &#0; &nope; &amp \\* \\a"), "\xC2\xA9 \xC2\xA9 \xC2\xA9 \xEF\xBF\xBD &nope; &amp * \\a");
}

TEST(Markdown, BlocksAndBreaks) {
  EXPECT_EQ(content("# H\npara\nline\n\n- a\n- b\n\n> q\n\n```\ncode  kept\n```\ntail"),
            "H\n\npara line\n\na\nb\n\nq\n\ncode  kept\n\ntail");
  EXPECT_EQ(content("hard  \nbreak and\\\nbackslash"), "hard\nbreak and\nbackslash");
  EXPECT_EQ(content("text\n2023. was a year\n1. list"), "text 2023. was a year\n\nlist");
}

TEST(Markdown, TablesNeedADelimiterRowMatchingTheHeader) {
  EXPECT_EQ(md("a | b\n--|--\n1 | 2\n3")["tables"], nlohmann::json::parse(R"([[["a","b"],["1","2"],["3",""]]])"));
  EXPECT_EQ(md("a | b\n--|--|--\n1 | 2")["tables"].size(), 0u);
}

TEST(Markdown, FrontMatterIsMetadataOnlyWhenItCloses) {
  const auto r = md("---\ntitle: T\nkeywords: [a, 'b']\n---\ntext");
  EXPECT_EQ(r["metadata"]["title"], "T");
  EXPECT_EQ(r["metadata"]["keywords"], "a, b");
  EXPECT_EQ(r["content"], "text");
  const auto open = md("---\ntitle: T\ntext");  // never closed: it was a thematic break and text
  EXPECT_EQ(open["metadata"]["title"], "");
  EXPECT_EQ(open["content"], "title: T text");
}

}  // namespace
}  // namespace tollgate::extraction
