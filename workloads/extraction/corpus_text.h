#pragma once
// Words, sentences and names for the corpus, from a seeded generator.

#include <cstdint>
#include <string>
#include <string_view>

#include "tollgate/splitmix64.h"

namespace tollgate::extraction::corpus {

// Seeded through splitmix64: small, fast, and the same on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}
  std::uint64_t next() { return splitmix64(state_); }
  // Uniform in [0, n), n > 0.
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); }
  std::uint32_t between(std::uint32_t lo, std::uint32_t hi) { return lo + below(hi - lo + 1); }
  bool chance(std::uint32_t percent) { return below(100) < percent; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }

 private:
  std::uint64_t state_;
};

enum class Language : std::uint8_t { english, german, french, spanish, greek, russian, japanese };

class TextGenerator {
 public:
  TextGenerator(Rng& rng, Language primary) : rng_(rng), primary_(primary) {}

  Language primary() const { return primary_; }
  // One word of `language`.
  void word(std::string& out, Language language);
  // A sentence in the primary language, sometimes with a foreign phrase, a
  // number, a name or an emoji; `markup` wraps some words with callbacks' text.
  void sentence(std::string& out);
  // A few words, capitalised: headings, titles, link texts.
  void phrase(std::string& out, int min_words, int max_words);
  void personName(std::string& out);
  // A path-like slug of ASCII words ("growing-quiet-rivers").
  void slug(std::string& out, int words);
  void number(std::string& out);
  void codeLine(std::string& out);

 private:
  Language foreign();
  Rng& rng_;
  Language primary_;
};

const char* languageCode(Language language);

}  // namespace tollgate::extraction::corpus
