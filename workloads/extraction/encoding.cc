#include "encoding.h"

#include <algorithm>
#include <iterator>
#include <string>

namespace tollgate::extraction {
namespace {

struct EncodingLabel {
  std::string_view label;
  Encoding encoding;
};
#include "encoding_labels.inc"

constexpr const char* kNames[kEncodingCount] = {
    "utf-8", "ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6", "iso-8859-7",
    "iso-8859-8", "iso-8859-8-i", "iso-8859-10", "iso-8859-13", "iso-8859-14", "iso-8859-15", "iso-8859-16",
    "koi8-r", "koi8-u", "macintosh", "windows-874", "windows-1250", "windows-1251", "windows-1252", "windows-1253",
    "windows-1254", "windows-1255", "windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic", "gbk",
    "gb18030", "big5", "euc-jp", "iso-2022-jp", "shift_jis", "euc-kr", "replacement", "utf-16be", "utf-16le",
    "x-user-defined", "utf-32le", "utf-32be"};

}  // namespace

const char* encodingName(Encoding encoding) {
  const auto i = static_cast<int>(encoding);
  return i < kEncodingCount ? kNames[i] : "unknown";
}

const char* encodingNameList() {
  static const std::string list = [] {
    std::string names;
    for (const char* n : kNames) {
      if (!names.empty()) names += ',';
      names += n;
    }
    return names;
  }();
  return list.c_str();
}

bool encodingForLabel(std::string_view label, Encoding* encoding) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
  while (!label.empty() && space(label.front())) label.remove_prefix(1);
  while (!label.empty() && space(label.back())) label.remove_suffix(1);
  char lowered[32];
  if (label.empty() || label.size() > sizeof lowered) return false;
  for (std::size_t i = 0; i < label.size(); ++i) {
    const char c = label[i];
    lowered[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  const std::string_view key(lowered, label.size());
  const auto* end = std::end(kEncodingLabels);
  const auto* it = std::lower_bound(std::begin(kEncodingLabels), end, key,
                                    [](const EncodingLabel& e, std::string_view k) { return e.label < k; });
  if (it == end || it->label != key) return false;
  *encoding = it->encoding;
  return true;
}

}  // namespace tollgate::extraction
