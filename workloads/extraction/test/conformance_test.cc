// CommonMark 0.31.2 (npm's commonmark-spec) and GFM's extension examples
// through the Markdown reader, each compared with its expected HTML through the
// HTML reader (conformance.h). The examples that do not match are listed in
// test/conformance/failing.txt: the test fails when that list changes either
// way, so natively and in wasm the same examples pass, a regression cannot
// hide, and an improvement is recorded. It prints the table per section
// (workloads/extraction/README.md carries it).

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <sstream>

#include "conformance.h"
#include "test_files.h"

namespace tollgate::extraction {
namespace {

std::vector<test::SpecExample> allExamples() {
  std::vector<test::SpecExample> all =
      test::readSpecExamples(tollgate::test::sourcePath("node_modules/commonmark-spec/spec.txt"), "commonmark");
  const auto gfm = test::readSpecExamples(
      tollgate::test::sourcePath("workloads/extraction/test/conformance/gfm-extensions.txt"), "gfm");
  all.insert(all.end(), gfm.begin(), gfm.end());
  return all;
}

std::set<std::string> expectedFailing() {
  const std::string path = tollgate::test::sourcePath("workloads/extraction/test/conformance/failing.txt");
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::set<std::string> failing;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') failing.insert(line.substr(0, line.find(" (")));
  }
  return failing;
}

struct Tally {
  int examples = 0, text = 0, structure = 0, both = 0, exact = 0;
};

TEST(Conformance, SpecExamplesReadAsTheirHtml) {
  const auto examples = allExamples();
  ASSERT_EQ(std::count_if(examples.begin(), examples.end(), [](const auto& e) { return e.suite == "commonmark"; }),
            652);  // commonmark-spec 0.31.2
  std::map<std::pair<std::string, std::string>, Tally> sections;
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::string, Tally> suites;
  std::set<std::string> failing;
  std::ostringstream failures;
  for (const auto& e : examples) {
    const test::ExampleOutcome o = test::compareExample(e);
    const auto key = std::make_pair(e.suite, e.section);
    if (sections.find(key) == sections.end()) order.push_back(key);
    for (Tally* t : {&sections[key], &suites[e.suite]}) {
      ++t->examples;
      t->text += o.text;
      t->structure += o.structure;
      t->both += o.text && o.structure;
      t->exact += o.exact;
    }
    if (!(o.text && o.structure)) {
      const std::string id = e.suite + " " + std::to_string(e.number);
      failing.insert(id);
      failures << id << " (" << e.section << ": " << (o.text ? "" : "text") << (o.text || o.structure ? "" : ", ")
               << (o.structure ? "" : "structure") << ")\n";
    }
  }
  std::printf("| suite | section | examples | text | structure | both | content exact |\n|---|---|---|---|---|---|---|\n");
  for (const auto& key : order) {
    const Tally& t = sections[key];
    std::printf("| %s | %s | %d | %d | %d | %d | %d |\n", key.first.c_str(), key.second.c_str(), t.examples, t.text,
                t.structure, t.both, t.exact);
  }
  for (const auto& [suite, t] : suites) {
    std::printf("| %s | all | %d | %d (%.1f%%) | %d (%.1f%%) | %d (%.1f%%) | %d (%.1f%%) |\n", suite.c_str(),
                t.examples, t.text, 100.0 * t.text / t.examples, t.structure, 100.0 * t.structure / t.examples,
                t.both, 100.0 * t.both / t.examples, t.exact, 100.0 * t.exact / t.examples);
  }
  const std::set<std::string> expected = expectedFailing();
  for (const std::string& id : failing) EXPECT_TRUE(expected.count(id)) << "now failing: " << id;
  for (const std::string& id : expected) {
    EXPECT_TRUE(failing.count(id)) << "now passing (take it out of test/conformance/failing.txt): " << id;
  }
  if (failing != expected) std::printf("failing examples:\n%s", failures.str().c_str());
}

}  // namespace
}  // namespace tollgate::extraction
