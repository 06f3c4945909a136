#pragma once
// Markdown line classification: what kind of block a line starts. Pure
// functions of one line, shared by the block parser and its tests.

#include <cstddef>
#include <string_view>

namespace tollgate::extraction::markdown {

// Columns of leading indentation (a tab reaches the next multiple of 4) and the
// bytes it spans.
struct Indent {
  std::size_t columns = 0;
  std::size_t bytes = 0;
};
Indent indentOf(std::string_view line);

bool isBlank(std::string_view line);
std::string_view trimRight(std::string_view text);
std::string_view trim(std::string_view text);

// ``` or ~~~ (3 or more); a backtick fence's info string has no backtick.
bool fenceOpen(std::string_view body, char* fence_char, std::size_t* length);
bool fenceClose(std::string_view body, char fence_char, std::size_t length);

// "## Title ##" -> level 2, text "Title". Level 0: not a heading.
int atxHeading(std::string_view body, std::string_view* text);
// "===" (1) or "---" (2) under a paragraph; 0: not an underline.
int setextUnderline(std::string_view body);
// ***, ---, ___ (3 or more, spaces allowed between).
bool thematicBreak(std::string_view body);

// "- ", "* ", "+ ", "1. ", "1) ": the text after the marker (a task box "[ ] "
// dropped). `ordered_number` is -1 for a bullet.
bool listMarker(std::string_view body, std::string_view* after, long* ordered_number);

// A GFM delimiter row ("| --- | :-: |"); its cell count.
bool delimiterRow(std::string_view body, std::size_t* cells);
// Splits a table row on unescaped '|', dropping one leading and trailing pipe.
// Calls cell(text) for each.
template <typename Cell>
void splitRow(std::string_view row, Cell&& cell) {
  row = trim(row);
  if (!row.empty() && row.front() == '|') row.remove_prefix(1);
  if (!row.empty() && row.back() == '|' && (row.size() < 2 || row[row.size() - 2] != '\\')) row.remove_suffix(1);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= row.size(); ++i) {
    if (i == row.size() || (row[i] == '|' && (i == 0 || row[i - 1] != '\\'))) {
      cell(trim(row.substr(start, i - start)));
      start = i + 1;
    }
  }
}
std::size_t countCells(std::string_view row);

// "[label]: destination": a link reference definition line.
bool referenceDefinition(std::string_view body);

}  // namespace tollgate::extraction::markdown
