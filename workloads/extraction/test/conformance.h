#pragma once
// CommonMark and GFM conformance as extraction sees it: each spec example's
// Markdown is extracted as Markdown, its expected HTML as HTML, and the two
// results compared on text (the content with whitespace runs collapsed) and
// structure (headings, links, images, tables). Shared by the conformance test
// and anything that prints the table.

#include <cstddef>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract_helpers.h"

namespace tollgate::extraction::test {

struct SpecExample {
  std::string suite;  // "commonmark" or "gfm"
  std::string section;
  int number = 0;     // within its suite, from 1
  std::string markdown, html;
};

// The examples of a spec file (the format of CommonMark's spec.txt: fenced
// "example" blocks, Markdown and HTML separated by a line ".", tabs as '→').
inline std::vector<SpecExample> readSpecExamples(const std::string& path, const std::string& suite) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path + " (run `npm ci` for node_modules/commonmark-spec)");
  const std::string fence(32, '`');
  std::vector<SpecExample> examples;
  std::string section, line;
  int state = 0;  // 0 prose, 1 markdown, 2 html
  SpecExample current;
  const auto tabs = [](std::string s) {
    for (std::size_t at; (at = s.find("\xE2\x86\x92")) != std::string::npos;) s.replace(at, 3, "\t");
    return s;
  };
  while (std::getline(in, line)) {
    if (state == 0) {
      if (line == "<!-- END TESTS -->") break;
      if (line.rfind(fence + " example", 0) == 0) {
        current = SpecExample{suite, section, static_cast<int>(examples.size()) + 1, "", ""};
        state = 1;
      } else if (!line.empty() && line[0] == '#') {
        std::size_t level = line.find_first_not_of('#');
        if (level != std::string::npos && level <= 6 && line[level] == ' ') section = line.substr(level + 1);
      }
    } else if (state == 1) {
      if (line == ".") state = 2;
      else current.markdown += tabs(line) + "\n";
    } else if (line == fence) {
      examples.push_back(current);
      state = 0;
    } else {
      current.html += tabs(line) + "\n";
    }
  }
  if (examples.empty()) throw std::runtime_error(path + " holds no examples");
  return examples;
}

inline std::string collapseSpace(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// GFM's footnote back-references ("↩" links after each footnote) are
// navigation the Markdown reader does not add: they are taken out of the
// expected HTML before it is read.
inline std::string withoutFootnoteBackrefs(std::string html) {
  for (std::size_t at; (at = html.find("<a href=\"#fnref")) != std::string::npos;) {
    const std::size_t end = html.find("</a>", at);
    if (end == std::string::npos) break;
    std::size_t begin = at;
    if (begin > 0 && html[begin - 1] == ' ') --begin;
    html.erase(begin, end + 4 - begin);
  }
  return html;
}

struct ExampleOutcome {
  bool text = false, structure = false;
  bool exact = false;  // the content byte for byte, line breaks included (reported, not required)
};

inline ExampleOutcome compareExample(const SpecExample& e) {
  const nlohmann::json md = extract(Format::markdown, e.markdown);
  const nlohmann::json html = extract(Format::html, withoutFootnoteBackrefs(e.html));
  ExampleOutcome outcome;
  outcome.text = collapseSpace(md["content"].get<std::string>()) == collapseSpace(html["content"].get<std::string>());
  outcome.exact = md["content"] == html["content"];
  outcome.structure = md["headings"] == html["headings"] && md["links"] == html["links"] &&
                      md["images"] == html["images"] && md["tables"] == html["tables"];
  return outcome;
}

}  // namespace tollgate::extraction::test
