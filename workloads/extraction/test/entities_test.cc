#include <gtest/gtest.h>

#include <string>

#include "entities.h"
#include "html_tags.h"

namespace tollgate::extraction {
namespace {

TEST(Entities, TheTableIsTheWholeHtml5SetSortedForLookup) {
  EXPECT_EQ(entityCount(), 2231u);
  EXPECT_TRUE(entityTableIsSorted());
  EXPECT_LE(longestLegacyName(), 6u);  // matchNamedReference looks no further
}

TEST(Entities, NamedReferencesMatchWithSemicolonOrAsLegacyPrefix) {
  NamedReference m = matchNamedReference("amp", true);
  EXPECT_EQ(m.value, "&");
  EXPECT_TRUE(m.semicolon);
  EXPECT_EQ(m.length, 4u);

  m = matchNamedReference("copy", false);  // "&copy 2024": legacy, no semicolon
  EXPECT_EQ(m.value, "\xC2\xA9");
  EXPECT_FALSE(m.semicolon);

  m = matchNamedReference("notit", true);  // no "notit;": the legacy "not" and "it;" as text
  EXPECT_EQ(m.value, "\xC2\xAC");
  EXPECT_EQ(m.length, 3u);

  m = matchNamedReference("notin", true);
  EXPECT_EQ(m.value, "\xE2\x88\x89");

  EXPECT_EQ(matchNamedReference("hellip", false).length, 0u);  // not legacy: needs ';'
  EXPECT_EQ(matchNamedReference("bogus", true).length, 0u);
  EXPECT_EQ(matchNamedReference("NotNestedGreaterGreater", true).value, "\xE2\xAA\xA2\xCC\xB8");  // two code points
  EXPECT_EQ(matchNamedReference("CounterClockwiseContourIntegral", true).value, "\xE2\x88\xB3");  // the longest name
}

TEST(Entities, CommonMarkLookupNeedsTheSemicolon) {
  EXPECT_EQ(lookupEntity("eacute;"), "\xC3\xA9");
  EXPECT_EQ(lookupEntity("eacute"), "\xC3\xA9");  // the legacy form exists in the table...
  EXPECT_EQ(lookupEntity("hellip"), "");          // ...only for the legacy names
  EXPECT_EQ(lookupEntity("nope;"), "");
}

TEST(Entities, NumericReferencesFollowHtml5) {
  EXPECT_EQ(htmlNumericReference(0x41), 0x41u);
  EXPECT_EQ(htmlNumericReference(0), 0xFFFDu);
  EXPECT_EQ(htmlNumericReference(0xD800), 0xFFFDu);
  EXPECT_EQ(htmlNumericReference(0xDFFF), 0xFFFDu);
  EXPECT_EQ(htmlNumericReference(0x110000), 0xFFFDu);
  EXPECT_EQ(htmlNumericReference(0x80), 0x20ACu);  // Windows-1252: euro
  EXPECT_EQ(htmlNumericReference(0x96), 0x2013u);  // en dash
  EXPECT_EQ(htmlNumericReference(0x81), 0x81u);    // unmapped: kept
  EXPECT_EQ(htmlNumericReference(0x10FFFF), 0x10FFFFu);
}

TEST(HtmlTags, EveryListedNameFindsItsId) {
  EXPECT_TRUE(tagTableIsConsistent());
  EXPECT_EQ(tagId("table"), TagId::table);
  EXPECT_EQ(tagId("blockquote"), TagId::blockquote);
  EXPECT_EQ(tagId("tables"), TagId::other);
  EXPECT_EQ(tagId("custom-element"), TagId::other);
  EXPECT_EQ(tagId(""), TagId::other);
  EXPECT_EQ(headingLevel(TagId::h4), 4);
  EXPECT_EQ(headingLevel(TagId::p), 0);
}

}  // namespace
}  // namespace tollgate::extraction
