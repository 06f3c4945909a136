// extraction_pathological_bench [--bytes N] [--rounds R]: time per byte on
// hostile documents (test/pathological.h) against an ordinary document of the
// same format and size (the corpus generator's), natively. Rounds interleave
// every document, so a slow spell of the machine hits all of them; times are
// processor time (on a shared machine wall time is mostly other processes'
// turns). Prints a Markdown table: median MB/s with the median absolute
// deviation, and the hostile document's time per byte over the ordinary one's
// (the target: at most 20x). The workload README carries the table.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "../test/pathological.h"
#include "corpus.h"
#include "extractor.h"

namespace {

using namespace tollgate::extraction;

double seconds(Format format, const std::string& doc) {
  ResultBuffers out;
  const std::clock_t start = std::clock();
  extractDocument(format, doc.data(), doc.size(), out);
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

struct Stat {
  double median, mad;
};

Stat stat(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const double m = v[v.size() / 2];
  for (double& x : v) x = x > m ? x - m : m - x;
  std::sort(v.begin(), v.end());
  return {m, v[v.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t bytes = 1 << 20;
  int rounds = 7;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--bytes") bytes = std::strtoul(argv[i + 1], nullptr, 10);
    else if (flag == "--rounds") rounds = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: extraction_pathological_bench [--bytes N] [--rounds R]\n");
      return 2;
    }
  }
  const auto& hostile = test::pathologicalDocuments();
  struct Doc {
    std::string name;
    Format format;
    std::string bytes;
    std::vector<double> mbps;
  };
  std::vector<Doc> docs;
  for (Format f : {Format::html, Format::markdown}) docs.push_back({"ordinary (corpus)", f, corpus::generateDocument({f, bytes, 1}), {}});
  for (const test::Pathological& p : hostile) docs.push_back({p.name, p.format, test::makeDocument(p, bytes), {}});
  for (int r = 0; r < rounds; ++r) {
    for (Doc& d : docs) d.mbps.push_back(d.bytes.size() / 1e6 / std::max(seconds(d.format, d.bytes), 1e-6));
  }
  std::printf("| format | document | MB/s (median ± MAD) | time per byte ÷ ordinary |\n|---|---|---|---|\n");
  double ordinary[2] = {0, 0};
  for (const Doc& d : docs) {
    const Stat s = stat(d.mbps);
    const int f = d.format == Format::html ? 0 : 1;
    if (ordinary[f] == 0) ordinary[f] = s.median;
    std::printf("| %s | %s | %.1f ± %.1f | %.2fx |\n", formatName(d.format), d.name.c_str(), s.median, s.mad,
                ordinary[f] / s.median);
  }
  return 0;
}
