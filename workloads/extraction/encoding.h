#pragma once
// Character encodings: the WHATWG Encoding Standard's (those a browser reads),
// plus UTF-32, which only sniffing finds. The result records the one a
// document was read in (its lower-case name, as TextDecoder.encoding says it).

#include <cstdint>
#include <string_view>

namespace tollgate::extraction {

enum class Encoding : std::uint8_t {
  utf_8,
  // single-byte
  ibm866, iso_8859_2, iso_8859_3, iso_8859_4, iso_8859_5, iso_8859_6, iso_8859_7, iso_8859_8, iso_8859_8_i,
  iso_8859_10, iso_8859_13, iso_8859_14, iso_8859_15, iso_8859_16, koi8_r, koi8_u, macintosh, windows_874,
  windows_1250, windows_1251, windows_1252, windows_1253, windows_1254, windows_1255, windows_1256, windows_1257,
  windows_1258, x_mac_cyrillic,
  // multi-byte
  gbk, gb18030, big5, euc_jp, iso_2022_jp, shift_jis, euc_kr,
  // the rest
  replacement, utf_16be, utf_16le, x_user_defined, utf_32le, utf_32be,
};
inline constexpr int kEncodingCount = static_cast<int>(Encoding::utf_32be) + 1;

// "utf-8", "windows-1252", "shift_jis"...
const char* encodingName(Encoding encoding);
// Every name, comma-separated in enum order (JS maps result ids with it).
const char* encodingNameList();

// The encoding a label names (ASCII whitespace trimmed, case ignored), as
// WHATWG's "get an encoding". False for an unknown label.
bool encodingForLabel(std::string_view label, Encoding* encoding);

inline bool isSingleByte(Encoding e) { return e >= Encoding::ibm866 && e <= Encoding::x_mac_cyrillic; }
inline bool isCjk(Encoding e) { return e >= Encoding::gbk && e <= Encoding::euc_kr; }

}  // namespace tollgate::extraction
