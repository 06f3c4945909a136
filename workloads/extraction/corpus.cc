#include "corpus.h"

#include "corpus_generators.h"
#include "extraction_limits.h"
#include "tollgate/errors.h"

namespace tollgate::extraction::corpus {

Corpus parseCorpus(std::string_view name) {
  if (name == "generated") return Corpus::generated;
  if (name == "site") return Corpus::site;
  throw InputError("unknown corpus '" + std::string(name) + "' (known: generated, site)");
}

std::string generateDocument(const DocumentSpec& spec) {
  if (spec.bytes > kMaxDocumentBytes) {
    throw InputError("corpus documents are at most " + std::to_string(kMaxDocumentBytes) + " bytes, not " +
                     std::to_string(spec.bytes));
  }
  Rng rng(spec.seed);
  // Mostly English, as the web is; the rest spread over the other languages.
  static const Language kPrimary[] = {Language::english, Language::english, Language::english, Language::english,
                                      Language::english, Language::german,  Language::french,  Language::spanish,
                                      Language::greek,   Language::russian, Language::japanese};
  TextGenerator text(rng, rng.pick(kPrimary));
  if (spec.corpus == Corpus::site) {
    if (spec.format != Format::html) {
      throw InputError(std::string("the site corpus has HTML pages only, not ") + formatName(spec.format));
    }
    return generateSitePage(spec, rng, text);
  }
  switch (spec.format) {
    case Format::html: return generateHtml(spec, rng, text);
    case Format::markdown: return generateMarkdown(spec, rng, text);
    case Format::text: return generatePlainText(spec, rng, text);
    case Format::csv: return generateCsv(spec, rng, text);
    default:
      throw InputError(std::string("the corpus has no ") + formatName(spec.format) + " generator");
  }
}

}  // namespace tollgate::extraction::corpus
