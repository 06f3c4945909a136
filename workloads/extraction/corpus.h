#pragma once
// The workload's documents: generated, deterministic (a seed and a size give the
// same bytes natively and in wasm: integer arithmetic only, no libm, no
// platform containers), realistic rather than repeated filler. Pages have a
// head with metadata, navigation, nested sections and cards, paragraphs with
// inline markup, lists, tables, quotes, code, figures, entities named and
// numeric, links, scripts and styles to skip, comments, and the mess real pages
// carry (unquoted attributes, unclosed <p> and <li>, upper-case tags, a stray
// '<', a bare '&'). Text mixes English with German, French, Spanish, Greek,
// Russian, Japanese and the odd emoji, from word lists and generated words.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "result.h"

namespace tollgate::extraction::corpus {

// Which pages: the generated articles, or "site": pages shaped like the real
// ones that are harder to read (documentation, news, encyclopedia and
// application pages: more markup per word; corpus_site.cc), HTML only.
enum class Corpus : std::uint8_t { generated, site };
// Throws InputError naming the corpus when it is neither.
Corpus parseCorpus(std::string_view name);

struct DocumentSpec {
  Format format = Format::html;
  std::size_t bytes = 1500;  // approximate size: generation stops past it
  std::uint64_t seed = 1;
  Corpus corpus = Corpus::generated;
};

// Throws InputError for a format the corpus has no generator for (xml; site
// pages are HTML only) or a size past kMaxDocumentBytes.
std::string generateDocument(const DocumentSpec& spec);

}  // namespace tollgate::extraction::corpus
