#pragma once
// The corpus generators, one per format (corpus.cc picks).

#include <string>

#include "corpus.h"
#include "corpus_text.h"

namespace tollgate::extraction::corpus {

std::string generateHtml(const DocumentSpec& spec, Rng& rng, TextGenerator& text);
std::string generateMarkdown(const DocumentSpec& spec, Rng& rng, TextGenerator& text);
std::string generatePlainText(const DocumentSpec& spec, Rng& rng, TextGenerator& text);
std::string generateCsv(const DocumentSpec& spec, Rng& rng, TextGenerator& text);
std::string generateSitePage(const DocumentSpec& spec, Rng& rng, TextGenerator& text);

}  // namespace tollgate::extraction::corpus
