#include "analysis/profiles.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace tollgate {
namespace {

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool endsWithModuleGlue(const std::string& url) {
  // ".../modules/<name>.mjs": Emscripten's glue for one of our modules.
  const auto slash = url.rfind('/');
  if (slash == std::string::npos || url.size() < 4 || url.compare(url.size() - 4, 4, ".mjs") != 0) return false;
  const auto dir = url.rfind('/', slash - 1);
  return dir != std::string::npos && url.compare(dir + 1, slash - dir - 1, "modules") == 0;
}

std::string baseName(const std::string& url) {
  const auto slash = url.rfind('/');
  return slash == std::string::npos ? url : url.substr(slash + 1);
}

// Folded stacks use ';' between frames and ' ' before the count: keep both out of names.
std::string sanitize(std::string name) {
  std::replace(name.begin(), name.end(), ';', ',');
  return name;
}

std::string fold(const std::map<std::string, double>& stacks) {
  std::ostringstream out;
  for (const auto& [stack, value] : stacks) {
    if (value <= 0) continue;
    out << stack << ' ' << static_cast<long long>(value + 0.5) << '\n';
  }
  return out.str();
}

}  // namespace

std::string frameCategory(const std::string& function_name, const std::string& url) {
  if (startsWith(function_name, "js-to-wasm") || startsWith(function_name, "wasm-to-js")) return "boundary";
  // Node names wasm code wasm://wasm/<hash>; Chromium by the module's own URL.
  const auto query = url.find_first_of("?#");
  const std::string path = url.substr(0, query);
  if (startsWith(url, "wasm://") || (path.size() > 5 && path.compare(path.size() - 5, 5, ".wasm") == 0)) {
    // embind's C++ half (invokers, wire types, val) is binding layer, though compiled to wasm.
    if (startsWith(function_name, "emscripten::") || function_name.find(" emscripten::") != std::string::npos) return "binding";
    return "wasm";
  }
  if (url.empty() && startsWith(function_name, "(")) return "runtime";  // (garbage collector), (program), (idle)
  if (endsWithModuleGlue(url)) return "glue";
  if (url.empty()) return "binding";
  return "js";
}

std::string shortFrameName(const std::string& name) {
  std::string out;
  int angle = 0;
  int paren = 0;
  static const std::string anonymous = "(anonymous namespace)";
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (angle == 0 && paren == 0 && name.compare(i, anonymous.size(), anonymous) == 0) {
      out += anonymous;  // a namespace's name, not a parameter list
      i += anonymous.size() - 1;
      continue;
    }
    // operator<, operator<<, operator->... are names, not template brackets.
    if (angle == 0 && paren == 0 && (c == '<' || c == '>' || c == '(' || c == '-') && out.size() >= 8 &&
        out.compare(out.size() - 8, 8, "operator") == 0) {
      out += c;
      if ((c == '<' || c == '>') && i + 1 < name.size() && (name[i + 1] == c || name[i + 1] == '=')) out += name[++i];
      if (c == '-' && i + 1 < name.size() && name[i + 1] == '>') out += name[++i];
      if (c == '(' && i + 1 < name.size() && name[i + 1] == ')') out += name[++i];
      continue;
    }
    if (c == '<') {
      if (angle++ == 0 && paren == 0) out += "<…>";
      continue;
    }
    if (c == '>' && angle > 0) {
      --angle;
      continue;
    }
    if (angle > 0) continue;
    if (c == '(') {
      if (paren++ == 0) out += (i + 1 < name.size() && name[i + 1] == ')') ? "()" : "(…)";
      continue;
    }
    if (c == ')' && paren > 0) {
      --paren;
      continue;
    }
    if (paren > 0) continue;
    out += c;
  }
  // libc++'s inline namespace says nothing to a reader.
  for (std::size_t at; (at = out.find("std::__2::")) != std::string::npos;) out.erase(at + 5, 5);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string foldCpuProfile(const nlohmann::json& profile, const std::string& source) {
  if (!profile.is_object() || !profile.contains("nodes") || !profile["nodes"].is_array()) {
    throw std::runtime_error(source + ": not a V8 CPU profile (no nodes)");
  }
  struct Node {
    std::string frame;
    long long parent = -1;
  };
  std::unordered_map<long long, Node> nodes;
  for (const auto& n : profile["nodes"]) {
    const auto& call = n.at("callFrame");
    const std::string function = call.value("functionName", "");
    const std::string url = call.value("url", "");
    std::string name = function.empty()
                           ? "(anonymous " + (url.empty() ? std::string("script") : baseName(url)) + ":" +
                                 std::to_string(call.value("lineNumber", -1) + 1) + ")"
                           : function;
    const std::string category = frameCategory(function, url);
    if (category == "wasm" || category == "boundary") name = shortFrameName(name);  // C++ names
    nodes[n.at("id").get<long long>()].frame = sanitize(name) + " [" + category + "]";
  }
  for (const auto& n : profile["nodes"]) {
    for (const auto& child : n.value("children", nlohmann::json::array())) nodes[child.get<long long>()].parent = n.at("id").get<long long>();
  }
  std::unordered_map<long long, std::string> stack_of;
  auto stackOf = [&](long long id) -> const std::string& {
    auto found = stack_of.find(id);
    if (found != stack_of.end()) return found->second;
    std::vector<const std::string*> frames;
    for (long long at = id; at >= 0 && nodes.count(at); at = nodes[at].parent) {
      // A profile whose parents form a cycle would walk forever: a tree has no
      // path longer than its node count.
      if (frames.size() > nodes.size()) throw std::runtime_error(source + ": node " + std::to_string(id) + "'s parents form a cycle");
      if (nodes[at].parent >= 0) frames.push_back(&nodes[at].frame);  // the root node is "(root)": skip it
    }
    std::string s;
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) s += (s.empty() ? "" : ";") + **it;
    return stack_of[id] = s;
  };

  std::map<std::string, double> stacks;
  const auto& samples = profile.value("samples", nlohmann::json::array());
  const auto& deltas = profile.value("timeDeltas", nlohmann::json::array());
  if (!samples.empty() && deltas.size() == samples.size()) {
    // Sample i stands for the time until sample i + 1 (as DevTools reads it).
    double total = 0;
    for (const auto& d : deltas) total += d.get<double>();
    const double typical = total / static_cast<double>(deltas.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const double weight = i + 1 < deltas.size() ? deltas[i + 1].get<double>() : typical;
      const long long id = samples[i].get<long long>();
      if (!nodes.count(id)) throw std::runtime_error(source + ": sample " + std::to_string(i) + " names no node");
      const std::string& s = stackOf(id);
      if (!s.empty()) stacks[s] += std::max(0.0, weight);
    }
  } else {
    for (const auto& n : profile["nodes"]) {  // no samples: the nodes' hit counts
      const std::string& s = stackOf(n.at("id").get<long long>());
      if (!s.empty()) stacks[s] += n.value("hitCount", 0);
    }
  }
  return fold(stacks);
}

std::string foldPerfScript(const std::string& text) {
  std::map<std::string, double> stacks;
  std::istringstream lines(text);
  std::string line;
  std::vector<std::string> frames;  // innermost first, as perf prints them
  auto flush = [&]() {
    if (frames.empty()) return;
    std::string s;
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) s += (s.empty() ? "" : ";") + *it;
    stacks[s] += 1;
    frames.clear();
  };
  while (std::getline(lines, line)) {
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] != ' ' && line[0] != '\t') continue;  // a sample's header line
    // "\t    7a45 tollgate::vector::FlatIndex::searchChecked+0x795 (/path/binary)"
    std::istringstream parts(line);
    std::string address;
    parts >> address;
    std::string rest;
    std::getline(parts, rest);
    const auto open = rest.rfind(" (");
    std::string symbol = rest.substr(0, open);
    const std::string dso = open == std::string::npos ? "" : rest.substr(open + 2, rest.size() - open - 3);
    symbol.erase(0, symbol.find_first_not_of(' '));
    const auto plus = symbol.rfind("+0x");
    if (plus != std::string::npos) symbol.erase(plus);
    if (symbol.empty() || symbol == "[unknown]") symbol = "[" + baseName(dso) + "]";
    const std::string category = dso.find("kernel") != std::string::npos ? "kernel" : "native";
    frames.push_back(sanitize(shortFrameName(symbol)) + " [" + category + "]");
  }
  flush();
  return fold(stacks);
}

std::string foldTrace(const nlohmann::json& trace, const std::string& source) {
  if (!trace.is_object() || !trace.contains("traceEvents") || !trace["traceEvents"].is_array()) {
    throw std::runtime_error(source + ": not a Chrome trace (no traceEvents)");
  }
  struct Event {
    double start, end;
    std::string frame;
  };
  std::map<std::string, std::vector<Event>> by_process;
  for (const auto& e : trace["traceEvents"]) {
    if (e.value("ph", "") != "X") continue;
    const double ts = e.value("ts", 0.0), dur = e.value("dur", 0.0);
    const std::string pid = e.contains("pid") ? (e["pid"].is_string() ? e["pid"].get<std::string>() : e["pid"].dump()) : "";
    const std::string tid = e.contains("tid") ? (e["tid"].is_string() ? e["tid"].get<std::string>() : e["tid"].dump()) : "";
    by_process[pid].push_back({ts * 1000, (ts + dur) * 1000, sanitize(e.value("name", "?")) + " [" + tid + "]"});
  }
  std::map<std::string, double> stacks;
  for (auto& [pid, events] : by_process) {
    // Outer scopes first: earlier start, then longer.
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
      return a.start < b.start || (a.start == b.start && a.end > b.end);
    });
    struct Open {
      const Event* event;
      std::string path;
      double children = 0;
    };
    std::vector<Open> open;
    auto close = [&]() {
      const Open& top = open.back();
      stacks[top.path] += std::max(0.0, (top.event->end - top.event->start) - top.children);
      const double spent = top.event->end - top.event->start;
      open.pop_back();
      if (!open.empty()) open.back().children += spent;
    };
    for (const Event& e : events) {
      while (!open.empty() && open.back().event->end <= e.start) close();
      open.push_back({&e, open.empty() ? e.frame : open.back().path + ";" + e.frame});
    }
    while (!open.empty()) close();
  }
  return fold(stacks);
}

std::string aliasFrames(const std::string& folded, const std::map<std::string, std::string>& aliases) {
  std::ostringstream out;
  std::istringstream lines(folded);
  std::string line;
  while (std::getline(lines, line)) {
    const auto space = line.rfind(' ');
    if (space == std::string::npos) continue;
    std::istringstream frames(line.substr(0, space));
    std::string frame, stack;
    while (std::getline(frames, frame, ';')) {
      const auto bracket = frame.rfind(" [");
      const std::string bare = bracket == std::string::npos ? frame : frame.substr(0, bracket);
      const auto alias = aliases.find(bare);
      if (alias != aliases.end()) frame = alias->second + (bracket == std::string::npos ? "" : frame.substr(bracket));
      stack += (stack.empty() ? "" : ";") + frame;
    }
    out << stack << line.substr(space) << '\n';
  }
  return out.str();
}

std::vector<std::pair<std::string, double>> selfTimes(const std::string& folded) {
  std::map<std::string, double> self;
  std::istringstream lines(folded);
  std::string line;
  while (std::getline(lines, line)) {
    const auto space = line.rfind(' ');
    if (line.empty() || line[0] == '#' || space == std::string::npos) continue;
    const std::string stack = line.substr(0, space);
    const auto leaf = stack.rfind(';');
    self[leaf == std::string::npos ? stack : stack.substr(leaf + 1)] += std::stod(line.substr(space + 1));
  }
  std::vector<std::pair<std::string, double>> out(self.begin(), self.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::string profileCaseFolder(const std::string& name) {
  const auto first = name.find('/');
  const auto second = first == std::string::npos ? std::string::npos : name.find('/', first + 1);
  const std::string without = second == std::string::npos ? name : name.substr(0, first) + name.substr(second);
  std::string out;
  bool replacing = false;
  for (char c : without) {
    const bool kept = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    if (kept) out += c;
    else if (!replacing) out += '_';
    replacing = !kept;
  }
  return out;
}

}  // namespace tollgate
