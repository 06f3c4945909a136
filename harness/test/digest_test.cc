#include <gtest/gtest.h>

#include <string>

#include "tollgate/digest.h"

namespace tollgate {
namespace {

std::string of(const std::string& text) {
  Fnv1a32 d;
  d.addBytes(text.data(), text.size());
  return d.text();
}

TEST(Digest, PublishedFnv1a32TestVectors) {
  EXPECT_EQ(of(""), "fnv1a32:811c9dc5");
  EXPECT_EQ(of("a"), "fnv1a32:e40c292c");
  EXPECT_EQ(of("foobar"), "fnv1a32:bf9cf968");
}

TEST(Digest, WordsAreLittleEndianAsTheJsDriverFeedsThem) {
  Fnv1a32 word, bytes;
  word.addU32(0x04030201u);
  const unsigned char raw[] = {1, 2, 3, 4};
  bytes.addBytes(raw, 4);
  EXPECT_EQ(word.text(), bytes.text());
  Fnv1a32 f;
  f.addF32(0.1f);
  Fnv1a32 bits;
  bits.addU32(0x3dcccccdu);
  EXPECT_EQ(f.text(), bits.text());
}

}  // namespace
}  // namespace tollgate
