#include "tollgate/pattern.h"

#include <cctype>
#include <memory>
#include <stdexcept>

namespace tollgate::detail {
namespace {

using Bytes = std::bitset<256>;

// The parsed pattern, before code generation.
struct Node {
  enum Kind { kSet, kLineStart, kLineEnd, kConcat, kAlternate, kRepeat } kind;
  Bytes bytes;
  std::vector<std::unique_ptr<Node>> children;
  int min = 0, max = 0;  // kRepeat; max -1 is unbounded
};
using NodePtr = std::unique_ptr<Node>;

// Bounds what a hostile or mistaken schema could make us build; ours needs little.
constexpr int kMaxNesting = 32;
constexpr int kMaxRepeat = 1000;
constexpr std::size_t kMaxProgram = 100000;

Bytes range(unsigned char low, unsigned char high) {
  Bytes b;
  for (int c = low; c <= high; ++c) b.set(static_cast<std::size_t>(c));
  return b;
}

Bytes classEscape(char c, bool& known) {
  known = true;
  const Bytes digit = range('0', '9');
  const Bytes word = digit | range('a', 'z') | range('A', 'Z') | range('_', '_');
  Bytes space;
  for (char s : {' ', '\t', '\n', '\r', '\f', '\v'}) space.set(static_cast<unsigned char>(s));
  switch (c) {
    case 'd': return digit;
    case 'D': return ~digit;
    case 'w': return word;
    case 'W': return ~word;
    case 's': return space;
    case 'S': return ~space;
    case 'n': return range('\n', '\n');
    case 'r': return range('\r', '\r');
    case 't': return range('\t', '\t');
    default: break;
  }
  // Punctuation stands for itself; letters and digits are other escapes (\b, \1,
  // \u...) that this matcher does not implement.
  const unsigned char u = static_cast<unsigned char>(c);
  if (u < 0x80 && !std::isalnum(u) && u > ' ') return range(u, u);
  known = false;
  return {};
}

}  // namespace

class PatternCompiler {
 public:
  explicit PatternCompiler(const std::string& source) : s_(source) {}

  void compile(Pattern& out) {
    NodePtr root = alternation(0);
    if (pos_ != s_.size()) fail("unbalanced ')'");
    emit(*root, out.program_);
    out.program_.push_back({Pattern::Inst::kMatch, {}, 0, 0});
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("pattern '" + s_ + "': " + what + " at offset " + std::to_string(pos_) +
                                " (Tollgate's pattern matcher supports a subset of ECMAScript)");
  }
  bool more() const { return pos_ < s_.size(); }
  char peek() const { return s_[pos_]; }

  NodePtr alternation(int nesting) {
    if (nesting > kMaxNesting) fail("groups nested too deep");
    auto alt = std::make_unique<Node>(Node{Node::kAlternate, {}, {}, 0, 0});
    alt->children.push_back(concatenation(nesting));
    while (more() && peek() == '|') {
      ++pos_;
      alt->children.push_back(concatenation(nesting));
    }
    return alt;
  }

  NodePtr concatenation(int nesting) {
    auto cat = std::make_unique<Node>(Node{Node::kConcat, {}, {}, 0, 0});
    while (more() && peek() != '|' && peek() != ')') cat->children.push_back(repetition(nesting));
    return cat;
  }

  NodePtr repetition(int nesting) {
    NodePtr atom_node = atom(nesting);
    while (more() && (peek() == '*' || peek() == '+' || peek() == '?' || peek() == '{')) {
      if (atom_node->kind == Node::kLineStart || atom_node->kind == Node::kLineEnd) fail("quantified anchor");
      int min = 0, max = -1;
      const char q = s_[pos_++];
      if (q == '+') min = 1;
      if (q == '?') max = 1;
      if (q == '{') {
        min = number();
        max = min;
        if (more() && peek() == ',') {
          ++pos_;
          max = more() && peek() == '}' ? -1 : number();
        }
        if (!more() || s_[pos_++] != '}') fail("unterminated {n,m}");
        if (max != -1 && max < min) fail("{n,m} with m < n");
      }
      if (more() && peek() == '?') fail("lazy quantifier");  // same matches, but keep the subset small
      auto rep = std::make_unique<Node>(Node{Node::kRepeat, {}, {}, min, max});
      rep->children.push_back(std::move(atom_node));
      atom_node = std::move(rep);
    }
    return atom_node;
  }

  int number() {
    int n = 0;
    const std::size_t start = pos_;
    while (more() && peek() >= '0' && peek() <= '9') {
      n = n * 10 + (s_[pos_++] - '0');
      if (n > kMaxRepeat) fail("repeat count above " + std::to_string(kMaxRepeat));
    }
    if (pos_ == start) fail("expected a number in {n,m}");
    return n;
  }

  NodePtr atom(int nesting) {
    const char c = s_[pos_++];
    auto set = [](Bytes b) { return std::make_unique<Node>(Node{Node::kSet, b, {}, 0, 0}); };
    switch (c) {
      case '^': return std::make_unique<Node>(Node{Node::kLineStart, {}, {}, 0, 0});
      case '$': return std::make_unique<Node>(Node{Node::kLineEnd, {}, {}, 0, 0});
      case '.': {
        Bytes any;
        any.set();
        any.reset('\n');
        any.reset('\r');
        return set(any);
      }
      case '(': {
        if (s_.compare(pos_, 2, "?:") == 0) pos_ += 2;
        else if (more() && peek() == '?') fail("lookaround or named group");
        NodePtr inner = alternation(nesting + 1);
        if (!more() || s_[pos_++] != ')') fail("unterminated group");
        return inner;
      }
      case '[': return set(characterClass());
      case '\\': {
        if (!more()) fail("trailing backslash");
        bool known = false;
        const Bytes b = classEscape(s_[pos_++], known);
        if (!known) fail("unsupported escape \\" + std::string(1, s_[pos_ - 1]));
        return set(b);
      }
      case '*': case '+': case '?': case '{': fail("quantifier with nothing to repeat");
      case ')': case ']': case '}': fail("unbalanced '" + std::string(1, c) + "'");
      default: return set(range(static_cast<unsigned char>(c), static_cast<unsigned char>(c)));
    }
  }

  Bytes characterClass() {
    Bytes out;
    const bool negate = more() && peek() == '^';
    if (negate) ++pos_;
    while (true) {  // as in ECMAScript, [] matches nothing and [^] any byte
      if (!more()) fail("unterminated character class");
      if (peek() == ']') break;
      Bytes item;
      int low = classMember(item);
      if (low >= 0 && pos_ + 1 < s_.size() && peek() == '-' && s_[pos_ + 1] != ']') {
        ++pos_;
        Bytes ignored;
        const int high = classMember(ignored);
        if (high < 0 || high < low) fail("bad range in character class");
        item = range(static_cast<unsigned char>(low), static_cast<unsigned char>(high));
      }
      out |= item;
    }
    ++pos_;  // ']'
    return negate ? ~out : out;
  }

  // One member of a class into `item`; returns its byte, or -1 for \d-like sets.
  int classMember(Bytes& item) {
    unsigned char c = static_cast<unsigned char>(s_[pos_++]);
    if (c == '\\') {
      if (!more()) fail("trailing backslash");
      const char e = s_[pos_++];
      bool known = false;
      item = classEscape(e, known);
      if (!known) fail("unsupported escape \\" + std::string(1, e) + " in a character class");
      return item.count() == 1 ? static_cast<int>(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e) : -1;
    }
    if (c >= 0x80) fail("non-ASCII character in a character class (classes match bytes)");
    item = range(c, c);
    return c;
  }

  void emit(const Node& node, std::vector<Pattern::Inst>& p) {
    if (p.size() > kMaxProgram) fail("pattern too large once its repeats are expanded");
    using Inst = Pattern::Inst;
    switch (node.kind) {
      case Node::kSet: p.push_back({Inst::kByte, node.bytes, 0, 0}); return;
      case Node::kLineStart: p.push_back({Inst::kLineStart, {}, 0, 0}); return;
      case Node::kLineEnd: p.push_back({Inst::kLineEnd, {}, 0, 0}); return;
      case Node::kConcat:
        for (const auto& child : node.children) emit(*child, p);
        return;
      case Node::kAlternate: {
        // split L1, next; L1: a; jump end; next: split L2, next2; ... last alternative.
        std::vector<std::size_t> jumps;
        for (std::size_t i = 0; i + 1 < node.children.size(); ++i) {
          const std::size_t split = p.size();
          p.push_back({Inst::kSplit, {}, static_cast<int>(split + 1), 0});
          emit(*node.children[i], p);
          jumps.push_back(p.size());
          p.push_back({Inst::kJump, {}, 0, 0});
          p[split].y = static_cast<int>(p.size());
        }
        emit(*node.children.back(), p);
        for (std::size_t j : jumps) p[j].x = static_cast<int>(p.size());
        return;
      }
      case Node::kRepeat: {
        const Node& body = *node.children[0];
        for (int i = 0; i < node.min; ++i) emit(body, p);
        if (node.max == -1) {  // loop: split body, out; body; jump loop
          const std::size_t loop = p.size();
          p.push_back({Inst::kSplit, {}, static_cast<int>(loop + 1), 0});
          emit(body, p);
          p.push_back({Inst::kJump, {}, static_cast<int>(loop), 0});
          p[loop].y = static_cast<int>(p.size());
          return;
        }
        std::vector<std::size_t> splits;  // each optional copy may exit to the end
        for (int i = node.min; i < node.max; ++i) {
          splits.push_back(p.size());
          p.push_back({Inst::kSplit, {}, static_cast<int>(p.size() + 1), 0});
          emit(body, p);
        }
        for (std::size_t s : splits) p[s].y = static_cast<int>(p.size());
        return;
      }
    }
  }

  const std::string& s_;
  std::size_t pos_ = 0;
};

Pattern::Pattern(const std::string& source) { PatternCompiler(source).compile(*this); }

bool Pattern::search(std::string_view text) const {
  // Pike's simulation without captures: the set of live program counters advances
  // one byte at a time; `seen` marks what is already in the set at this position.
  const std::size_t n = program_.size();
  std::vector<int> current, next, stack;
  std::vector<std::size_t> seen(n, static_cast<std::size_t>(-1));
  current.reserve(n);
  next.reserve(n);
  auto add = [&](std::vector<int>& list, int start, std::size_t pos) {
    stack.push_back(start);
    while (!stack.empty()) {
      const int pc = stack.back();
      stack.pop_back();
      if (seen[static_cast<std::size_t>(pc)] == pos) continue;
      seen[static_cast<std::size_t>(pc)] = pos;
      const Inst& inst = program_[static_cast<std::size_t>(pc)];
      switch (inst.op) {
        case Inst::kJump: stack.push_back(inst.x); break;
        case Inst::kSplit: stack.push_back(inst.y); stack.push_back(inst.x); break;
        case Inst::kLineStart: if (pos == 0) stack.push_back(pc + 1); break;
        case Inst::kLineEnd: if (pos == text.size()) stack.push_back(pc + 1); break;
        case Inst::kByte: case Inst::kMatch: list.push_back(pc); break;
      }
    }
  };
  for (std::size_t pos = 0;; ++pos) {
    add(current, 0, pos);  // a match may start at any position
    for (int pc : current) {
      if (program_[static_cast<std::size_t>(pc)].op == Inst::kMatch) return true;
    }
    if (pos == text.size()) return false;
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    next.clear();
    for (int pc : current) {
      const Inst& inst = program_[static_cast<std::size_t>(pc)];
      if (inst.op == Inst::kByte && inst.bytes.test(c)) add(next, pc + 1, pos + 1);
    }
    current.swap(next);
  }
}

}  // namespace tollgate::detail
