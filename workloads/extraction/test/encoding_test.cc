// Character encodings: the decoders against known text, the WHATWG error
// rules, the sniffing order (BOM, BOM-less UTF-16/32, <meta> prescan, XML
// declaration, content, default) for each format, and the same results
// however the document is split.

#include <gtest/gtest.h>

#include <string>

#include "decoder.h"
#include "encoding_sniff.h"
#include "extract_helpers.h"
#include "tollgate/errors.h"

namespace tollgate::extraction {
namespace {

std::string decode(Encoding e, std::string_view bytes, std::size_t piece = 0) {
  std::unique_ptr<ByteDecoder> d = makeUnicodeDecoder(e);
  if (!d) d = makeLegacyDecoder(e);
  EXPECT_NE(d, nullptr) << encodingName(e);
  if (!d) return {};
  std::string out;
  const std::size_t step = piece == 0 ? bytes.size() : piece;
  for (std::size_t i = 0; i < bytes.size(); i += step) {
    d->decode(reinterpret_cast<const unsigned char*>(bytes.data()) + i, std::min(step, bytes.size() - i), out);
  }
  d->finish(out);
  return out;
}

struct Vector {
  Encoding encoding;
  std::string_view bytes;
  const char* text;
};

// Written with Python's codecs, which agree with the WHATWG indexes on these.
const Vector kVectors[] = {
    {Encoding::windows_1251, "\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0! \xA8\xEB\xEA\xE0", u8"Привет, мир! Ёлка"},
    {Encoding::koi8_r, "\xF0\xD2\xC9\xD7\xC5\xD4, \xCD\xC9\xD2!", u8"Привет, мир!"},
    {Encoding::ibm866, "\x8F\xE0\xA8\xA2\xA5\xE2", u8"Привет"},
    {Encoding::iso_8859_5, "\xBF\xE0\xD8\xD2\xD5\xE2", u8"Привет"},
    {Encoding::iso_8859_7, "\xCA\xE1\xEB\xE7\xEC\xDD\xF1\xE1 \xEA\xFC\xF3\xEC\xE5", u8"Καλημέρα κόσμε"},
    {Encoding::windows_1253, "\xCA\xE1\xEB\xE7\xEC\xDD\xF1\xE1", u8"Καλημέρα"},
    {Encoding::windows_1255, "\xF9\xEC\xE5\xED \xF2\xE5\xEC\xED", u8"שלום עולם"},
    {Encoding::windows_1256, "\xE3\xD1\xCD\xC8\xC7 \xC8\xC7\xE1\xDA\xC7\xE1\xE3", u8"مرحبا بالعالم"},
    {Encoding::iso_8859_2, "Za\xBF\xF3\xB3\xE6 g\xEA\xB6l\xB1 ja\xBC\xF1", u8"Zażółć gęślą jaźń"},
    {Encoding::windows_1250, "P\xF8\xEDli\x9A \x9Elu\x9Dou\xE8k\xFD k\xF9\xF2", u8"Příliš žluťoučký kůň"},
    {Encoding::windows_1252, "caf\xE9 cr\xE8me \x80 \x84quoted\x93", u8"café crème € „quoted“"},
    {Encoding::iso_8859_15, "\xA4uro \xBDuvre", u8"€uro œuvre"},
    {Encoding::windows_874, "\xCA\xC7\xD1\xCA\xB4\xD5", u8"สวัสดี"},
    {Encoding::shift_jis, "\x93\xFA\x96{\x8C\xEA\x82\xCC\x83" "e\x83L\x83X\x83g\x81" "A\xB6\xC0\xB6\xC5", u8"日本語のテキスト、ｶﾀｶﾅ"},
    {Encoding::euc_jp, "\xC6\xFC\xCB\xDC\xB8\xEC\xA4\xCE\xA5\xC6\xA5\xAD\xA5\xB9\xA5\xC8", u8"日本語のテキスト"},
    {Encoding::iso_2022_jp, "\x1B$BF|K\x5C" "8l\x1B(B and English", u8"日本語 and English"},
    {Encoding::gbk, "\xD6\xD0\xCE\xC4\xCE\xC4\xB1\xBE", u8"中文文本"},
    {Encoding::gb18030, "\xD6\xD0\xCE\xC4 \x81" "0\x8B" "7 \xA2\xE3", u8"中文 ÿ €"},
    {Encoding::big5, "\xC1" "c\xC5\xE9\xA4\xA4\xA4\xE5", u8"繁體中文"},
    {Encoding::euc_kr, "\xC7\xD1\xB1\xB9\xBE\xEE \xC5\xD8\xBD\xBA\xC6\xAE", u8"한국어 텍스트"},
};

TEST(Encoding, EveryDecoderReadsItsLanguageWholeAndInPieces) {
  for (const Vector& v : kVectors) {
    for (std::size_t piece : {0, 1, 2, 3, 5}) {
      EXPECT_EQ(decode(v.encoding, v.bytes, piece), v.text) << encodingName(v.encoding) << " in pieces of " << piece;
    }
  }
}

TEST(Encoding, LabelsAreMatchedAsTheStandardSays) {
  Encoding e;
  ASSERT_TRUE(encodingForLabel(" Latin1\t", &e));
  EXPECT_EQ(e, Encoding::windows_1252);  // ISO-8859-1 is read as windows-1252
  ASSERT_TRUE(encodingForLabel("UTF8", &e));
  EXPECT_EQ(e, Encoding::utf_8);
  ASSERT_TRUE(encodingForLabel("x-sjis", &e));
  EXPECT_EQ(e, Encoding::shift_jis);
  ASSERT_TRUE(encodingForLabel("gb2312", &e));
  EXPECT_EQ(e, Encoding::gbk);
  ASSERT_TRUE(encodingForLabel("iso-2022-kr", &e));
  EXPECT_EQ(e, Encoding::replacement);
  EXPECT_FALSE(encodingForLabel("utf-7", &e));
  EXPECT_FALSE(encodingForLabel("", &e));
  EXPECT_EQ(std::string(encodingName(Encoding::shift_jis)), "shift_jis");
}

TEST(Encoding, ErrorsFollowTheWhatwgDecoders) {
  // Single-byte: a byte the index lacks is U+FFFD (0xAA in windows-1253).
  EXPECT_EQ(decode(Encoding::windows_1253, "a\xAA" "b"), "a\xEF\xBF\xBD" "b");
  // A lead byte whose trail is ASCII: U+FFFD, and the ASCII byte is read again.
  EXPECT_EQ(decode(Encoding::shift_jis, "\x82" "A"), "\xEF\xBF\xBD" "A");
  EXPECT_EQ(decode(Encoding::euc_kr, "\xB0!"), "\xEF\xBF\xBD!");
  // A lead byte cut off by the end: one U+FFFD.
  EXPECT_EQ(decode(Encoding::big5, "x\xA4"), "x\xEF\xBF\xBD");
  EXPECT_EQ(decode(Encoding::gb18030, "x\x81" "0\x81"), "x\xEF\xBF\xBD");
  // Big5's pointers that stand for two code points, and one past U+FFFF.
  EXPECT_EQ(decode(Encoding::big5, "\x88\x62\x88\xA5"), "\xC3\x8A\xCC\x84\xC3\xAA\xCC\x8C");
  EXPECT_EQ(decode(Encoding::big5, "\x87\x45"), "\xF0\xA7\x89\xA7");  // U+27267
  // gb18030's four-byte form: 0x81 0x30 0x81 0x30 is U+0080; past the BMP too.
  EXPECT_EQ(decode(Encoding::gb18030, "\x81" "0\x81" "0"), "\xC2\x80");
  EXPECT_EQ(decode(Encoding::gb18030, "\x90" "0\x81" "0"), "\xF0\x90\x80\x80");
  // EUC-JP: half-width katakana (0x8E) and JIS X 0212 (0x8F).
  EXPECT_EQ(decode(Encoding::euc_jp, "\x8E\xB1\x8F\xB0\xA1"), "\xEF\xBD\xB1\xE4\xB8\x82");
  // ISO-2022-JP: an escape to nothing, then text, is an error; a bare ESC too.
  EXPECT_EQ(decode(Encoding::iso_2022_jp, "\x1B(B\x1B(Bx"), "\xEF\xBF\xBDx");
  EXPECT_EQ(decode(Encoding::iso_2022_jp, "a\x1B"), "a\xEF\xBF\xBD");
  // UTF-16: a lone surrogate and an odd byte at the end.
  EXPECT_EQ(decode(Encoding::utf_16le, std::string("a\0\x00\xD8" "b\0", 6)), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(decode(Encoding::utf_16be, std::string("\0a\0", 3)), "a\xEF\xBF\xBD");
  EXPECT_EQ(decode(Encoding::utf_16le, std::string("=\xD8\x00\xDE", 4)), "\xF0\x9F\x98\x80");
  // The replacement encoding: the whole document is one U+FFFD.
  EXPECT_EQ(decode(Encoding::replacement, "anything at all", 1), "\xEF\xBF\xBD");
  EXPECT_EQ(decode(Encoding::x_user_defined, "a\x80"), "a\xEF\x9E\x80");
}

nlohmann::json html(const std::string& doc) { return test::extract(Format::html, doc); }

TEST(Encoding, HtmlDeclaresItsEncodingInAMetaTag) {
  const std::string body = "<p>\xCF\xF0\xE8\xE2\xE5\xF2</p>";  // "Привет" in windows-1251
  for (const std::string& meta : {std::string("<meta charset=windows-1251>"), std::string("<META CHARSET='cp1251'>"),
                                  std::string("<meta http-equiv=Content-Type content='text/html; charset=\"windows-1251\"'>"),
                                  std::string("<meta content=\"text/html;charset=WINDOWS-1251\" http-equiv=\"content-type\">")}) {
    const auto r = html("<!doctype html><head>" + meta + "<title>x</title></head>" + body);
    EXPECT_EQ(r["encoding"], "windows-1251") << meta;
    EXPECT_EQ(r["content"], "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82") << meta;
  }
  // Not a declaration: content without http-equiv, a commented-out meta, one past the first 1,024 bytes.
  EXPECT_EQ(html("<meta content='text/html; charset=koi8-r'><p>x</p>")["encoding"], "windows-1252");
  EXPECT_EQ(html("<!-- <meta charset=koi8-r> --><p>x</p>")["encoding"], "windows-1252");
  EXPECT_EQ(html("<p>" + std::string(1100, 'x') + "<meta charset=koi8-r>")["encoding"], "windows-1252");
  // A declared UTF-16 is read as UTF-8; x-user-defined as windows-1252.
  EXPECT_EQ(html("<meta charset=utf-16le><p>caf\xC3\xA9</p>")["encoding"], "utf-8");
  EXPECT_EQ(html("<meta charset=x-user-defined><p>x</p>")["encoding"], "windows-1252");
  // A byte order mark wins over the declaration.
  EXPECT_EQ(html("\xEF\xBB\xBF<meta charset=koi8-r><p>caf\xC3\xA9</p>")["content"], "caf\xC3\xA9");
}

TEST(Encoding, UndeclaredHtmlIsReadByItsContent) {
  const auto utf8 = html("<p>caf\xC3\xA9 na\xC3\xAFve</p>");
  EXPECT_EQ(utf8["encoding"], "utf-8");
  EXPECT_EQ(utf8["content"], "caf\xC3\xA9 na\xC3\xAFve");
  const auto latin1 = html("<p>caf\xE9 na\xEFve \x80</p>");
  EXPECT_EQ(latin1["encoding"], "windows-1252");
  EXPECT_EQ(latin1["content"], "caf\xC3\xA9 na\xC3\xAFve \xE2\x82\xAC");
  EXPECT_EQ(html("<p>plain ASCII</p>")["encoding"], "windows-1252");  // the WHATWG default
  // The first non-ASCII byte far into the page decides; what came before was ASCII either way.
  const std::string late = "<p>" + std::string(5000, 'a') + " caf\xE9</p>";
  EXPECT_EQ(html(late)["encoding"], "windows-1252");
  EXPECT_EQ(test::extractInPieces(Format::html, late, 7), test::extractJson(Format::html, late));
}

TEST(Encoding, ByteOrderMarksInEveryFormat) {
  // The defect: a UTF-8 BOM at the start of a CSV stayed in the first header cell.
  const auto csv = test::extract(Format::csv, "\xEF\xBB\xBFname,age\r\nbob,3\r\n");
  EXPECT_EQ(csv["tables"][0][0][0], "name");
  EXPECT_EQ(csv["encoding"], "utf-8");
  const std::string utf16le("\xFF\xFEn\0a\0m\0e\0,\0\xE9\0\n\0", 16);
  const auto csv16 = test::extract(Format::csv, utf16le);
  EXPECT_EQ(csv16["encoding"], "utf-16le");
  EXPECT_EQ(csv16["tables"][0][0], nlohmann::json::parse(R"(["name","\u00e9"])"));
  const std::string utf16be("\xFE\xFF\0#\0 \0T\0i\0t\0l\0e", 16);
  const auto md = test::extract(Format::markdown, utf16be);
  EXPECT_EQ(md["encoding"], "utf-16be");
  EXPECT_EQ(md["headings"][0]["text"], "Title");
  const auto text = test::extract(Format::text, std::string("\xFF\xFE\0\0h\0\0\0", 8));
  EXPECT_EQ(text["encoding"], "utf-32le");
  EXPECT_EQ(text["content"], "h");
}

TEST(Encoding, BomLessUtf16And32AreSniffed) {
  const auto widen = [](std::string_view ascii, int width, bool big_endian) {
    std::string out;
    for (const char c : ascii) {
      std::string unit(width, '\0');
      unit[big_endian ? width - 1 : 0] = c;
      out += unit;
    }
    return out;
  };
  const std::string page = "<html><head><title>Wide</title></head><body><p>Hello there</p></body></html>";
  const struct {
    int width;
    bool big_endian;
    const char* name;
  } kinds[] = {{2, false, "utf-16le"}, {2, true, "utf-16be"}, {4, false, "utf-32le"}, {4, true, "utf-32be"}};
  for (const auto& k : kinds) {
    const std::string doc = widen(page, k.width, k.big_endian);
    const auto r = html(doc);
    EXPECT_EQ(r["encoding"], k.name);
    EXPECT_EQ(r["metadata"]["title"], "Wide") << k.name;
    EXPECT_EQ(r["content"], "Hello there") << k.name;
    EXPECT_EQ(test::extractInPieces(Format::html, doc, 3), test::extractJson(Format::html, doc)) << k.name;
    EXPECT_EQ(test::extract(Format::text, widen("plain words", k.width, k.big_endian))["content"], "plain words");
  }
}

TEST(Encoding, XmlDeclaresItsEncoding) {
  const auto r = test::extract(Format::xml, "<?xml version='1.0' encoding='ISO-8859-7'?><rss><channel><title>\xCA\xE1\xEB\xE7</title></channel></rss>");
  EXPECT_EQ(r["encoding"], "iso-8859-7");
  EXPECT_EQ(r["metadata"]["title"], "\xCE\x9A\xCE\xB1\xCE\xBB\xCE\xB7");
  EXPECT_EQ(test::extract(Format::xml, "<a>caf\xC3\xA9</a>")["encoding"], "utf-8");
}

TEST(Encoding, EveryPathGivesTheSameResultInPieces) {
  std::vector<std::pair<Format, std::string>> docs = {
      {Format::html, "<meta charset=shift_jis><p>\x93\xFA\x96{\x8C\xEA</p>"},
      {Format::html, "<meta charset=iso-2022-jp><p>\x1B$BF|K\x5C" "8l\x1B(B</p>"},
      {Format::html, "<meta charset=gb18030><p>\x81" "0\x81" "0 \xD6\xD0</p>"},
      {Format::html, "<p>" + std::string(2000, ' ') + "caf\xC3\xA9</p>"},
      {Format::text, std::string("\xFE\xFF\xD8\x3D\xDE\x00 ", 7)},
  };
  for (const auto& [format, doc] : docs) {
    const std::string whole = test::extractJson(format, doc);
    for (std::size_t piece : {1, 2, 3, 7, 1000}) {
      EXPECT_EQ(test::extractInPieces(format, doc, piece), whole) << doc << " in pieces of " << piece;
    }
  }
}

}  // namespace
}  // namespace tollgate::extraction
