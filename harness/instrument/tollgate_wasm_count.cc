// tollgate_wasm_count [--counter-export NAME] IN.wasm OUT.wasm: writes the counting build of a module
// (instrument/wasm_counting.h). The wasm build runs it after linking each
// measured module (tollgate_add_wasm_module), compiled to wasm itself and run
// by Node, so that build needs no native tool.
//
// Exit status: 0 written, 1 the module was refused, 2 usage or I/O error.

#include <fstream>
#include <iostream>
#include <iterator>

#include "instrument/wasm_counting.h"

int main(int argc, char** argv) {
  // --counter-export NAME: the counter under another name, so that a timing pass
  // accepts the module (ci/counting-cost.sh measures what counting costs that way).
  std::string counter_export = tollgate::wasm::kCounterExport;
  int first = 1;
  if (argc == 5 && std::string(argv[1]) == "--counter-export" && *argv[2] != '\0') {
    counter_export = argv[2];
    first = 3;
  } else if (argc != 3) {
    std::cerr << "usage: tollgate_wasm_count [--counter-export NAME] IN.wasm OUT.wasm\n";
    return 2;
  }
  const std::string in_path = argv[first], out_path = argv[first + 1];
  std::ifstream in(in_path, std::ios::binary);
  if (!in) {
    std::cerr << "tollgate_wasm_count: cannot open " << in_path << "\n";
    return 2;
  }
  const tollgate::wasm::Bytes module((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  tollgate::wasm::CountingStats stats;
  tollgate::wasm::Bytes counted;
  try {
    counted = tollgate::wasm::instrumentForCounting(module, &stats, counter_export);
  } catch (const tollgate::wasm::WasmError& e) {
    std::cerr << "tollgate_wasm_count: " << in_path << ": " << e.what() << "\n";
    return 1;
  }
  const std::string tmp = out_path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(reinterpret_cast<const char*>(counted.data()), static_cast<std::streamsize>(counted.size()));
    if (!out) {
      std::cerr << "tollgate_wasm_count: cannot write " << tmp << "\n";
      return 2;
    }
  }
  if (std::rename(tmp.c_str(), out_path.c_str()) != 0) {
    std::cerr << "tollgate_wasm_count: cannot rename " << tmp << " to " << out_path << "\n";
    return 2;
  }
  std::cout << "tollgate_wasm_count: " << out_path << ": " << stats.functions << " functions, " << stats.basic_blocks
            << " counted blocks, " << stats.instructions << " instructions, " << stats.bytes_added << " bytes added";
  for (const std::string& name : stats.dropped_sections) std::cout << ", dropped custom section " << name;
  std::cout << "\n";
  return 0;
}
