#pragma once
// Regular expressions for JSON Schema's `pattern` keyword, matched in time linear
// in the text and without recursion over it. std::regex (libstdc++) recurses once
// per character: a 30,000-character `workload` string overflowed the stack of
// `tollgate validate`. This is a Thompson NFA simulation over bytes.
//
// The ECMAScript subset it compiles: literals; escapes of punctuation, \d \w \s
// (and their negations), \n \r \t; '.'; classes [a-z0-9_] and [^...]; groups (...)
// and (?:...); alternation |; quantifiers * + ? {n} {n,} {n,m}; anchors ^ $.
// Anything else is refused when the schema is loaded, never silently misread.
// Classes and '.' match bytes, so only ASCII may appear in a class.

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::detail {

class Pattern {
 public:
  // Throws std::invalid_argument naming the construct it does not support.
  explicit Pattern(const std::string& source);

  // True when the pattern matches somewhere in `text` (std::regex_search's meaning).
  bool search(std::string_view text) const;

 private:
  struct Inst {
    enum Op { kByte, kSplit, kJump, kLineStart, kLineEnd, kMatch } op;
    std::bitset<256> bytes;  // kByte
    int x = 0, y = 0;        // kSplit: both; kJump: x
  };
  friend class PatternCompiler;
  std::vector<Inst> program_;
};

}  // namespace tollgate::detail
