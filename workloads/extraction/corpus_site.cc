// The "site" corpus: HTML pages shaped like the real ones that are harder to
// read than the generated articles (more markup per word of text): generated
// documentation (DocBook/Sphinx: nested sections with classes and ids, anchors,
// tables of contents, syntax-highlighted code with a <span> per token), a news
// page (a heavy head, JSON-LD, navigation with data attributes, inline SVG
// icons, scripts), an encyclopedia article (an infobox, links and citation
// superscripts in every sentence, reference lists) and an application page
// (utility-class soup, buttons, srcset images). The seed picks the kind.

#include "corpus_generators.h"

namespace tollgate::extraction::corpus {
namespace {

const char* const kClasses[] = {"flex", "items-center", "gap-2", "px-4", "py-2", "text-sm", "font-medium",
                                "rounded-lg", "bg-white", "dark:bg-gray-900", "hover:underline", "md:grid-cols-3",
                                "shadow-sm", "border", "border-gray-200", "truncate", "sr-only", "w-full"};
const char* const kKeywords[] = {"if", "for", "while", "return", "const", "let", "function", "class", "import",
                                 "def", "struct", "static", "void", "int", "auto", "template"};
const char* const kIconPaths[] = {
    "M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm1 15h-2v-6h2v6zm0-8h-2V7h2v2z",
    "M3 18h18v-2H3v2zm0-5h18v-2H3v2zm0-7v2h18V6H3z",
    ("M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 "
     "4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z")};

class SitePage {
 public:
  SitePage(const DocumentSpec& spec, Rng& rng, TextGenerator& text) : spec_(spec), rng_(rng), text_(text) {}

  std::string build() {
    out_.reserve(spec_.bytes + 8192);
    switch (rng_.below(4)) {
      case 0: documentation(); break;
      case 1: news(); break;
      case 2: encyclopedia(); break;
      default: application(); break;
    }
    return std::move(out_);
  }

 private:
  bool room(std::size_t tail = 2000) const { return out_.size() + tail < spec_.bytes; }

  void classes(int min, int max) {
    out_ += " class=\"";
    for (std::uint32_t i = rng_.between(min, max); i > 0; --i) {
      out_ += rng_.pick(kClasses);
      if (i > 1) out_ += ' ';
    }
    out_ += '"';
  }
  void head(const char* extra) {
    text_.phrase(title_, 3, 7);
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    out_ += languageCode(text_.primary());
    out_ += "\" class=\"no-js\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n<title>";
    out_ += title_;
    out_ += "</title>\n<meta name=\"description\" content=\"";
    text_.sentence(out_);
    out_ += "\">\n";
    out_ += extra;
    out_ += "</head>\n";
  }
  void link(const char* prefix) {
    out_ += "<a href=\"";
    out_ += prefix;
    text_.slug(out_, rng_.between(1, 3));
    out_ += ".html\">";
    text_.phrase(out_, 1, 3);
    out_ += "</a>";
  }
  void sentences(int min, int max) {
    for (std::uint32_t s = rng_.between(min, max); s > 0; --s) {
      text_.sentence(out_);
      out_ += ' ';
    }
  }

  // DocBook- and Sphinx-generated manuals: what Debian's documentation is.
  void documentation() {
    head("<link rel=\"stylesheet\" type=\"text/css\" href=\"docbook.css\">\n"
         "<link rel=\"home\" href=\"index.html\" title=\"Manual\">\n<link rel=\"next\" href=\"ch02.html\">\n");
    out_ += "<body><div class=\"navheader\"><table width=\"100%\" summary=\"Navigation header\"><tr>"
            "<th colspan=\"3\" align=\"center\">Chapter 1</th></tr><tr><td width=\"20%\" align=\"left\">"
            "<a accesskey=\"p\" href=\"index.html\">Prev</a></td><td width=\"60%\" align=\"center\"> </td>"
            "<td width=\"20%\" align=\"right\"><a accesskey=\"n\" href=\"ch02.html\">Next</a></td></tr></table>"
            "<hr></div>\n<div class=\"chapter\"><div class=\"titlepage\"><div><div><h1 class=\"title\">"
            "<a name=\"ch01\"></a>";
    out_ += title_;
    out_ += "</h1></div></div></div>\n<div class=\"toc\"><p><b>Table of Contents</b></p><dl class=\"toc\">\n";
    for (int i = 1; i <= 8; ++i) {
      out_ += "<dt><span class=\"section\"><a href=\"#s" + std::to_string(i) + "\">1." + std::to_string(i) + ". ";
      text_.phrase(out_, 2, 5);
      out_ += "</a></span></dt>\n";
    }
    out_ += "</dl></div>\n";
    for (int section = 1; room(); ++section) {
      out_ += "<div class=\"section\"><div class=\"titlepage\"><div><div><h2 class=\"title\" style=\"clear: both\">"
              "<a name=\"s" + std::to_string(section) + "\"></a>1." + std::to_string(section) + ". ";
      text_.phrase(out_, 2, 6);
      out_ += "</h2></div></div></div>\n";
      for (std::uint32_t p = rng_.between(2, 4); p > 0 && room(); --p) {
        out_ += "<p>";
        sentences(1, 3);
        out_ += "Use <code class=\"literal\">--";
        text_.slug(out_, 1);
        out_ += "</code> or see <a class=\"xref\" href=\"#s1\" title=\"1.1\">Section 1.1</a>.</p>\n";
      }
      highlighted();
      if (rng_.chance(40)) {
        out_ += "<div class=\"informaltable\"><table class=\"informaltable\" border=\"1\"><colgroup><col class=\"c1\">"
                "<col class=\"c2\"></colgroup><thead><tr><th>Option</th><th>Meaning</th></tr></thead><tbody>\n";
        for (std::uint32_t r = rng_.between(3, 8); r > 0; --r) {
          out_ += "<tr><td><code class=\"option\">-";
          text_.slug(out_, 1);
          out_ += "</code></td><td>";
          text_.sentence(out_);
          out_ += "</td></tr>\n";
        }
        out_ += "</tbody></table></div>\n";
      }
      out_ += "</div>\n";
    }
    out_ += "</div>\n<div class=\"navfooter\"><hr><table width=\"100%\" summary=\"Navigation footer\"><tr><td>"
            "<a accesskey=\"h\" href=\"index.html\">Home</a></td></tr></table></div></body></html>\n";
  }

  // Code as highlighters write it: a span per token.
  void highlighted() {
    out_ += "<div class=\"highlight-python notranslate\"><div class=\"highlight\"><pre><span></span>";
    for (std::uint32_t line = rng_.between(3, 12); line > 0; --line) {
      for (std::uint32_t t = rng_.between(2, 7); t > 0; --t) {
        const std::uint32_t kind = rng_.below(5);
        if (kind == 0) {
          out_ += "<span class=\"k\">";
          out_ += rng_.pick(kKeywords);
        } else if (kind == 1) {
          out_ += "<span class=\"s2\">&quot;";
          text_.slug(out_, 1);
          out_ += "&quot;";
        } else if (kind == 2) {
          out_ += "<span class=\"mi\">";
          out_ += std::to_string(rng_.below(1000));
        } else {
          out_ += "<span class=\"n\">";
          text_.slug(out_, 1);
        }
        out_ += "</span>";
        out_ += rng_.chance(30) ? "<span class=\"p\">(</span>" : " ";
      }
      out_ += '\n';
    }
    out_ += "</pre></div></div>\n";
  }

  void icon() {
    out_ += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" "
            "aria-hidden=\"true\" focusable=\"false\"><path fill=\"currentColor\" d=\"";
    out_ += rng_.pick(kIconPaths);
    out_ += "\"></path></svg>";
  }

  void news() {
    std::string extra;
    for (int i = 0; i < 6; ++i) {
      extra += "<link rel=\"preload\" as=\"font\" type=\"font/woff2\" crossorigin href=\"/fonts/f" + std::to_string(i) +
               ".woff2\">\n<meta property=\"og:image:" + std::to_string(i) + "\" content=\"https://cdn.example.com/i/" +
               std::to_string(i) + ".jpg\">\n";
    }
    extra += "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
             "\"headline\":\"x\",\"datePublished\":\"2024-03-05T08:00:00Z\",\"author\":[{\"@type\":\"Person\","
             "\"name\":\"y\"}]}</script>\n<style>";
    for (int i = 0; i < 40; ++i) extra += ".c" + std::to_string(i) + "{margin:0 " + std::to_string(i) + "px;color:#333}";
    extra += "</style>\n";
    head(extra.c_str());
    out_ += "<body class=\"article-page\"><header class=\"masthead\"><nav class=\"nav\" data-component=\"nav\"><ul>\n";
    for (int i = 0; i < 30; ++i) {
      out_ += "<li class=\"nav__item\" data-track=\"nav-" + std::to_string(i) + "\">";
      link("/section/");
      out_ += "</li>";
      if (i % 5 == 0) icon();
    }
    out_ += "</ul></nav></header>\n<main><article class=\"story\"><h1 class=\"story__headline\">";
    out_ += title_;
    out_ += "</h1>\n";
    while (room(3000)) {
      out_ += "<p class=\"story__text\" data-paragraph-id=\"" + std::to_string(rng_.below(100000)) + "\">";
      sentences(2, 4);
      if (rng_.chance(30)) link("https://news.example.com/");
      out_ += "</p>\n";
      if (rng_.chance(15)) {
        out_ += "<div class=\"ad-slot\" data-ad-unit=\"/123/news\" data-sizes=\"[[300,250],[728,90]]\" "
                "style=\"min-height:250px\"><!-- ad --></div>\n";
      }
      if (rng_.chance(10)) {
        out_ += "<figure class=\"story__figure\"><img src=\"/img/a.jpg\" srcset=\"/img/a-320.jpg 320w, "
                "/img/a-640.jpg 640w, /img/a-1280.jpg 1280w\" sizes=\"(max-width: 640px) 100vw, 640px\" alt=\"";
        text_.phrase(out_, 2, 5);
        out_ += "\" loading=\"lazy\" decoding=\"async\" width=\"640\" height=\"360\"><figcaption>";
        text_.sentence(out_);
        out_ += "</figcaption></figure>\n";
      }
    }
    out_ += "</article></main>\n<footer><ul>";
    for (int i = 0; i < 20; ++i) {
      out_ += "<li>";
      link("/about/");
      out_ += "</li>";
    }
    out_ += "</ul></footer>\n<script>(function(){var s=document.createElement('script');s.src='/js/app.js';"
            "document.body.appendChild(s);for(var i=0;i<10;i++){if(i<5&&window.x){}}})();</script>\n</body></html>\n";
  }

  void encyclopedia() {
    head("<link rel=\"stylesheet\" href=\"/w/load.php?modules=site.styles&amp;only=styles\">\n");
    out_ += "<body class=\"mediawiki skin-vector\"><div id=\"content\" class=\"mw-body\"><h1 id=\"firstHeading\">";
    out_ += title_;
    out_ += "</h1><div id=\"bodyContent\"><div class=\"mw-parser-output\">\n<table class=\"infobox vcard\"><tbody>\n";
    for (std::uint32_t r = rng_.between(6, 12); r > 0; --r) {
      out_ += "<tr><th scope=\"row\" class=\"infobox-label\">";
      text_.phrase(out_, 1, 2);
      out_ += "</th><td class=\"infobox-data\">";
      text_.number(out_);
      out_ += "</td></tr>\n";
    }
    out_ += "</tbody></table>\n";
    int note = 0;
    while (room(4000)) {
      if (rng_.chance(20)) {
        out_ += "<h2><span class=\"mw-headline\" id=\"";
        text_.slug(out_, 2);
        out_ += "\">";
        text_.phrase(out_, 1, 4);
        out_ += "</span><span class=\"mw-editsection\"><span class=\"mw-editsection-bracket\">[</span>"
                "<a href=\"/w/index.php?action=edit&amp;section=1\" title=\"Edit section\">edit</a>"
                "<span class=\"mw-editsection-bracket\">]</span></span></h2>\n";
      }
      out_ += "<p>";
      for (std::uint32_t s = rng_.between(2, 5); s > 0; --s) {
        text_.sentence(out_);
        out_ += ' ';
        link("/wiki/");
        const std::string n = std::to_string(++note);
        out_ += "<sup id=\"cite_ref-" + n + "\" class=\"reference\"><a href=\"#cite_note-" + n + "\">&#91;" + n +
                "&#93;</a></sup> ";
      }
      out_ += "</p>\n";
    }
    out_ += "<div class=\"reflist\"><ol class=\"references\">\n";
    for (int i = 1; i <= note && out_.size() < spec_.bytes + 4000; ++i) {
      out_ += "<li id=\"cite_note-" + std::to_string(i) + "\"><span class=\"mw-cite-backlink\"><a href=\"#cite_ref-" +
              std::to_string(i) + "\">^</a></span> <span class=\"reference-text\"><cite class=\"citation web\">";
      link("https://example.org/");
      out_ += "</cite></span></li>\n";
    }
    out_ += "</ol></div></div></div></div></body></html>\n";
  }

  void application() {
    head("<script type=\"module\" src=\"/assets/index-4f2a9c.js\"></script>\n"
         "<link rel=\"stylesheet\" href=\"/assets/index-a81b3d.css\">\n");
    out_ += "<body><div id=\"root\"";
    classes(3, 6);
    out_ += ">\n";
    while (room(1500)) {
      out_ += "<div";
      classes(4, 9);
      out_ += "><div";
      classes(2, 5);
      out_ += "><button type=\"button\"";
      classes(5, 10);
      out_ += " aria-label=\"Open menu\" data-state=\"closed\">";
      icon();
      out_ += "<span";
      classes(1, 3);
      out_ += ">";
      text_.phrase(out_, 1, 3);
      out_ += "</span></button></div><p";
      classes(2, 6);
      out_ += ">";
      text_.sentence(out_);
      out_ += "</p>";
      if (rng_.chance(40)) {
        out_ += "<img src=\"/u/avatar.png\" alt=\"\"";
        classes(2, 4);
        out_ += " width=\"32\" height=\"32\">";
      }
      out_ += "</div>\n";
    }
    out_ += "</div></body></html>\n";
  }

  const DocumentSpec& spec_;
  Rng& rng_;
  TextGenerator& text_;
  std::string out_;
  std::string title_;
};

}  // namespace

std::string generateSitePage(const DocumentSpec& spec, Rng& rng, TextGenerator& text) {
  return SitePage(spec, rng, text).build();
}

}  // namespace tollgate::extraction::corpus
