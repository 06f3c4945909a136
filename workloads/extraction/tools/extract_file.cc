// extraction_dump FORMAT [FILE]: the canonical JSON of a document (stdin when no
// FILE), as every adapter produces it. For writing and reviewing golden files:
//   build/native/workloads/extraction/extraction_dump html test/golden/x.html
// With --pieces=N the document is fed N bytes at a time, as a stream is.
// extraction_dump --generate FORMAT BYTES SEED [CORPUS] writes a corpus document instead.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "corpus.h"
#include "extractor.h"
#include "json_writer.h"

int main(int argc, char** argv) {
  using namespace tollgate::extraction;
  if ((argc == 5 || argc == 6) && std::string(argv[1]) == "--generate") {
    try {
      std::cout << corpus::generateDocument({parseFormat(argv[2]), std::stoul(argv[3]), std::stoull(argv[4]),
                                             corpus::parseCorpus(argc == 6 ? argv[5] : "generated")});
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "extraction_dump: " << e.what() << "\n";
      return 1;
    }
  }
  std::size_t pieces = 0;
  int arg = 1;
  if (arg < argc && std::string(argv[arg]).rfind("--pieces=", 0) == 0) pieces = std::stoul(argv[arg++] + 9);
  if (arg >= argc) {
    std::cerr << "usage: extraction_dump [--pieces=N] FORMAT [FILE]\n";
    return 2;
  }
  try {
    const Format format = parseFormat(argv[arg++]);
    std::string doc;
    if (arg < argc) {
      std::ifstream in(argv[arg], std::ios::binary);
      if (!in) throw std::runtime_error(std::string("cannot read ") + argv[arg]);
      doc.assign(std::istreambuf_iterator<char>(in), {});
    } else {
      doc.assign(std::istreambuf_iterator<char>(std::cin), {});
    }
    ResultBuffers out;
    if (pieces == 0) {
      extractDocument(format, doc.data(), doc.size(), out);
      std::cout << resultJson(out) << "\n";
      return 0;
    }
    ResultBuffers chunk;
    Extraction extraction(format, chunk);
    out.format = format;
    for (std::size_t i = 0; i < doc.size(); i += pieces) {
      extraction.feed(doc.data() + i, std::min(pieces, doc.size() - i));
      out.append(chunk);
      chunk.clear();
      chunk.format = format;
    }
    extraction.finish();
    out.append(chunk);
    std::cout << resultJson(out) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "extraction_dump: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
