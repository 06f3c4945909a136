#pragma once
// Small recognizers of Markdown block syntax, shared by the block parser's
// files: pure functions of one line.

#include <cstddef>
#include <string>
#include <string_view>

#include "markdown_syntax.h"

namespace tollgate::extraction::markdown {

inline bool isSpaceOrTab(char c) { return c == ' ' || c == '\t'; }
inline bool isSpaceChar(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

inline std::string_view trimRight(std::string_view s) {
  while (!s.empty() && isSpaceOrTab(s.back())) s.remove_suffix(1);
  return s;
}

inline std::string_view trimView(std::string_view s) {
  while (!s.empty() && (isSpaceChar(s.front()) || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (isSpaceChar(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// "***", "- - -", "___" (three or more, spaces and tabs between).
inline bool isThematicBreak(std::string_view s) {
  if (s.empty() || (s[0] != '*' && s[0] != '-' && s[0] != '_')) return false;
  std::size_t marks = 0;
  for (const char c : s) {
    if (c == s[0]) ++marks;
    else if (!isSpaceOrTab(c)) return false;
  }
  return marks >= 3;
}

// "===" (1) or "---" (2), trailing spaces allowed; 0 otherwise.
inline int setextLevel(std::string_view s) {
  if (s.empty() || (s[0] != '=' && s[0] != '-')) return 0;
  std::size_t i = 0;
  while (i < s.size() && s[i] == s[0]) ++i;
  while (i < s.size() && isSpaceOrTab(s[i])) ++i;
  return i == s.size() ? (s[0] == '=' ? 1 : 2) : 0;
}

// GFM's delimiter row ("| :-- | --: |"): its cell count, or 0.
inline std::size_t delimiterRowCells(std::string_view s) {
  std::size_t i = 0, cells = 0;
  const auto spaces = [&] {
    while (i < s.size() && isSpaceChar(s[i])) ++i;
  };
  if (i < s.size() && s[i] == '|') ++i;
  for (;;) {
    spaces();
    if (i < s.size() && s[i] == ':') ++i;
    const std::size_t dashes = i;
    while (i < s.size() && s[i] == '-') ++i;
    if (i == dashes) return 0;
    if (i < s.size() && s[i] == ':') ++i;
    spaces();
    ++cells;
    if (i == s.size()) return cells;
    if (s[i] != '|') return 0;
    ++i;
    spaces();
    if (i == s.size()) return cells;  // a trailing pipe
  }
}

// A table row's cells as cmark-gfm splits them: an optional leading pipe,
// cells up to each unescaped '|', a trailing pipe ending no cell; "\|" in a
// cell is '|'; cells trimmed. Calls cell(text) for each; returns the count.
template <typename Cell>
std::size_t splitRow(std::string_view row, std::string& scratch, Cell&& cell) {
  std::size_t i = 0, count = 0;
  const auto spaces = [&] {
    while (i < row.size() && isSpaceChar(row[i])) ++i;
  };
  if (i < row.size() && row[i] == '|') {
    ++i;
    spaces();
  }
  while (i < row.size()) {
    const std::size_t start = i;
    while (i < row.size() && row[i] != '|') {
      if (row[i] == '\\' && i + 1 < row.size() && isAsciiPunctuation(static_cast<unsigned char>(row[i + 1]))) ++i;
      ++i;
    }
    const bool pipe = i < row.size();
    if (i > start || pipe) {
      scratch.clear();
      for (std::size_t k = start; k < i; ++k) {
        if (row[k] == '\\' && k + 1 < i && row[k + 1] == '|') ++k;
        scratch += row[k];
      }
      ++count;
      cell(trimView(scratch));
    }
    if (!pipe) break;
    ++i;
    spaces();
  }
  return count;
}

}  // namespace tollgate::extraction::markdown
