#include "html_tags.h"

#include <cstdint>

namespace tollgate::extraction {
namespace {

struct TagName {
  std::string_view name;
  TagId id;
};

// Every element with an id, by name.
constexpr TagName kTags[] = {
    {"a", TagId::a},           {"address", TagId::address},     {"article", TagId::article},
    {"aside", TagId::aside},   {"base", TagId::base},           {"basefont", TagId::basefont},
    {"bgsound", TagId::bgsound}, {"blockquote", TagId::blockquote}, {"body", TagId::body},
    {"br", TagId::br},         {"caption", TagId::caption},     {"center", TagId::center},
    {"col", TagId::col},       {"colgroup", TagId::colgroup},   {"dd", TagId::dd},
    {"details", TagId::details}, {"dialog", TagId::dialog},     {"div", TagId::div},
    {"dl", TagId::dl},         {"dt", TagId::dt},               {"fieldset", TagId::fieldset},
    {"figcaption", TagId::figcaption}, {"figure", TagId::figure}, {"footer", TagId::footer},
    {"form", TagId::form},     {"h1", TagId::h1},               {"h2", TagId::h2},
    {"h3", TagId::h3},         {"h4", TagId::h4},               {"h5", TagId::h5},
    {"h6", TagId::h6},         {"head", TagId::head},           {"header", TagId::header},
    {"hgroup", TagId::hgroup}, {"hr", TagId::hr},               {"html", TagId::html},
    {"iframe", TagId::iframe}, {"img", TagId::img},             {"legend", TagId::legend},
    {"li", TagId::li},         {"link", TagId::link},           {"listing", TagId::listing},
    {"main", TagId::main},     {"menu", TagId::menu},           {"meta", TagId::meta},
    {"nav", TagId::nav},       {"noembed", TagId::noembed},     {"noframes", TagId::noframes},
    {"noscript", TagId::noscript}, {"ol", TagId::ol},           {"optgroup", TagId::optgroup},
    {"option", TagId::option}, {"p", TagId::p},                 {"plaintext", TagId::plaintext},
    {"pre", TagId::pre},       {"script", TagId::script},       {"search", TagId::search},
    {"section", TagId::section}, {"style", TagId::style},       {"summary", TagId::summary},
    {"table", TagId::table},   {"tbody", TagId::tbody},         {"td", TagId::td},
    {"template", TagId::template_}, {"textarea", TagId::textarea}, {"tfoot", TagId::tfoot},
    {"th", TagId::th},         {"thead", TagId::thead},         {"title", TagId::title},
    {"tr", TagId::tr},         {"ul", TagId::ul},               {"wbr", TagId::wbr},
    {"xmp", TagId::xmp},
};

}  // namespace

bool tagTableIsConsistent() {
  // Every name finds its own id (the packed table and the long names agree with kTags).
  for (const TagName& t : kTags) {
    if (tagId(t.name) != t.id) return false;
  }
  return true;
}

namespace {

// Names of up to 8 bytes packed into a word: the lookup compares integers, no
// strings. Longer names ("blockquote", "figcaption", "plaintext") are compared
// directly.
constexpr std::uint64_t pack(std::string_view name) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < name.size(); ++i) key |= static_cast<std::uint64_t>(static_cast<unsigned char>(name[i])) << (8 * i);
  return key;
}

struct PackedTable {
  static constexpr std::size_t kSlots = 256;  // a power of two, well over the names' count
  std::uint64_t keys[kSlots] = {};
  TagId ids[kSlots] = {};

  constexpr PackedTable() {
    for (const TagName& t : kTags) {
      if (t.name.size() > 8) continue;
      std::size_t slot = hash(pack(t.name));
      while (keys[slot] != 0) slot = (slot + 1) & (kSlots - 1);
      keys[slot] = pack(t.name);
      ids[slot] = t.id;
    }
  }
  static constexpr std::size_t hash(std::uint64_t key) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 56);
  }
  constexpr TagId find(std::uint64_t key) const {
    for (std::size_t slot = hash(key);; slot = (slot + 1) & (kSlots - 1)) {
      if (keys[slot] == key) return ids[slot];
      if (keys[slot] == 0) return TagId::other;
    }
  }
};

// Built by the compiler: no initialization at run time, no guard on each lookup.
constexpr PackedTable kPackedTable{};

}  // namespace

TagId tagIdPacked(std::uint64_t key) { return kPackedTable.find(key); }

TagId tagId(std::string_view name) {
  if (name.empty()) return TagId::other;
  if (name.size() <= 8) return tagIdPacked(pack(name));
  if (name == "blockquote") return TagId::blockquote;
  if (name == "figcaption") return TagId::figcaption;
  if (name == "plaintext") return TagId::plaintext;
  return TagId::other;
}

TextMode textModeAfter(TagId id) {
  switch (id) {
    case TagId::title:
    case TagId::textarea:
      return TextMode::rcdata;
    // noscript as a browser with scripting on reads it: raw text.
    case TagId::script: case TagId::style: case TagId::xmp: case TagId::iframe: case TagId::noembed:
    case TagId::noframes: case TagId::noscript:
      return TextMode::rawtext;
    case TagId::plaintext:
      return TextMode::plaintext;
    default:
      return TextMode::data;
  }
}

int blockBreak(TagId id) {
  switch (id) {
    case TagId::p: case TagId::h1: case TagId::h2: case TagId::h3: case TagId::h4: case TagId::h5:
    case TagId::h6: case TagId::pre: case TagId::listing: case TagId::plaintext: case TagId::blockquote:
    case TagId::ul: case TagId::ol: case TagId::dl: case TagId::menu: case TagId::table: case TagId::hr:
    case TagId::figure: case TagId::xmp:
      return 2;
    case TagId::html: case TagId::body: case TagId::div: case TagId::li: case TagId::dt: case TagId::dd:
    case TagId::address: case TagId::article: case TagId::aside: case TagId::footer: case TagId::header:
    case TagId::hgroup: case TagId::main: case TagId::nav: case TagId::section: case TagId::figcaption:
    case TagId::details: case TagId::summary: case TagId::dialog: case TagId::form: case TagId::fieldset:
    case TagId::legend: case TagId::center: case TagId::search: case TagId::option: case TagId::optgroup:
    case TagId::caption: case TagId::tr: case TagId::thead: case TagId::tbody: case TagId::tfoot:
    case TagId::textarea:
      return 1;
    default:
      return 0;
  }
}

bool isHeadElement(TagId id) {
  switch (id) {
    case TagId::html: case TagId::head: case TagId::title: case TagId::meta: case TagId::base:
    case TagId::link: case TagId::style: case TagId::script: case TagId::noscript: case TagId::template_:
    case TagId::basefont: case TagId::bgsound:
      return true;
    default:
      return false;
  }
}

}  // namespace tollgate::extraction
