// The corpus's HTML pages (see corpus.h for what they hold).

#include "corpus_generators.h"

namespace tollgate::extraction::corpus {
namespace {

const char* const kEntities[] = {"&amp;", "&mdash;", "&ndash;", "&hellip;", "&nbsp;", "&eacute;", "&copy;",
                                 "&rarr;", "&laquo;", "&raquo;", "&euro;", "&#8217;", "&#x1F600;", "&#169;",
                                 "&lt;", "&gt;", "&quot;", "&times;", "&deg;", "&alpha;", "&le;", "&ne;"};
const char* const kInline[] = {"em", "strong", "code", "span", "b", "i", "mark", "abbr"};
const char* const kSites[] = {"Northwind Journal", "The Quiet Harbor", "Open Data Weekly", "Atlas Review",
                              "Field Notes Daily", "Café Libre"};

class HtmlPage {
 public:
  HtmlPage(const DocumentSpec& spec, Rng& rng, TextGenerator& text)
      : spec_(spec), rng_(rng), text_(text), small_(spec.bytes < 4000) {}

  std::string build() {
    out_.reserve(spec_.bytes + 4096);
    head();
    out_ += "<body class=\"page-";
    text_.slug(out_, 1);
    out_ += "\">\n";
    if (!small_) nav();
    out_ += "<main id=\"content\"><article>\n<h1>";
    out_ += title_;
    out_ += "</h1>\n";
    byline();
    // The tail (closing tags, footer) is about this long; stop early enough for it.
    const std::size_t tail = small_ ? 120 : 900;
    int section = 0;
    while (out_.size() + tail < spec_.bytes) {
      if (small_) {
        paragraph();
        if (out_.size() + tail < spec_.bytes && rng_.chance(50)) list();
      } else {
        this->section(++section);
      }
    }
    out_ += "</article></main>\n";
    footer();
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void sentenceWithMarkup() {
    const std::size_t start = out_.size();
    text_.sentence(out_);
    // Wrap one word in inline markup, sometimes, by inserting tags around a space-delimited word.
    if (rng_.chance(45)) {
      const std::size_t space = out_.find(' ', start + 1 + rng_.below(static_cast<std::uint32_t>(out_.size() - start)));
      if (space != std::string::npos) {
        const std::size_t end = out_.find(' ', space + 1);
        if (end != std::string::npos) {
          const char* tag = rng_.pick(kInline);
          out_.insert(end, std::string("</") + tag + ">");
          out_.insert(space + 1, std::string("<") + tag + ">");
        }
      }
    }
    if (rng_.chance(30)) {
      out_ += ' ';
      out_ += rng_.pick(kEntities);
    }
  }

  void link(bool external) {
    out_ += "<a href=";
    const bool quoted = rng_.chance(80);
    if (quoted) out_ += '"';
    if (external) {
      out_ += "https://";
      text_.slug(out_, 1);
      out_ += ".example.org/";
    } else {
      out_ += '/';
    }
    text_.slug(out_, rng_.between(1, 3));
    if (rng_.chance(25)) out_ += quoted ? "?ref=home&amp;page=2" : "?id=7";
    if (quoted) out_ += '"';
    if (external && rng_.chance(50)) out_ += " rel=\"noopener\"";
    out_ += '>';
    text_.phrase(out_, 1, 4);
    out_ += "</a>";
  }

  void head() {
    const Language lang = text_.primary();
    text_.phrase(title_, 3, 7);
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    out_ += languageCode(lang);
    out_ += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
    out_ += title_;
    out_ += " &mdash; ";
    out_ += rng_.pick(kSites);
    out_ += "</title>\n<meta name=\"description\" content=\"";
    text_.sentence(out_);
    out_ += "\">\n<meta name=keywords content=\"";
    for (int i = 0; i < 4; ++i) {
      if (i > 0) out_ += ", ";
      text_.word(out_, lang);
    }
    out_ += "\">\n";
    if (!small_) {
      out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<link rel=\"stylesheet\" href=\"/assets/site.css\">\n"
              "<style>\nbody{font-family:system-ui,sans-serif;margin:0}\n.card>h3{font-size:1.1rem}\n"
              "a[href^=\"http\"]::after{content:\" \\2197\"}\n</style>\n"
              "<script>\nwindow.dataLayer=window.dataLayer||[];if(document.cookie.length<4096&&1>0){"
              "dataLayer.push({event:\"view\",html:\"</div>\"})}\n</script>\n";
    }
    out_ += "</head>\n";
  }

  void nav() {
    out_ += "<header class=\"site-header\"><nav aria-label=\"main\"><ul>\n<li><a href=\"/\">Home</a></li>\n";
    for (std::uint32_t i = rng_.between(3, 6); i > 0; --i) {
      out_ += "<li>";
      link(false);
      out_ += "</li>\n";
    }
    out_ += "</ul></nav></header>\n<!-- main content starts here -->\n";
  }

  void byline() {
    out_ += "<p class=\"byline\">By <a href=\"/authors/";
    text_.slug(out_, 2);
    out_ += "\">";
    text_.personName(out_);
    out_ += "</a> &middot; <time datetime=\"2024-03-05\">March ";
    out_ += std::to_string(rng_.between(1, 28));
    out_ += ", 2024</time></p>\n";
  }

  void paragraph() {
    // Now and then the mess of real pages: an upper-case tag, an unclosed <p>.
    const bool upper = rng_.chance(5);
    out_ += upper ? "<P>" : "<p>";
    for (std::uint32_t s = rng_.between(2, 5); s > 0; --s) {
      sentenceWithMarkup();
      out_ += ' ';
      const std::uint32_t extra = rng_.below(100);
      if (extra < 25) {
        link(rng_.chance(40));
        out_ += ' ';
      } else if (extra < 28) {
        out_ += "R&D costs rose, and a < b held. ";
      } else if (extra < 31) {
        out_ += "&copy 2024 ";
      } else if (extra < 34) {
        out_ += "<br/>";
      }
    }
    out_.back() = '\n';
    if (!rng_.chance(8)) out_ += upper ? "</P>\n" : "</p>\n";
  }

  void list() {
    const bool ordered = rng_.chance(35);
    out_ += ordered ? "<ol>\n" : "<ul class=list>\n";
    for (std::uint32_t i = rng_.between(3, 7); i > 0; --i) {
      out_ += "<li>";
      text_.phrase(out_, 2, 8);
      if (rng_.chance(20)) {
        out_ += ' ';
        link(true);
      }
      if (rng_.chance(10)) {
        out_ += "\n<ul><li>";
        text_.phrase(out_, 1, 4);
        out_ += "</li><li>";
        text_.phrase(out_, 1, 4);
        out_ += "</li></ul>";
      }
      out_ += rng_.chance(85) ? "</li>\n" : "\n";  // some items left unclosed
    }
    out_ += ordered ? "</ol>\n" : "</ul>\n";
  }

  void table() {
    const std::uint32_t cols = rng_.between(3, 6), rows = rng_.between(3, 10);
    out_ += "<table class=\"data\">\n<caption>";
    text_.phrase(out_, 2, 5);
    out_ += "</caption>\n<thead><tr>";
    for (std::uint32_t c = 0; c < cols; ++c) {
      out_ += "<th scope=col>";
      text_.phrase(out_, 1, 2);
      out_ += "</th>";
    }
    out_ += "</tr></thead>\n<tbody>\n";
    for (std::uint32_t r = 0; r < rows; ++r) {
      out_ += "<tr>";
      for (std::uint32_t c = 0; c < cols; ++c) {
        out_ += c == 0 ? "<td>" : "<td class=num>";
        if (c == 0) text_.phrase(out_, 1, 3);
        else text_.number(out_);
        if (rng_.chance(5)) out_ += " &plusmn; 2";
        if (!(c + 1 == cols && rng_.chance(10))) out_ += "</td>";
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
  }

  void quote() {
    out_ += "<blockquote cite='https://quotes.example.org'><p>";
    sentenceWithMarkup();
    out_ += "</p><footer>&mdash; ";
    text_.personName(out_);
    out_ += "</footer></blockquote>\n";
  }

  void code() {
    out_ += "<pre><code class=\"language-js\">\n";
    for (std::uint32_t i = rng_.between(2, 6); i > 0; --i) {
      std::string line;
      text_.codeLine(line);
      for (const char c : line) {
        if (c == '<') out_ += "&lt;";
        else if (c == '>') out_ += "&gt;";
        else if (c == '&') out_ += "&amp;";
        else out_ += c;
      }
      out_ += '\n';
    }
    out_ += "</code></pre>\n";
  }

  void figure() {
    out_ += "<figure><img src=\"/images/";
    text_.slug(out_, 2);
    out_ += ".jpg\" alt=\"";
    text_.phrase(out_, 2, 5);
    out_ += "\" width=640 height=480 loading=lazy><figcaption>";
    sentenceWithMarkup();
    out_ += "</figcaption></figure>\n";
  }

  void cards() {
    out_ += "<div class=\"cards\">\n";
    for (std::uint32_t i = rng_.between(2, 4); i > 0; --i) {
      out_ += "<div class=\"card\"><div class=\"card-body\"><div class=\"card-inner\"><h3>";
      text_.phrase(out_, 2, 4);
      out_ += "</h3><p><span>";
      text_.sentence(out_);
      out_ += "</span></p></div></div></div>\n";
    }
    out_ += "</div>\n";
  }

  void section(int n) {
    out_ += "<section id=\"s";
    out_ += std::to_string(n);
    out_ += "\">\n<h2>";
    text_.phrase(out_, 2, 6);
    out_ += "</h2>\n";
    for (std::uint32_t b = rng_.between(3, 7); b > 0; --b) {
      const std::uint32_t roll = rng_.below(100);
      if (roll < 45) paragraph();
      else if (roll < 57) list();
      else if (roll < 65) table();
      else if (roll < 71) quote();
      else if (roll < 77) code();
      else if (roll < 83) figure();
      else if (roll < 89) cards();
      else if (roll < 94) {
        out_ += "<h3>";
        text_.phrase(out_, 2, 5);
        out_ += "</h3>\n";
      } else if (roll < 97) {
        out_ += "<!-- ad slot ";
        out_ += std::to_string(n);
        out_ += " --><div class=ad><script>loadAd(\"slot-";
        out_ += std::to_string(n);
        out_ += "\")</script><noscript><img src=/ads/pixel.gif></noscript></div>\n";
      } else {
        out_ += "<hr>\n";
      }
    }
    out_ += "</section>\n";
  }

  void footer() {
    if (!small_) {
      out_ += "<aside class=\"related\"><h2>Related</h2><ul>\n";
      for (int i = 0; i < 3; ++i) {
        out_ += "<li>";
        link(i == 2);
        out_ += "</li>\n";
      }
      out_ += "</ul></aside>\n";
    }
    out_ += "<footer><p>&copy; 2024 ";
    out_ += rng_.pick(kSites);
    out_ += ". All rights reserved.</p>";
    if (!small_) out_ += "<p><a href=\"/privacy\">Privacy</a> | <a href=\"/terms\">Terms</a></p>";
    out_ += "</footer>\n";
    if (!small_) out_ += "<script>document.querySelectorAll(\"a\").forEach(a=>a.rel+=\" x\")</script>\n";
  }

  const DocumentSpec& spec_;
  Rng& rng_;
  TextGenerator& text_;
  bool small_;
  std::string out_;
  std::string title_;
};

}  // namespace

std::string generateHtml(const DocumentSpec& spec, Rng& rng, TextGenerator& text) {
  return HtmlPage(spec, rng, text).build();
}

}  // namespace tollgate::extraction::corpus
