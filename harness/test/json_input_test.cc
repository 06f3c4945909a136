// The harness's own inputs: bounded JSON reading and the schema's pattern matcher.
// Each case here once crashed a `tollgate` command (stack overflow) or was misread.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "analysis/results_io.h"
#include "tollgate/json_input.h"
#include "tollgate/pattern.h"
#include "tollgate/schema_validator.h"

namespace tollgate {
namespace {

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

std::string tempFile(const std::string& name, const std::string& text) {
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(JsonInput, NestingBeyondTheLimitIsRefusedWithItsOffset) {
  const JsonLimits limits{1 << 20, 4};
  EXPECT_EQ(parseJsonText("[[[[1]]]]", "x.json", limits), nlohmann::json::parse("[[[[1]]]]"));
  EXPECT_EQ(errorOf([&] { parseJsonText("[[[[[1]]]]]", "x.json", limits); }),
            "x.json: nested more than 4 levels deep at byte 4");
  // Brackets inside strings, escaped quotes included, are text.
  EXPECT_EQ(parseJsonText(R"(["[[[[[\"[[[[[", {"{{{{{": 1}])", "x.json", limits)[0], "[[[[[\"[[[[[");
  EXPECT_EQ(errorOf([&] { parseJsonText(std::string(1000000, '['), "deep.json", kResultsJsonLimits); }),
            "deep.json: nested more than 64 levels deep at byte 64");
}

TEST(JsonInput, SizeAndSyntaxErrorsNameTheSource) {
  EXPECT_EQ(errorOf([] { parseJsonText("[1, 2, 3]", "s.json", {4, 8}); }),
            "s.json: 9 bytes, more than the limit of 4 for this kind of file");
  EXPECT_EQ(errorOf([] { parseJsonText("{\"a\": ", "t.json", {100, 8}); }).rfind("t.json: not valid JSON: ", 0), 0u);
  // A number past a double is the parser's out_of_range, not a parse_error (found
  // by the fuzz target json_readers): refused naming the file all the same.
  EXPECT_EQ(errorOf([] { parseJsonText("{\"a\": 251e308}", "n.json", {100, 8}); }).rfind("n.json: not valid JSON: ", 0), 0u);
  EXPECT_EQ(errorOf([] { parseOrderedJsonText("[-1e400]", "o.json", {100, 8}); }).rfind("o.json: not valid JSON: ", 0), 0u);
  const std::string big = tempFile("tollgate-big.json", std::string(200000, ' ') + "1");
  EXPECT_EQ(errorOf([&] { readJsonFile(big, {100000, 8}); }),
            big + ": larger than the limit of 100000 bytes for this kind of file");
  EXPECT_EQ(readJsonFile(big, {300000, 8}), 1);
  std::remove(big.c_str());
  EXPECT_EQ(errorOf([] { readJsonFile("/nonexistent/x.json", kConfigJsonLimits); }),
            "/nonexistent/x.json: cannot open the file");
}

TEST(JsonInput, DescriptionsNeverWalkAContainer) {
  nlohmann::json deep = nlohmann::json::array();
  nlohmann::json* at = &deep;
  for (int i = 0; i < 100000; ++i) at = &(*at).emplace_back(nlohmann::json::array());
  EXPECT_EQ(describeJson(deep), "an array of 1 items");
  EXPECT_EQ(describeJson(nlohmann::json{{"a", 1}, {"b", 2}}), "an object with 2 fields");
  EXPECT_EQ(describeJson(nlohmann::json(std::string(100, 'x'))), "\"" + std::string(57, 'x') + "\"...");
  EXPECT_EQ(describeJson(nlohmann::json(2.5)), "2.5");
  // A long string is cut before a character, never inside one (the json_readers
  // campaign: a 3-byte character across byte 57 made dump() throw a bare error).
  EXPECT_EQ(describeJson(nlohmann::json(std::string(56, 'x') + "\u0a00" + std::string(40, 'y'))),
            "\"" + std::string(56, 'x') + "\"...");
  EXPECT_EQ(describeJson(nlohmann::json(std::string(57, 'x') + "\u00e9" + std::string(40, 'y'))),
            "\"" + std::string(57, 'x') + "\"...");
}

TEST(ResultsIo, ADeeplyNestedOrHugeResultsFileIsAViolationNotACrash) {
  const std::string path = tempFile("tollgate-deep-results.json", std::string(1000000, '['));
  const auto violations = checkResultsFile(path);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].path, "/");
  EXPECT_EQ(violations[0].message, "nested more than 64 levels deep at byte 64");
  EXPECT_EQ(errorOf([&] { loadResultsFile(path); }), path + ": nested more than 64 levels deep at byte 64");
  std::remove(path.c_str());
}

TEST(Pattern, MatchesTheSchemasPatternsAsEcmaScriptWould) {
  using detail::Pattern;
  const Pattern name("^[a-z0-9_]+\\.[a-z0-9_]+/[a-z0-9_]+(/[A-Za-z0-9_]+:[A-Za-z0-9_.\\-]+)*$");
  EXPECT_TRUE(name.search("vector.search/zero_copy/index:flat/n:1000/k:10"));
  EXPECT_TRUE(name.search("parquet.select/late_columns/rows:1e-3"));
  EXPECT_FALSE(name.search("vector.search/zero_copy/index:"));
  EXPECT_FALSE(name.search("Vector.search/x"));
  EXPECT_FALSE(name.search("vector.search/x/a:b "));
  const Pattern digest("^fnv1a32:[0-9a-f]{8}$");
  EXPECT_TRUE(digest.search("fnv1a32:0123abcd"));
  EXPECT_FALSE(digest.search("fnv1a32:0123abc"));
  EXPECT_FALSE(digest.search("fnv1a32:0123abcde"));
  // Unanchored patterns search anywhere; alternation, optional, bounded and open repeats.
  EXPECT_TRUE(Pattern("b+c").search("aaabbbcd"));
  EXPECT_FALSE(Pattern("^b+c").search("aaabbbcd"));
  EXPECT_TRUE(Pattern("^(?:cat|dog)s?$").search("dogs"));
  EXPECT_FALSE(Pattern("^(?:cat|dog)s?$").search("cow"));
  EXPECT_TRUE(Pattern("^a{2,3}$").search("aaa"));
  EXPECT_FALSE(Pattern("^a{2,3}$").search("aaaa"));
  EXPECT_TRUE(Pattern("^a{2,}$").search("aaaaaaa"));
  EXPECT_TRUE(Pattern("^[^0-9]*$").search("abc"));
  EXPECT_FALSE(Pattern("^[^0-9]*$").search("ab1"));
  EXPECT_TRUE(Pattern("^\\d\\w\\s.$").search("1a z"));
  EXPECT_TRUE(Pattern("^(a*)*$").search("aaaa"));  // an empty loop body terminates
  EXPECT_TRUE(Pattern("").search("anything"));
  EXPECT_FALSE(Pattern("[]").search("anything"));
}

TEST(Pattern, RefusesWhatItDoesNotImplement) {
  for (const char* unsupported : {"\\bword", "(a)\\1", "(?=a)", "a*?", "[é]", "a{3,2}", "(a", "a)", "*a", "a{99999}",
                                  "\\u0041"}) {
    EXPECT_THROW(detail::Pattern{unsupported}, std::invalid_argument) << unsupported;
  }
}

TEST(Pattern, ALongStringIsMatchedWithoutRecursion) {
  // std::regex_search overflowed the stack on 30,000 characters; a million is fine.
  const detail::Pattern word("^[a-z0-9_]+$");
  const std::string text(1000000, 'a');
  EXPECT_TRUE(word.search(text));
  EXPECT_FALSE(word.search(text + "!"));
}

TEST(SchemaValidator, A30000CharacterWorkloadIsAViolationNotACrash) {
  const nlohmann::json doc = {{"schema_version", 1}, {"context", nlohmann::json::object()},
                              {"benchmarks", {{{"workload", std::string(30000, 'A')}}}}, {"failures", nlohmann::json::array()}};
  bool named = false;
  for (const auto& v : validateResults(doc)) {
    if (v.path == "/benchmarks/0/workload") {
      named = true;
      EXPECT_EQ(v.message, "expected to match ^[a-z0-9_]+$, found \"" + std::string(57, 'A') + "\"...");
    }
  }
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace tollgate
