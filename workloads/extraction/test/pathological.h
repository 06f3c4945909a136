#pragma once
// Hostile documents of any size: what makes a naive HTML or Markdown parser
// take quadratic time (deep nesting, runs of '[' or '*', '<a' over and over,
// long entity names, 100,000 attributes, constructs never closed, references
// that wait for a definition). The growth test (growth_test.cc) checks that
// time grows linearly in them; the pathological benchmark
// (tools/pathological_bench.cc) measures their time per byte against ordinary
// documents of the same format.

#include <cstddef>
#include <string>
#include <vector>

#include "result.h"

namespace tollgate::extraction::test {

struct Pathological {
  const char* name;
  Format format;
  std::string prefix, unit, suffix;  // prefix + unit repeated to the size + suffix
};

inline std::string makeDocument(const Pathological& p, std::size_t bytes) {
  std::string doc = p.prefix;
  doc.reserve(bytes + p.unit.size() + p.suffix.size());
  while (doc.size() + p.suffix.size() < bytes) doc += p.unit;
  doc += p.suffix;
  return doc;
}

inline const std::vector<Pathological>& pathologicalDocuments() {
  static const std::vector<Pathological> all = {
      {"nested <div>", Format::html, "", "<div>", "x"},
      {"unclosed <span><b>", Format::html, "", "<span><b>", "x"},
      {"<a repeated", Format::html, "", "<a", ">x"},
      {"unclosed links <a href>", Format::html, "", "<a href=#>x", ""},
      {"nested tables", Format::html, "", "<table><tr><td>", "x"},
      {"[ repeated", Format::html, "<p>", "[", ""},
      {"* repeated", Format::html, "<p>", "*", ""},
      {"long entity names", Format::html, "<p>", "&CounterClockwiseContourIntegralx;", ""},
      {"100,000 attributes", Format::html, "<a", " a=v", " href=/x>x</a>"},
      {"unclosed comment", Format::html, "<p>x<!--", "text -- more -", ""},
      {"unclosed script", Format::html, "<script>", "if (a < b) x = '</scrip';\n", ""},
      {"unclosed attribute value", Format::html, "<a title='", "text ", ""},
      {"bogus declarations", Format::html, "", "<!x", ""},
      {"[](a ( then x)y", Format::markdown, "", "[](a (", "x)y"},
      {"[ repeated", Format::markdown, "", "[", "x"},
      {"[a]( repeated", Format::markdown, "", "[a](", ""},
      {"](< repeated", Format::markdown, "", "](<", ""},
      {"![x repeated", Format::markdown, "", "![x", ""},
      {"* repeated", Format::markdown, "", "*", "x"},
      {"*a repeated", Format::markdown, "", "*a ", ""},
      {"_a repeated", Format::markdown, "", "_a ", ""},
      {"**a * mixed", Format::markdown, "", "**a * _b __c ", ""},
      {"backtick runs", Format::markdown, "", "`` ` ``` ", ""},
      {"nested > quotes", Format::markdown, "", ">", " x"},
      {"nested - lists", Format::markdown, "", "- ", "x"},
      {"<a repeated", Format::markdown, "", "<a ", ""},
      {"<a b=\" repeated", Format::markdown, "", "<a b=\"", ""},
      {"long entity names", Format::markdown, "", "&CounterClockwiseContourIntegralx; ", ""},
      {"unclosed fence", Format::markdown, "```\n", "code line\n", ""},
      {"unclosed comment block", Format::markdown, "<!--\n", "text line\n", ""},
      {"100,000 attributes", Format::markdown, "<div", " a=v", ">\n"},
      {"references waiting", Format::markdown, "", "[x] and [y] ", "\n\n[y]: /y\n"},
      {"definitions", Format::markdown, "", "[a]: /b\n", "\n[a]\n"},
      {"footnote references", Format::markdown, "", "[^a] ", "\n\n[^a]: note\n"},
      {"table cells", Format::markdown, "", "| a ", "\n|-|\n"},
  };
  return all;
}

}  // namespace tollgate::extraction::test
