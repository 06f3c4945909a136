// The module-side adapters: every path gives the same result, refused input
// leaves them usable, and the pool allocates nothing once grown.

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "corpus.h"
#include "extract_helpers.h"
#include "extraction_limits.h"
#include "extraction_session.h"
#include "tollgate/alloc_hook.h"
#include "tollgate/errors.h"
#include "tollgate/probe.h"

namespace tollgate::extraction {
namespace {

std::vector<std::string> htmlDocs(std::size_t count, std::size_t bytes) {
  std::vector<std::string> docs;
  for (std::size_t i = 0; i < count; ++i) docs.push_back(corpus::generateDocument({Format::html, bytes, 40 + i}));
  return docs;
}

void stage(ExtractionSession& s, const std::string& doc) {
  std::memcpy(s.inputBuffer(doc.size()), doc.data(), doc.size());
}

void stageBatch(ExtractionSession& s, const std::vector<std::string>& docs) {
  std::size_t total = 0;
  for (const auto& d : docs) total += d.size();
  unsigned char* input = s.inputBuffer(total);
  std::uint32_t* sizes = s.batchSizes(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::memcpy(input, docs[i].data(), docs[i].size());
    input += docs[i].size();
    sizes[i] = static_cast<std::uint32_t>(docs[i].size());
  }
}

TEST(Session, EveryPathGivesTheSameResult) {
  const auto docs = htmlDocs(4, 5000);
  ExtractionSession session;
  stageBatch(session, docs);
  session.extractBatch(Format::html, docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const std::string json = session.extractJson(Format::html, docs[i].data(), docs[i].size());
    EXPECT_EQ(json, test::extractJson(Format::html, docs[i]));
    EXPECT_EQ(resultJson(session.batchResult(i)), json) << i;
    ExtractionSession staged;
    stage(staged, docs[i]);
    const std::uint32_t* header = staged.extractStaged(Format::html, docs[i].size());
    EXPECT_EQ(resultJson(staged.stagedResult()), json) << i;
    EXPECT_EQ(header[kHeaderHeadingCount], staged.stagedResult().headings.size() / kHeadingWords);
    // The content as JS reads it: the UTF-8 when all ASCII, else 2 bytes a UTF-16 unit.
    const std::string_view content = staged.stagedResult().content.view();
    std::vector<char16_t> units(content.size());
    const bool utf16 = (header[kHeaderFlags] & kFlagContentUtf16) != 0;
    EXPECT_EQ(utf16, !isAscii(content)) << i;
    EXPECT_EQ(header[kHeaderContentBytes], utf16 ? 2 * utf8ToUtf16(content, units.data()) : content.size()) << i;
  }
}

TEST(Session, TextReachesJsAsAsciiOrUtf16) {
  struct Case {
    std::string html, content;
    bool utf16;
    std::size_t bytes;
  };
  const Case cases[] = {{"<p>plain <a href='/x'>words</a></p>", "plain words", false, 11},
                        {"<p>caf\xC3\xA9 <a href='/x'>\xCE\xB1</a></p>", "caf\xC3\xA9 \xCE\xB1", true, 2 * 6}};
  for (const Case& c : cases) {
    ExtractionSession session;
    stage(session, c.html);
    const std::uint32_t* header = session.extractStaged(Format::html, c.html.size());
    EXPECT_EQ(session.stagedResult().content, c.content);
    EXPECT_EQ((header[kHeaderFlags] & kFlagContentUtf16) != 0, c.utf16) << c.html;
    EXPECT_EQ((header[kHeaderFlags] & kFlagStringsUtf16) != 0, c.utf16) << c.html;  // the link's text
    EXPECT_EQ(header[kHeaderContentBytes], c.bytes) << c.html;
  }
}

TEST(Session, RefusedInputNamesTheProblemAndChangesNothing) {
  const auto docs = htmlDocs(2, 3000);
  ExtractionSession session;
  stageBatch(session, docs);
  session.extractBatch(Format::html, 2);
  const std::string before = resultJson(session.batchResult(1));

  auto refuses = [](auto&& call, const char* message) {
    try {
      call();
      ADD_FAILURE() << "accepted: " << message;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  };
  refuses([&] { session.extractStaged(Format::html, 1u << 30); }, "but the input buffer holds");
  refuses([&] { session.extractBatch(Format::html, 3); }, "sizes were given for 2");
  refuses([&] { session.extractBatch(Format::html, 0); }, "a batch of 0 documents");
  refuses([&] { session.batchSizes(0); }, "expected 1 to");
  refuses([&] { session.inputBuffer(kMaxDocumentBytes + 1); }, "MiB limit");
  session.batchSizes(2)[0] = 1u << 30;
  refuses([&] { session.extractBatch(Format::html, 2); }, "add up to");
  refuses([&] { ExtractionStream(Format::html, 0); }, "chunk size 0");
  // The size is checked before a byte is read, so a small buffer can claim a big size here.
  std::string small = "x";
  ResultBuffers unused;
  refuses([&] { extractDocument(Format::html, small.data(), std::size_t{1} << 30, unused); },
          "past the 256 MiB limit");

  EXPECT_EQ(resultJson(session.batchResult(1)), before);  // the pool kept the last good batch
  stageBatch(session, docs);
  session.extractBatch(Format::html, 2);
  EXPECT_EQ(resultJson(session.batchResult(1)), before);
}

TEST(Session, TheStreamRefusesMisuse) {
  ExtractionStream stream(Format::markdown, 8);
  EXPECT_THROW(stream.next(9, false), InputError);
  std::memcpy(stream.inputBuffer(), "# Title\n", 8);
  stream.next(8, true);
  EXPECT_EQ(stream.chunk().headings.size() / kHeadingWords, 1u);
  try {
    stream.next(0, true);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("the stream is finished"), std::string::npos);
  }
}

// A batch reserves UTF-16 room for the texts outside ASCII only: ASCII ones
// reach JS as they are (a batch of English pages reserved twice their text's
// bytes for nothing).
TEST(Session, OnlyTextOutsideAsciiGetsUtf16Room) {
  ResultBuffers r;
  r.content.append("plain text");
  r.addString("/href");
  TextForms forms = textForms(r);
  EXPECT_TRUE(forms.content_ascii);
  EXPECT_TRUE(forms.strings_ascii);
  EXPECT_EQ(forms.utf16_units, 0u);
  r.content.append("caf\xC3\xA9");
  forms = textForms(r);
  EXPECT_FALSE(forms.content_ascii);
  EXPECT_TRUE(forms.strings_ascii);
  EXPECT_EQ(forms.utf16_units, r.content.size());
  r.addString("\xCE\xB1");
  forms = textForms(r);
  EXPECT_FALSE(forms.strings_ascii);
  EXPECT_EQ(forms.utf16_units, r.content.size() + r.strings.size());
}

// The pooled adapter's point: documents reuse the buffers of the last batch.
TEST(Session, APooledBatchAllocatesNothingOnceThePoolHasGrown) {
  const auto docs = htmlDocs(5, 20000);
  ExtractionSession session;
  stageBatch(session, docs);
  session.extractBatch(Format::html, docs.size());
  stageBatch(session, docs);
  resetAllocCounters();
  session.extractBatch(Format::html, docs.size());
  EXPECT_EQ(allocStats().allocations, 0u);
  // A fresh extraction per call (zero_copy) allocates every time.
  stage(session, docs[0]);
  session.extractStaged(Format::html, docs[0].size());
  resetAllocCounters();
  session.extractStaged(Format::html, docs[0].size());
  EXPECT_GT(allocStats().allocations, 10u);
}

TEST(Session, ProbesTimeComputeAndSerializeAndCountTheJsonOut) {
  const auto docs = htmlDocs(1, 3000);
  ExtractionSession session;
  setProbesEnabled(true);
  resetLedger();
  const std::string json = session.extractJson(Format::html, docs[0].data(), docs[0].size());
  setProbesEnabled(false);
  EXPECT_GT(ledger().phase_ns[static_cast<int>(Phase::compute)], 0.0);
  EXPECT_GT(ledger().phase_ns[static_cast<int>(Phase::serialize)], 0.0);
  EXPECT_EQ(ledger().bytes_out, json.size());
}

}  // namespace
}  // namespace tollgate::extraction
