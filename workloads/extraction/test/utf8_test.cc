#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "utf8.h"

namespace tollgate::extraction {
namespace {

class Collect : public Utf8Sanitizer::Sink {
 public:
  void clean(std::string_view text) override {
    // Every span handed on is whole characters of valid UTF-8.
    out.append(text);
    ++spans;
  }
  std::string out;
  int spans = 0;
};

std::string sanitize(const std::string& raw, std::size_t piece = 0) {
  Collect sink;
  Utf8Sanitizer s(sink);
  if (piece == 0) piece = raw.size() + 1;
  for (std::size_t i = 0; i < raw.size(); i += piece) {
    s.feed(reinterpret_cast<const unsigned char*>(raw.data()) + i, std::min(piece, raw.size() - i));
  }
  s.finish();
  return sink.out;
}

const std::string kFffd = "\xEF\xBF\xBD";

TEST(Utf8Sanitizer, PassesValidTextThroughUnchangedAndWithoutCopies) {
  const std::string text = "plain ASCII, caf\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x98\x80, \xE4\xB8\xAD\xE6\x96\x87";
  Collect sink;
  Utf8Sanitizer s(sink);
  s.feed(reinterpret_cast<const unsigned char*>(text.data()), text.size());
  s.finish();
  EXPECT_EQ(sink.out, text);
  EXPECT_EQ(sink.spans, 1);
  EXPECT_EQ(s.replacements(), 0u);
}

TEST(Utf8Sanitizer, DropsALeadingBomOnly) {
  EXPECT_EQ(sanitize("\xEF\xBB\xBFhello"), "hello");
  EXPECT_EQ(sanitize("a\xEF\xBB\xBF" "b"), "a\xEF\xBB\xBF" "b");
  EXPECT_EQ(sanitize("\xEF\xBB\xBF\xEF\xBB\xBFx"), "\xEF\xBB\xBFx");
  for (std::size_t piece = 1; piece <= 4; ++piece) EXPECT_EQ(sanitize("\xEF\xBB\xBFhi", piece), "hi") << piece;
}

TEST(Utf8Sanitizer, MakesCrLfAndLoneCrIntoLf) {
  EXPECT_EQ(sanitize("a\r\nb\rc\n\r\r\nd"), "a\nb\nc\n\n\nd");
  for (std::size_t piece = 1; piece <= 3; ++piece) EXPECT_EQ(sanitize("a\r\nb\r", piece), "a\nb\n") << piece;
}

// The WHATWG decoder's maximal-subpart rule, as TextDecoder applies it.
TEST(Utf8Sanitizer, ReplacesEachMaximalInvalidSubpartWithOneReplacementCharacter) {
  struct Case {
    std::string raw, clean;
  };
  const std::vector<Case> cases = {
      {"\x80", kFffd},                                  // lone continuation
      {"\xC0\xAF", kFffd + kFffd},                      // overlong lead: never valid
      {"\xE0\x80\xAF", kFffd + kFffd + kFffd},          // overlong 3-byte: E0 then 80 out of range
      {"\xED\xA0\x80", kFffd + kFffd + kFffd},          // surrogate
      {"\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd},  // past U+10FFFF
      {"\xE2\x82", kFffd},                              // truncated at the end
      {"\xE2\x82" "a", kFffd + "a"},                    // truncated by ASCII
      {"\xF0\x9F\x98", kFffd},                          // truncated 4-byte
      {"\xF0\x9F\x98" "\xF0\x9F\x98\x80", kFffd + "\xF0\x9F\x98\x80"},
      {"\xFF\xFE", kFffd + kFffd},
      {"a\xF5z", "a" + kFffd + "z"},
  };
  for (const Case& c : cases) {
    for (std::size_t piece : {std::size_t{0}, std::size_t{1}, std::size_t{2}}) {
      EXPECT_EQ(sanitize(c.raw, piece), c.clean) << "piece " << piece;
    }
  }
}

TEST(Utf8Sanitizer, SplittingAnywhereChangesNothing) {
  std::string raw;
  for (int i = 0; i < 600; ++i) raw += static_cast<char>((i * 37 + 11) % 256);  // valid and invalid mixed
  raw += "\r\n\xE2\x82\xAC\xF0\x9F\x98\x80\r";
  const std::string whole = sanitize(raw);
  for (std::size_t piece = 1; piece <= 9; ++piece) EXPECT_EQ(sanitize(raw, piece), whole) << piece;
}

// The WHATWG UTF-8 decoder written plainly, byte by byte (the spec's steps),
// re-encoded: what the sanitizer's fast paths must agree with.
std::string referenceDecode(const std::string& raw) {
  std::string out;
  std::uint32_t cp = 0;
  int needed = 0, seen = 0;
  unsigned char lower = 0x80, upper = 0xBF;
  std::size_t i = 0;
  while (i < raw.size()) {
    const auto b = static_cast<unsigned char>(raw[i]);
    if (needed == 0) {
      ++i;
      if (b < 0x80) out += static_cast<char>(b);
      else if (b >= 0xC2 && b <= 0xDF) needed = 1, cp = b & 0x1F;
      else if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0) lower = 0xA0;
        if (b == 0xED) upper = 0x9F;
        needed = 2, cp = b & 0xF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0) lower = 0x90;
        if (b == 0xF4) upper = 0x8F;
        needed = 3, cp = b & 0x7;
      } else out += kFffd;
      continue;
    }
    if (b < lower || b > upper) {  // not consumed: read again as a new start
      cp = 0, needed = seen = 0, lower = 0x80, upper = 0xBF;
      out += kFffd;
      continue;
    }
    lower = 0x80, upper = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
    ++i;
    if (++seen == needed) {
      appendUtf8(out, cp);
      cp = 0, needed = seen = 0;
    }
  }
  if (needed > 0) out += kFffd;
  return out;
}

TEST(Utf8Sanitizer, AgreesWithTheSpecsDecoderOnRandomBytesWholeAndInPieces) {
  // Bytes biased towards UTF-8's structure (leads, continuations, ASCII runs
  // long enough for the 16-byte scans), so every fast path and every error
  // path is crossed, split at every piece size up to 17.
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned>(state >> 33);
  };
  const unsigned char pool[] = {0x41, 0x20, 0x0A, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF,
                                0xE0, 0xE1, 0xED, 0xEF, 0xBB, 0xF0, 0xF4, 0xF5, 0xFF};
  for (int doc = 0; doc < 300; ++doc) {
    std::string raw;
    const unsigned length = next() % 200;
    while (raw.size() < length) {
      if (next() % 4 == 0) raw.append(next() % 24, 'x');
      else raw += static_cast<char>(pool[next() % sizeof pool]);
    }
    // CR is the sanitizer's own business (CR LF, lone CR): kept out of the comparison.
    const std::string expected = referenceDecode(raw);
    std::string without_bom = expected.rfind("\xEF\xBB\xBF", 0) == 0 ? expected.substr(3) : expected;
    EXPECT_EQ(sanitize(raw), without_bom) << "document " << doc;
    for (std::size_t piece = 1; piece <= 17; piece += 4) EXPECT_EQ(sanitize(raw, piece), without_bom) << doc;
  }
}

TEST(Utf8, Utf16LengthCountsSurrogatePairsTwice) {
  EXPECT_EQ(utf16Length("abc"), 3u);
  EXPECT_EQ(utf16Length("caf\xC3\xA9"), 4u);
  EXPECT_EQ(utf16Length("\xF0\x9F\x98\x80"), 2u);
  EXPECT_EQ(utf16Length("\xE4\xB8\xAD"), 1u);
}

TEST(Utf8, PrefixAtBoundaryNeverCutsACharacter) {
  const std::string text = "ab\xE2\x82\xAC" "cd";
  EXPECT_EQ(prefixAtBoundary(text, 2), 2u);
  EXPECT_EQ(prefixAtBoundary(text, 3), 2u);
  EXPECT_EQ(prefixAtBoundary(text, 4), 2u);
  EXPECT_EQ(prefixAtBoundary(text, 5), 5u);
  EXPECT_EQ(prefixAtBoundary(text, 100), text.size());
}

TEST(Utf8, AppendUtf8ReplacesSurrogatesAndOutOfRange) {
  std::string out;
  appendUtf8(out, 0x41);
  appendUtf8(out, 0xE9);
  appendUtf8(out, 0x20AC);
  appendUtf8(out, 0x1F600);
  appendUtf8(out, 0xD800);
  appendUtf8(out, 0x110000);
  EXPECT_EQ(out, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80" + kFffd + kFffd);
}

}  // namespace
}  // namespace tollgate::extraction
