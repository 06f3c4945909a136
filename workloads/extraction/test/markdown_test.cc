// Markdown extraction rules, one at a time.

#include <gtest/gtest.h>

#include <string>

#include "extract_helpers.h"
#include "extraction_limits.h"

namespace tollgate::extraction {
namespace {

nlohmann::json md(const std::string& doc) { return test::extract(Format::markdown, doc); }
std::string content(const std::string& doc) { return md(doc)["content"].get<std::string>(); }

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

// The defects found on real documents (issue 15), one test each, fed whole and
// in pieces of every small size so a stream agrees.
void expectSameInPieces(const std::string& doc) {
  const std::string whole = test::extractJson(Format::markdown, doc);
  for (std::size_t piece : {1, 2, 3, 7, 64}) {
    EXPECT_EQ(test::extractInPieces(Format::markdown, doc, piece), whole) << "pieces of " << piece;
  }
}

TEST(MarkdownDefects, AFenceIndentedInsideAListItemCloses) {
  // zstd's CONTRIBUTING.md: the fence is indented to the item's content.
  const std::string doc = "1. Step one:\n\n    ```bash\n    make\n    ```\n\n## Next\n\ntext\n"
                          "- item\n   ```\n   code\n   ```\n# Last\n";
  const auto r = md(doc);
  EXPECT_EQ(r["content"], "Step one:\n\nmake\n\nNext\n\ntext\n\nitem\n\ncode\n\nLast");
  EXPECT_EQ(r["headings"], nlohmann::json::parse(R"([{"level":2,"text":"Next"},{"level":1,"text":"Last"}])"));
  expectSameInPieces(doc);
}

TEST(MarkdownDefects, MultiLineCommentsShowNothing) {
  // Node.js's API documents open sections with a YAML comment.
  const std::string doc = "# fs\n\n<!-- YAML\nadded: v0.1.90\nchanges:\n  - version: v10.0.0\n\n    description: x\n-->\n\n"
                          "Text <!-- inline\ncomment --> after.\n";
  const auto r = md(doc);
  EXPECT_EQ(r["content"], "fs\n\nText after.");
  expectSameInPieces(doc);
}

TEST(MarkdownDefects, ReferenceLinksResolveWhereverTheirDefinitionIs) {
  const std::string doc =
      "[full][Label], [collapsed][], [shortcut] and ![image][logo]; [undefined] and [no][such] stay text.\n\n"
      "[label]: http://l \"title\"\n[collapsed]: <http://c d>\n[shortcut]:\n  /s\n[logo]: /logo.png\n"
      "[label]: http://second-definition-loses\n";
  const auto r = md(doc);
  EXPECT_EQ(r["content"], "full, collapsed, shortcut and ; [undefined] and [no][such] stay text.");
  EXPECT_EQ(r["links"], nlohmann::json::parse(R"([{"href":"http://l","text":"full"},)"
                                              R"({"href":"http://c%20d","text":"collapsed"},)"
                                              R"({"href":"/s","text":"shortcut"}])"));
  EXPECT_EQ(r["images"], nlohmann::json::parse(R"([{"src":"/logo.png","alt":"image"}])"));
  expectSameInPieces(doc);
}

TEST(MarkdownDefects, ALinkAfterANestedBracketLinkIsKept) {
  const std::string doc = "[[x](url)] and [second](url2), then [third](url3)\n";
  const auto r = md(doc);
  EXPECT_EQ(r["content"], "[x] and second, then third");
  EXPECT_EQ(r["links"], nlohmann::json::parse(R"([{"href":"url","text":"x"},{"href":"url2","text":"second"},)"
                                              R"({"href":"url3","text":"third"}])"));
}

TEST(MarkdownDefects, FootnotesAreShownAtTheEndNumberedByFirstReference) {
  const std::string doc = "Alpha[^b] and beta[^a], again[^b].\n\n[^a]: Note *a*.\n\n[^b]: Note b,\n    two lines.\n\n"
                          "[^unused]: Never shown.\n\nAfter the notes.\n";
  const auto r = md(doc);
  EXPECT_EQ(r["content"], "Alpha1 and beta2, again1.\n\nAfter the notes.\n\nNote b, two lines.\n\nNote a.");
  EXPECT_EQ(r["links"], nlohmann::json::parse(R"([{"href":"#fn1","text":"1"},{"href":"#fn2","text":"2"},)"
                                              R"({"href":"#fn1","text":"1"}])"));
  expectSameInPieces(doc);
}

TEST(Markdown, HeldReferencesStayInsideTheirBound) {
  // A reference with no definition yet holds what follows; past
  // kMaxHeldMarkdownBytes it is rendered as undefined and the rest goes on.
  std::string doc = "[early] reference.\n\n";
  while (doc.size() < kMaxHeldMarkdownBytes + (1 << 20)) doc += "A paragraph of ordinary words to fill the held log.\n\n";
  doc += "[late] reference.\n\n[early]: /e\n[late]: /l\n";
  const auto r = md(doc);
  EXPECT_EQ(r["links"], nlohmann::json::parse(R"([{"href":"/l","text":"late"}])"));
  EXPECT_EQ(r["content"].get<std::string>().rfind("[early] reference.", 0), 0u);
  EXPECT_EQ(test::extractInPieces(Format::markdown, doc, 65536), test::extractJson(Format::markdown, doc));
}

}  // namespace
}  // namespace tollgate::extraction
