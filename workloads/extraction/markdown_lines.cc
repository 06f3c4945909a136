#include "markdown_lines.h"

namespace tollgate::extraction::markdown {

Indent indentOf(std::string_view line) {
  Indent indent;
  while (indent.bytes < line.size()) {
    const char c = line[indent.bytes];
    if (c == ' ') indent.columns += 1;
    else if (c == '\t') indent.columns += 4 - indent.columns % 4;
    else break;
    ++indent.bytes;
  }
  return indent;
}

bool isBlank(std::string_view line) { return trimRight(line).empty(); }

std::string_view trimRight(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return trimRight(text);
}

bool fenceOpen(std::string_view body, char* fence_char, std::size_t* length) {
  if (body.empty() || (body[0] != '`' && body[0] != '~')) return false;
  std::size_t n = 0;
  while (n < body.size() && body[n] == body[0]) ++n;
  if (n < 3) return false;
  if (body[0] == '`' && body.find('`', n) != std::string_view::npos) return false;
  *fence_char = body[0];
  *length = n;
  return true;
}

bool fenceClose(std::string_view body, char fence_char, std::size_t length) {
  std::size_t n = 0;
  while (n < body.size() && body[n] == fence_char) ++n;
  return n >= length && isBlank(body.substr(n));
}

int atxHeading(std::string_view body, std::string_view* text) {
  std::size_t level = 0;
  while (level < body.size() && body[level] == '#') ++level;
  if (level == 0 || level > 6) return 0;
  if (level < body.size() && body[level] != ' ' && body[level] != '\t') return 0;
  std::string_view rest = trim(body.substr(level));
  // An optional closing run of '#', preceded by a space (or alone).
  std::size_t end = rest.size();
  while (end > 0 && rest[end - 1] == '#') --end;
  if (end == 0) {
    rest = {};
  } else if (end < rest.size() && (rest[end - 1] == ' ' || rest[end - 1] == '\t')) {
    rest = trimRight(rest.substr(0, end));
  }
  *text = rest;
  return static_cast<int>(level);
}

int setextUnderline(std::string_view body) {
  body = trimRight(body);
  if (body.empty() || (body[0] != '=' && body[0] != '-')) return 0;
  for (const char c : body) {
    if (c != body[0]) return 0;
  }
  return body[0] == '=' ? 1 : 2;
}

bool thematicBreak(std::string_view body) {
  if (body.empty() || (body[0] != '*' && body[0] != '-' && body[0] != '_')) return false;
  std::size_t marks = 0;
  for (const char c : body) {
    if (c == body[0]) ++marks;
    else if (c != ' ' && c != '\t') return false;
  }
  return marks >= 3;
}

bool listMarker(std::string_view body, std::string_view* after, long* ordered_number) {
  std::size_t n = 0;
  if (!body.empty() && (body[0] == '-' || body[0] == '*' || body[0] == '+')) {
    n = 1;
    *ordered_number = -1;
  } else {
    long number = 0;
    while (n < body.size() && n < 9 && body[n] >= '0' && body[n] <= '9') number = number * 10 + (body[n++] - '0');
    if (n == 0 || n >= body.size() || (body[n] != '.' && body[n] != ')')) return false;
    ++n;
    *ordered_number = number;
  }
  if (n < body.size() && body[n] != ' ' && body[n] != '\t') return false;
  std::string_view rest = trim(body.substr(n));
  if (rest.size() >= 3 && rest[0] == '[' && (rest[1] == ' ' || rest[1] == 'x' || rest[1] == 'X') && rest[2] == ']' &&
      (rest.size() == 3 || rest[3] == ' ' || rest[3] == '\t')) {
    rest = trim(rest.substr(3));
  }
  *after = rest;
  return true;
}

bool delimiterRow(std::string_view body, std::size_t* cells) {
  body = trim(body);
  if (body.empty()) return false;
  bool has_pipe = body.find('|') != std::string_view::npos;
  bool ok = true;
  std::size_t count = 0;
  splitRow(body, [&](std::string_view cell) {
    ++count;
    if (!cell.empty() && cell.front() == ':') cell.remove_prefix(1);
    if (!cell.empty() && cell.back() == ':') cell.remove_suffix(1);
    if (cell.empty()) ok = false;
    for (const char c : cell) ok = ok && c == '-';
  });
  *cells = count;
  return ok && (has_pipe || count > 1);
}

std::size_t countCells(std::string_view row) {
  std::size_t count = 0;
  splitRow(row, [&](std::string_view) { ++count; });
  return count;
}

bool referenceDefinition(std::string_view body) {
  if (body.size() < 4 || body[0] != '[') return false;
  const auto close = body.find("]:");
  if (close == std::string_view::npos || close < 2) return false;
  for (std::size_t i = 1; i < close; ++i) {
    if (body[i] == '[' || (body[i] == ']' && body[i - 1] != '\\')) return false;
  }
  return !isBlank(body.substr(close + 2));
}

}  // namespace tollgate::extraction::markdown
