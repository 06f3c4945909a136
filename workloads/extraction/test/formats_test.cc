// CSV, plain text, XML, the canonical JSON and the build's format registry.

#include <gtest/gtest.h>

#include <string>

#include "extract_helpers.h"
#include "tollgate/errors.h"

namespace tollgate::extraction {
namespace {

TEST(Csv, QuotingFollowsRfc4180) {
  const auto r = test::extract(Format::csv, "a,\"b,c\",\"d\"\"e\"\r\n\"multi\r\nline\",,x\r\n\r\nlast");
  EXPECT_EQ(r["tables"], nlohmann::json::parse(R"([[["a","b,c","d\"e"],["multi line","","x"],["last"]]])"));
  EXPECT_EQ(r["content"], "a\tb,c\td\"e\nmulti line\t\tx\nlast");
}

TEST(Csv, ATrailingCommaIsAnEmptyLastField) {
  EXPECT_EQ(test::extract(Format::csv, "a,")["tables"], nlohmann::json::parse(R"([[["a",""]]])"));
  EXPECT_EQ(test::extract(Format::csv, "a,\n")["tables"], nlohmann::json::parse(R"([[["a",""]]])"));
}

TEST(Csv, EmptyAndBlankInputsHaveNoTable) {
  EXPECT_EQ(test::extract(Format::csv, "")["tables"].size(), 0u);
  EXPECT_EQ(test::extract(Format::csv, "\n\n\r\n")["tables"].size(), 0u);
  EXPECT_EQ(test::extract(Format::csv, "\"\"")["tables"], nlohmann::json::parse(R"([[[""]]])"));
}

TEST(Text, IsTheSanitizedTextItself) {
  const auto r = test::extract(Format::text, "\xEF\xBB\xBF  two  spaces\r\nand\ttab\n");
  EXPECT_EQ(r["content"], "  two  spaces\nand\ttab\n");
  EXPECT_EQ(r["word_count"], 4);
  EXPECT_EQ(r["char_count"], 22);
}

TEST(Xml, FeedsGiveMetadataHeadingsAndLinks) {
  const auto r = test::extract(Format::xml,
                               "<feed xml:lang='de'><title>F</title><subtitle>S</subtitle>"
                               "<link href='/f'/><entry><title>E1</title><summary>body</summary></entry></feed>");
  EXPECT_EQ(r["metadata"]["title"], "F");
  EXPECT_EQ(r["metadata"]["description"], "S");
  EXPECT_EQ(r["metadata"]["lang"], "de");
  EXPECT_EQ(r["headings"], nlohmann::json::parse(R"([{"level":2,"text":"E1"}])"));
  EXPECT_EQ(r["links"][0]["href"], "/f");
  EXPECT_EQ(r["content"], "E1\nbody");
}

TEST(Json, EscapesExactlyAsJsonStringify) {
  std::string out;
  appendJsonString(out, std::string("q\" b\\ \b\f\n\r\t \x01\x1f\x7f \xC3\xA9 \xE2\x80\xA8"));
  EXPECT_EQ(out, "\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f\x7f \xC3\xA9 \xE2\x80\xA8\"");
  out.clear();
  appendJsonString(out, std::string(20, 'a') + "\"" + std::string(20, 'b'));  // the 8-byte fast path and its tail
  EXPECT_EQ(out, "\"" + std::string(20, 'a') + "\\\"" + std::string(20, 'b') + "\"");
}

TEST(Json, TheShapeIsFixed) {
  EXPECT_EQ(test::extractJson(Format::text, "hi"),
            R"({"format":"text","encoding":"utf-8","metadata":{"title":"","description":"","keywords":"","lang":""},)"
            R"("content":"hi","headings":[],"links":[],"images":[],"tables":[],"word_count":1,"char_count":2})");
}

TEST(Registry, TheCompleteBuildHasEveryFormat) {
  EXPECT_EQ(std::string(buildName()), "complete");
  EXPECT_EQ(supportedFormats(), (std::vector<std::string>{"text", "markdown", "csv", "html", "xml"}));
  EXPECT_THROW(parseFormat("pdf"), InputError);
  try {
    parseFormat("docx");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown format 'docx'"), std::string::npos);
  }
}

}  // namespace
}  // namespace tollgate::extraction
