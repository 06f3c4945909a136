// TextBuffer (text_buffer.h): appends of every length its inline copy branches
// on (0-3, 4-7, 8-16, longer), at every offset, give what std::string gives;
// clearing keeps the memory; copies and moves keep the text, inline or not.

#include <gtest/gtest.h>

#include <string>

#include "text_buffer.h"

namespace tollgate::extraction {
namespace {

std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>(i * 131 + 7);
  return s;
}

TEST(TextBuffer, AppendsLikeStdStringAtEveryShortLengthAndOffset) {
  const std::string source = pattern(300);
  TextBuffer buffer;
  std::string expected;
  for (std::size_t n = 0; n <= 40; ++n) {
    for (std::size_t from = 0; from < 9; ++from) {
      buffer.append(source.data() + from, n);
      expected.append(source, from, n);
      ASSERT_EQ(buffer.size(), expected.size()) << "n=" << n << " from=" << from;
      ASSERT_TRUE(buffer == expected) << "n=" << n << " from=" << from;
    }
  }
  buffer.append(std::string_view(source));  // a long one, through memcpy
  buffer.push_back('x');
  buffer += ' ';
  buffer += std::string_view("tail");
  expected += source + "x tail";
  EXPECT_TRUE(buffer == expected);
  EXPECT_GE(buffer.capacity(), buffer.size());
}

TEST(TextBuffer, AppendsItsOwnTextAcrossGrowth) {
  TextBuffer buffer;
  std::string expected = "abc";
  buffer.append(expected);
  for (int i = 0; i < 12; ++i) {  // from inline through several reallocations
    buffer.append(buffer.view());
    expected += expected;
    ASSERT_TRUE(buffer == expected) << i;
  }
  buffer.append(buffer.view().substr(5, 9));
  expected += expected.substr(5, 9);
  EXPECT_TRUE(buffer == expected);
}

TEST(TextBuffer, ClearKeepsTheMemoryAndReserveMakesRoomAtOnce) {
  TextBuffer buffer;
  EXPECT_TRUE(buffer.empty());
  EXPECT_TRUE(buffer.view().empty());
  buffer.reserve(1000);
  const char* memory = buffer.data();
  const std::size_t capacity = buffer.capacity();
  ASSERT_GE(capacity, 1000u);
  buffer.append(pattern(1000));
  EXPECT_EQ(buffer.data(), memory);  // nothing moved: the room was there
  buffer.clear();
  EXPECT_TRUE(buffer.empty());
  EXPECT_EQ(buffer.capacity(), capacity);
  buffer.append("again");
  EXPECT_EQ(buffer.data(), memory);
  EXPECT_TRUE(buffer == std::string_view("again"));
}

TEST(TextBuffer, CopiesAndMovesKeepTheText) {
  TextBuffer a;
  a.append(pattern(100));
  TextBuffer b(a);
  EXPECT_TRUE(a == b);
  EXPECT_NE(a.data(), b.data());
  TextBuffer c(std::move(a));
  EXPECT_TRUE(c == b);
  TextBuffer d;
  d.append("old");
  d = c;
  EXPECT_TRUE(d == b);
  d = TextBuffer();
  EXPECT_TRUE(d.empty());
  // Short text lives inside the object: a move copies it, the source is left empty.
  TextBuffer short_text;
  short_text.append("short");
  TextBuffer moved(std::move(short_text));
  EXPECT_TRUE(moved == std::string_view("short"));
  EXPECT_TRUE(short_text.empty());  // NOLINT(bugprone-use-after-move): moved-from is specified here
  short_text.append("again");
  EXPECT_TRUE(short_text == std::string_view("again"));
  EXPECT_TRUE(moved == std::string_view("short"));
}

}  // namespace
}  // namespace tollgate::extraction
