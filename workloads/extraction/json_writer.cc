#include "json_writer.h"

#include "scan.h"
#include "tollgate/digest.h"

namespace tollgate::extraction {
namespace {

void appendNumber(std::string& out, std::uint64_t value) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out += digits[--n];
}

void appendSpanString(std::string& out, const ResultBuffers& r, const std::uint32_t* span) {
  appendJsonString(out, r.text(span));
}

// Rows ended in document order, but a nested table's rows end inside its outer
// table's row: group them by table, keeping each table's own order.
void appendTables(std::string& out, const ResultBuffers& r) {
  const std::size_t row_count = r.rows.size() / kRowWords;
  std::vector<std::uint32_t> first(r.table_count + 1, 0);
  for (std::size_t i = 0; i < row_count; ++i) ++first[r.rows[i * kRowWords] + 1];
  for (std::size_t t = 0; t < r.table_count; ++t) first[t + 1] += first[t];
  std::vector<std::uint32_t> order(row_count);
  std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
  for (std::size_t i = 0; i < row_count; ++i) order[next[r.rows[i * kRowWords]]++] = static_cast<std::uint32_t>(i);

  out += '[';
  for (std::size_t t = 0; t < r.table_count; ++t) {
    if (t > 0) out += ',';
    out += '[';
    for (std::uint32_t k = first[t]; k < first[t + 1]; ++k) {
      if (k > first[t]) out += ',';
      const std::uint32_t* row = &r.rows[order[k] * kRowWords];
      out += '[';
      for (std::uint32_t c = 0; c < row[2]; ++c) {
        if (c > 0) out += ',';
        appendSpanString(out, r, &r.cells[(row[1] + c) * kCellWords]);
      }
      out += ']';
    }
    out += ']';
  }
  out += ']';
}

void appendPairs(std::string& out, const ResultBuffers& r, const std::vector<std::uint32_t>& words, const char* a,
                 const char* b) {
  out += '[';
  for (std::size_t i = 0; i < words.size(); i += kLinkWords) {
    if (i > 0) out += ',';
    out += "{\"";
    out += a;
    out += "\":";
    appendSpanString(out, r, &words[i]);
    out += ",\"";
    out += b;
    out += "\":";
    appendSpanString(out, r, &words[i + kSpanWords]);
    out += '}';
  }
  out += ']';
}

}  // namespace

void appendJsonString(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Whole blocks while none needs escaping (no '"', '\\' or control); the
    // block test also stops at non-ASCII, which then goes byte by byte.
    i = scan::skipPrintable(text.data() + i, text.data() + text.size(), '"', '\\') - text.data();
    if (i >= text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(text, run, text.size() - run);
  out += '"';
}

void appendResultJson(std::string& out, const ResultBuffers& r) {
  out += "{\"format\":";
  appendJsonString(out, formatName(r.format));
  out += ",\"encoding\":";
  appendJsonString(out, encodingName(r.encoding));
  out += ",\"metadata\":{";
  for (int f = 0; f < kMetaFieldCount; ++f) {
    if (f > 0) out += ',';
    out += '"';
    out += kMetaFieldNames[f];
    out += "\":";
    appendJsonString(out, r.metadataText(static_cast<MetaField>(f)));
  }
  out += "},\"content\":";
  appendJsonString(out, r.content);
  out += ",\"headings\":[";
  for (std::size_t i = 0; i < r.headings.size(); i += kHeadingWords) {
    if (i > 0) out += ',';
    out += "{\"level\":";
    appendNumber(out, r.headings[i]);
    out += ",\"text\":";
    appendSpanString(out, r, &r.headings[i + 1]);
    out += '}';
  }
  out += "],\"links\":";
  appendPairs(out, r, r.links, "href", "text");
  out += ",\"images\":";
  appendPairs(out, r, r.images, "src", "alt");
  out += ",\"tables\":";
  appendTables(out, r);
  out += ",\"word_count\":";
  appendNumber(out, r.word_count);
  out += ",\"char_count\":";
  appendNumber(out, r.char_count);
  out += '}';
}

std::string resultJson(const ResultBuffers& result) {
  std::string out;
  out.reserve(result.content.size() + result.strings.size() + 256);
  appendResultJson(out, result);
  return out;
}

std::string resultDigest(const ResultBuffers& result) {
  const std::string json = resultJson(result);
  Fnv1a32 digest;
  digest.addBytes(json.data(), json.size());
  return digest.text();
}

std::string batchDigest(const std::vector<ResultBuffers>& results) {
  Fnv1a32 digest;
  std::string json;
  digest.addBytes("[", 1);
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i > 0) digest.addBytes(",", 1);
    json.clear();
    appendResultJson(json, results[i]);
    digest.addBytes(json.data(), json.size());
  }
  digest.addBytes("]", 1);
  return digest.text();
}

}  // namespace tollgate::extraction
