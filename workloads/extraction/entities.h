#pragma once
// Character references: the HTML5 named table (all 2,231 names) and the
// numeric forms, resolved as the HTML5 tokenizer does. Shared by the HTML
// tokenizer and by Markdown (CommonMark decodes the same names).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tollgate::extraction {

// Longest name in the table, semicolon included.
inline constexpr std::size_t kMaxEntityNameBytes = 32;

struct NamedReference {
  std::size_t length = 0;   // characters of the name matched, semicolon included; 0: no match
  bool semicolon = false;   // the match ends with ';'
  std::string_view value;   // UTF-8 replacement
};

// `run` is the ASCII alphanumerics after '&' (at most kMaxEntityNameBytes of
// them), `semicolon` whether ';' follows the run. Matches "name;" for the whole
// run, or else the longest legacy name (those HTML5 lets go without a
// semicolon: "&copy 2024") that is a prefix of it.
NamedReference matchNamedReference(std::string_view run, bool semicolon);

// The exact "name;" lookup CommonMark uses (no legacy forms). Empty: none.
std::string_view lookupEntity(std::string_view name_with_semicolon);

// Reads a character reference at text[i] ('&') as CommonMark does ("&name;"
// from the HTML5 table, "&#digits;" up to 7, "&#xhex;" up to 6, 0 and invalid
// code points as U+FFFD), appends what it stands for to `out` and returns where
// the reference ends; a lone '&' is itself.
std::size_t readCommonMarkReference(std::string_view text, std::size_t i, std::string& out);

// A numeric reference's code point as HTML5 maps it: 0, surrogates and values
// past U+10FFFF become U+FFFD, 0x80-0x9F are read as Windows-1252.
std::uint32_t htmlNumericReference(std::uint64_t value);

// For tests: the table is sorted and no legacy name is longer than the
// matcher looks for.
bool entityTableIsSorted();
std::size_t longestLegacyName();
std::size_t entityCount();

inline bool isAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool isAsciiHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline int hexValue(char c) {
  if (c <= '9') return c - '0';
  return (c | 0x20) - 'a' + 10;
}

}  // namespace tollgate::extraction
