#include "corpus_text.h"

namespace tollgate::extraction::corpus {
namespace {

const char* const kEnglish[] = {
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not", "he",
    "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they", "you", "were", "their",
    "one", "all", "we", "can", "her", "has", "there", "been", "if", "more", "when", "will", "would", "who", "so",
    "no", "she", "other", "its", "may", "these", "about", "than", "them", "some", "time", "only", "new", "could",
    "into", "two", "first", "then", "do", "any", "like", "my", "now", "over", "such", "our", "man", "me", "even",
    "most", "made", "after", "also", "did", "many", "before", "must", "through", "back", "years", "where", "much",
    "your", "way", "well", "down", "should", "because", "each", "just", "those", "people", "how", "too", "little",
    "state", "good", "very", "make", "world", "still", "own", "see", "men", "work", "long", "get", "here", "between",
    "both", "life", "being", "under", "never", "day", "same", "another", "know", "while", "last", "might", "us",
    "great", "old", "year", "off", "come", "since", "against", "go", "came", "right", "used", "take", "three",
    "river", "system", "water", "model", "garden", "market", "energy", "signal", "library", "harbor", "window",
    "engine", "letter", "morning", "network", "station", "pattern", "surface", "measure", "village", "question",
    "history", "council", "evening", "bridge", "memory", "forest", "silver", "winter", "problem", "answer",
};
const char* const kGerman[] = {
    "über", "Straße", "Mädchen", "schön", "Größe", "fünf", "Brücke", "Müller", "Käse", "grün", "Bäume", "hören",
    "Gemütlichkeit", "Fußgängerzone", "Wärme", "Bücher", "Stadt", "Wasser", "und", "nicht", "Zeit", "Arbeit",
    "Frühling", "Übersetzung", "Geschäftsführer", "natürlich", "möglich", "während", "Kühlschrank", "Lösung",
};
const char* const kFrench[] = {
    "été", "château", "fenêtre", "garçon", "très", "déjà", "où", "français", "élève", "forêt", "cœur", "naïve",
    "noël", "bientôt", "hôpital", "théâtre", "Ça", "rivière", "réunion", "société", "première", "à", "côté",
    "lumière", "fraîcheur", "Œuvre", "crème", "brûlée", "être", "voilà",
};
const char* const kSpanish[] = {
    "mañana", "niño", "año", "corazón", "canción", "jalapeño", "pequeño", "información", "también", "árbol",
    "está", "música", "señor", "ciudad", "España", "ejército", "pingüino", "¿qué", "allí", "después",
};
const char* const kGreek[] = {
    "και", "του", "λόγος", "θάλασσα", "ήλιος", "φιλοσοφία", "άνθρωπος", "ελευθερία", "καλημέρα", "ευχαριστώ",
    "δημοκρατία", "ιστορία", "μουσική", "Αθήνα", "ουρανός", "νερό", "ψυχή", "γλώσσα", "χρόνος", "κόσμος",
};
const char* const kRussian[] = {
    "и", "в", "не", "на", "что", "город", "река", "время", "жизнь", "работа", "Москва", "здравствуйте",
    "спасибо", "история", "язык", "библиотека", "окно", "зима", "мост", "память", "лес", "вопрос", "ответ",
};
const char* const kJapanese[] = {
    "東京", "日本語", "こんにちは", "ありがとう", "図書館", "天気", "電車", "桜", "山", "川", "学校", "先生",
    "コンピュータ", "データ", "ネットワーク", "研究", "世界", "時間", "情報", "システム",
};
const char* const kOnsets[] = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "qu", "r", "s", "t",
                               "v", "w", "z", "br", "cl", "dr", "fl", "gr", "pl", "pr", "sc", "sh", "st", "th", "tr"};
const char* const kVowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ee", "io", "ou", "y"};
const char* const kCodas[] = {"", "", "n", "r", "s", "t", "l", "m", "nd", "st", "x", "ng"};
const char* const kFirstNames[] = {"José", "Zoë", "Łukasz", "Ægir", "Chloé", "Søren", "Anaïs", "Björn", "Renée",
                                   "Mateo", "Amara", "Wei", "Priya", "Olúwaseun", "Dmitri", "Ngozi", "Hana", "Liam"};
const char* const kLastNames[] = {"García", "Nørgaard", "Müller", "Dvořák", "O'Brien", "Nakamura", "Kowalski",
                                  "Okafor", "Ibáñez", "Lindqvist", "Petrović", "Smith", "Haddad", "Ferreira"};
const char* const kEmoji[] = {"😀", "🎉", "🚀", "🌍", "✨", "📚", "☕", "👍"};
const char* const kCode[] = {"const total = items.reduce((a, b) => a + b, 0);", "if (x < y && y > z) return x;",
                             "for (let i = 0; i < n; i++) { sum += i * i; }", "printf(\"%d\\n\", count);",
                             "SELECT name, price FROM items WHERE price > 10;", "let s = \"<p>quoted</p>\";",
                             "def area(r): return 3.14159 * r ** 2", "map.insert({key, value});"};

void capitalize(std::string& out, std::size_t at) {
  if (at < out.size() && out[at] >= 'a' && out[at] <= 'z') out[at] = static_cast<char>(out[at] - 32);
}

}  // namespace

const char* languageCode(Language language) {
  static const char* const kCodes[] = {"en", "de", "fr", "es", "el", "ru", "ja"};
  return kCodes[static_cast<int>(language)];
}

void TextGenerator::word(std::string& out, Language language) {
  switch (language) {
    case Language::english:
      if (rng_.chance(82)) {
        out += rng_.pick(kEnglish);
      } else {  // a generated term: no two documents read alike
        for (std::uint32_t s = rng_.between(2, 3); s > 0; --s) {
          out += rng_.pick(kOnsets);
          out += rng_.pick(kVowels);
        }
        out += rng_.pick(kCodas);
      }
      return;
    case Language::german: out += rng_.pick(kGerman); return;
    case Language::french: out += rng_.pick(kFrench); return;
    case Language::spanish: out += rng_.pick(kSpanish); return;
    case Language::greek: out += rng_.pick(kGreek); return;
    case Language::russian: out += rng_.pick(kRussian); return;
    case Language::japanese: out += rng_.pick(kJapanese); return;
  }
}

Language TextGenerator::foreign() { return static_cast<Language>(rng_.between(1, 6)); }

void TextGenerator::sentence(std::string& out) {
  const bool cjk = primary_ == Language::japanese;
  const std::size_t start = out.size();
  const std::uint32_t words = rng_.between(6, 18);
  for (std::uint32_t i = 0; i < words; ++i) {
    if (i > 0 && !cjk) out += rng_.chance(7) ? ", " : " ";
    const std::uint32_t roll = rng_.below(100);
    if (roll < 4) {
      number(out);
    } else if (roll < 6) {
      personName(out);
    } else if (roll < 10 && !cjk) {
      word(out, foreign());
    } else if (roll < 11) {
      out += rng_.pick(kEmoji);
    } else {
      word(out, primary_);
    }
  }
  capitalize(out, start);
  if (cjk) out += rng_.chance(80) ? "。" : "？";
  else out += rng_.chance(85) ? "." : rng_.chance(50) ? "?" : "!";
}

void TextGenerator::phrase(std::string& out, int min_words, int max_words) {
  const std::uint32_t words = rng_.between(static_cast<std::uint32_t>(min_words), static_cast<std::uint32_t>(max_words));
  for (std::uint32_t i = 0; i < words; ++i) {
    if (i > 0 && primary_ != Language::japanese) out += ' ';
    const std::size_t at = out.size();
    word(out, primary_);
    capitalize(out, at);
  }
}

void TextGenerator::personName(std::string& out) {
  out += rng_.pick(kFirstNames);
  out += ' ';
  out += rng_.pick(kLastNames);
}

void TextGenerator::slug(std::string& out, int words) {
  for (int i = 0; i < words; ++i) {
    if (i > 0) out += '-';
    if (rng_.chance(70)) {
      out += rng_.pick(kEnglish);
    } else {
      out += rng_.pick(kOnsets);
      out += rng_.pick(kVowels);
      out += rng_.pick(kCodas);
    }
  }
}

void TextGenerator::number(std::string& out) {
  const std::uint32_t kind = rng_.below(4);
  const std::uint32_t value = rng_.below(100000);
  if (kind == 0) {
    out += std::to_string(value % 2030);
  } else if (kind == 1) {
    out += std::to_string(value / 100);
    out += '.';
    out += static_cast<char>('0' + value % 10);
    out += static_cast<char>('0' + value / 10 % 10);
    out += rng_.chance(50) ? " €" : " %";
  } else if (kind == 2) {
    out += std::to_string(value);
  } else {
    out += std::to_string(value % 60);
    out += "°C";
  }
}

void TextGenerator::codeLine(std::string& out) { out += rng_.pick(kCode); }

}  // namespace tollgate::extraction::corpus
