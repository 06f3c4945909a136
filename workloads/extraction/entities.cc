#include "entities.h"

#include <algorithm>
#include <cstring>

#include "extraction_limits.h"
#include "utf8.h"

namespace tollgate::extraction {
namespace {

struct Entity {
  std::uint16_t name_offset;
  std::uint8_t name_length;
  std::uint8_t value_length;
  char value[7];
};

#include "entity_table.inc"

constexpr std::size_t kEntityCount = sizeof(kEntities) / sizeof(kEntities[0]);
constexpr std::size_t kMaxLegacyNameBytes = 6;  // "frac34", "middot": checked by a test

std::string_view nameOf(const Entity& e) { return std::string_view(kEntityNames + e.name_offset, e.name_length); }

const Entity* find(std::string_view name) {
  const Entity* begin = kEntities;
  const Entity* end = kEntities + kEntityCount;
  const Entity* it = std::lower_bound(begin, end, name, [](const Entity& e, std::string_view n) { return nameOf(e) < n; });
  return it != end && nameOf(*it) == name ? it : nullptr;
}

// The 0x80-0x9F code points HTML5 reads as Windows-1252; 0 where it keeps them.
constexpr std::uint16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

}  // namespace

bool entityTableIsSorted() {
  return std::is_sorted(kEntities, kEntities + kEntityCount,
                        [](const Entity& a, const Entity& b) { return nameOf(a) < nameOf(b); });
}

std::size_t longestLegacyName() {
  std::size_t longest = 0;
  for (const Entity& e : kEntities) {
    if (nameOf(e).back() != ';') longest = std::max<std::size_t>(longest, e.name_length);
  }
  return longest;
}

std::size_t entityCount() { return kEntityCount; }

NamedReference matchNamedReference(std::string_view run, bool semicolon) {
  NamedReference match;
  if (run.empty()) return match;
  if (semicolon && run.size() < kMaxEntityNameBytes) {
    char name[kMaxEntityNameBytes];
    std::memcpy(name, run.data(), run.size());
    name[run.size()] = ';';
    if (const Entity* e = find(std::string_view(name, run.size() + 1))) {
      match.length = run.size() + 1;
      match.semicolon = true;
      match.value = std::string_view(e->value, e->value_length);
      return match;
    }
  }
  for (std::size_t n = std::min(run.size(), kMaxLegacyNameBytes); n >= 2; --n) {
    if (const Entity* e = find(run.substr(0, n))) {
      match.length = n;
      match.value = std::string_view(e->value, e->value_length);
      return match;
    }
  }
  return match;
}

std::string_view lookupEntity(std::string_view name_with_semicolon) {
  const Entity* e = find(name_with_semicolon);
  return e ? std::string_view(e->value, e->value_length) : std::string_view();
}

std::size_t readCommonMarkReference(std::string_view text, std::size_t i, std::string& out) {
  const std::size_t n = text.size();
  std::size_t j = i + 1;
  if (j < n && text[j] == '#') {
    const bool hex = j + 1 < n && (text[j + 1] == 'x' || text[j + 1] == 'X');
    j += hex ? 2 : 1;
    const std::size_t digits_begin = j;
    std::uint32_t value = 0;
    while (j < n && j - digits_begin < (hex ? 6u : 7u) && (hex ? isAsciiHexDigit(text[j]) : (text[j] >= '0' && text[j] <= '9'))) {
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(hexValue(text[j]));
      ++j;
    }
    if (j > digits_begin && j < n && text[j] == ';') {
      appendUtf8(out, value == 0 ? 0xFFFD : value);
      return j + 1;
    }
  } else {
    while (j < n && j - i <= kMaxEntityNameBytes && isAsciiAlnum(text[j])) ++j;
    if (j > i + 1 && j < n && text[j] == ';') {
      const std::string_view value = lookupEntity(text.substr(i + 1, j - i));
      if (!value.empty()) {
        out.append(value);
        return j + 1;
      }
    }
  }
  out += '&';
  return i + 1;
}

std::uint32_t htmlNumericReference(std::uint64_t value) {
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0xFFFD;
  if (value >= 0x80 && value <= 0x9F && kWindows1252[value - 0x80] != 0) return kWindows1252[value - 0x80];
  return static_cast<std::uint32_t>(value);
}

}  // namespace tollgate::extraction
