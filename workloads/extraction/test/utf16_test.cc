// The adapters' UTF-8 -> UTF-16 transcoding (what JS reads the result's text
// from): every sequence length at every position relative to the 16-byte
// blocks, and long runs of every mix of lengths (each shuffle plan), against
// code points encoded both ways here.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "utf16_text.h"

namespace tollgate::extraction {
namespace {

void encode(char32_t cp, std::string& utf8, std::u16string& utf16) {
  if (cp < 0x80) {
    utf8 += static_cast<char>(cp);
  } else if (cp < 0x800) {
    utf8 += static_cast<char>(0xC0 | (cp >> 6));
    utf8 += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    utf8 += static_cast<char>(0xE0 | (cp >> 12));
    utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    utf8 += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    utf8 += static_cast<char>(0xF0 | (cp >> 18));
    utf8 += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    utf8 += static_cast<char>(0x80 | (cp & 0x3F));
  }
  if (cp < 0x10000) {
    utf16 += static_cast<char16_t>(cp);
  } else {
    utf16 += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
    utf16 += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
  }
}

std::u16string transcode(const std::string& utf8) {
  std::vector<char16_t> out(utf8.size() + 1, u'#');
  const std::size_t units = utf8ToUtf16(utf8, out.data());
  EXPECT_LE(units, utf8.size());
  EXPECT_EQ(out[utf8.size()], u'#') << "wrote past the room it was given";
  return std::u16string(out.data(), units);
}

TEST(Utf16, EverySequenceLengthAtEveryPositionOfABlock) {
  const char32_t samples[] = {0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x3B1, 0x4E2D, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD,
                              0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
  for (std::size_t before = 0; before <= 40; ++before) {
    for (char32_t cp : samples) {
      std::string utf8(before, 'a');
      std::u16string expected(before, u'a');
      encode(cp, utf8, expected);
      for (std::size_t after = 0; after < 20; after += 7) {
        std::string u8 = utf8 + std::string(after, 'z');
        std::u16string u16 = expected + std::u16string(after, u'z');
        ASSERT_EQ(transcode(u8), u16) << "U+" << std::hex << static_cast<unsigned>(cp) << " after " << before;
      }
    }
  }
}

TEST(Utf16, MixedTextInLongRuns) {
  std::string utf8;
  std::u16string expected;
  const char32_t mix[] = {'S', 't', 'r', 0xDF, 'e', ' ', 0x3BB, 0x3CC, 0x3B3, 0x3BF, 0x3C2, ' ', 0x6771, 0x4EAC, ' ',
                          0x1F680, '.', ' '};
  for (int i = 0; i < 500; ++i) encode(mix[(i * 7) % (sizeof mix / sizeof mix[0])], utf8, expected);
  EXPECT_EQ(transcode(utf8), expected);
}

TEST(Utf16, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  EXPECT_EQ(transcode("a\x80z"), u"a\uFFFDz");
  EXPECT_EQ(transcode("a\xC3"), u"a\uFFFD");                       // truncated at the end
  EXPECT_EQ(transcode("\xE2\x82"), u"\uFFFD\uFFFD");             // truncated 3-byte sequence
  EXPECT_EQ(transcode("\xC0\xAF"), u"\uFFFD\uFFFD");             // overlong
  EXPECT_EQ(transcode("\xED\xA0\x80"), u"\uFFFD\uFFFD\uFFFD");   // a surrogate
  EXPECT_EQ(transcode("\xF4\x90\x80\x80"), u"\uFFFD\uFFFD\uFFFD\uFFFD");  // past U+10FFFF
}

// Every mix of 1- to 4-byte characters at every offset: each block meets a
// different plan (two-byte lanes, three-byte lanes, one by one), so every
// shuffle is used; a small generator keeps the sequence the same on every run.
TEST(Utf16, RandomMixesOfEveryLengthMatchTheReference) {
  const char32_t by_length[4][5] = {{'a', ' ', '.', 0x7F, '\n'},
                                   {0x80, 0xE9, 0x3B1, 0x44F, 0x7FF},
                                   {0x800, 0x4E2D, 0xD7FF, 0xE000, 0xFFFD},
                                   {0x10000, 0x1F600, 0x1F680, 0x10FFFF, 0x2070E}};
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return state >> 16;
  };
  for (int doc = 0; doc < 400; ++doc) {
    std::string utf8;
    std::u16string expected;
    const unsigned weights = next();  // how often each length appears in this document
    const int length = 1 + static_cast<int>(next() % 300);
    for (int c = 0; c < length; ++c) {
      unsigned pick = next() % 16, len = 0;
      while (len < 3 && pick >= ((weights >> (4 * len)) & 15u)) ++len;
      encode(by_length[len][next() % 5], utf8, expected);
    }
    ASSERT_EQ(transcode(utf8), expected) << "document " << doc;
  }
}

TEST(Utf16, LongRunsOfBytesThatAreNotUtf8StayInBounds) {
  std::uint32_t state = 99;
  for (int doc = 0; doc < 200; ++doc) {
    std::string bytes(17 + doc, '\0');
    for (char& b : bytes) {
      state = state * 1103515245u + 12345u;
      b = static_cast<char>(0x80 | (state >> 24));  // continuation and lead bytes in any order
    }
    transcode(bytes);  // at most bytes.size() units, nothing written past them
  }
}

TEST(Utf16, TextAppendedAfterReservingStaysWhereItWas) {
  Utf16Text text;
  text.reserve(64);
  std::size_t a_units = 0, b_units = 0;
  const char16_t* a = text.append("caf\xC3\xA9", &a_units);
  const char16_t* b = text.append("\xF0\x9F\x98\x80!", &b_units);
  EXPECT_EQ(std::u16string(a, a_units), u"caf\u00E9");
  EXPECT_EQ(std::u16string(b, b_units), u"\U0001F600!");
  EXPECT_EQ(b, a + a_units);
  text.clear();
  std::size_t c_units = 0;
  EXPECT_EQ(text.append(std::string(1000, 'x'), &c_units)[999], u'x');  // grows past the reservation
  EXPECT_EQ(c_units, 1000u);
}

}  // namespace
}  // namespace tollgate::extraction
