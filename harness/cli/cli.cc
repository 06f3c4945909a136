#include "cli/cli.h"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <sstream>

namespace tollgate::cli {
namespace {

std::vector<std::string> splitCommas(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

const Option* findOption(const Verb& verb, const std::string& name) {
  for (const Option& o : verb.options) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

void checkChoices(const Option& o, const std::string& value) {
  if (o.choices.empty()) return;
  for (const std::string& item : o.is_list ? splitCommas(value) : std::vector<std::string>{value}) {
    if (std::find(o.choices.begin(), o.choices.end(), item) == o.choices.end()) {
      throw UsageError("--" + o.name + " takes " + joined(o.choices, ", ") + "; got '" + item + "'");
    }
  }
}

// Wraps `text` at `width` columns, every line after the first indented by `indent`.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 88) {
  std::istringstream words(text);
  std::string word, out, line;
  while (words >> word) {
    if (!line.empty() && indent + line.size() + 1 + word.size() > width) {
      out += line + "\n" + std::string(indent, ' ');
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line;
}

bool isHelp(const std::string& arg) { return arg == "--help" || arg == "-h"; }

}  // namespace

const Option& Args::option(const std::string& name) const {
  for (const Option& o : specs_) {
    if (o.name == name) return o;
  }
  // A verb asking for an option it never defined is a bug in the verb, not a usage error.
  throw std::logic_error("no option --" + name + " is defined for this verb");
}

bool Args::has(const std::string& name) const {
  option(name);
  return given_.count(name) > 0;
}

std::string Args::value(const std::string& name) const {
  const Option& o = option(name);
  const auto it = given_.find(name);
  return it == given_.end() ? o.fallback : it->second.back();
}

std::vector<std::string> Args::values(const std::string& name) const {
  const Option& o = option(name);
  const auto it = given_.find(name);
  const std::vector<std::string> raw = it == given_.end()
      ? (o.fallback.empty() ? std::vector<std::string>{} : std::vector<std::string>{o.fallback})
      : it->second;
  if (!o.is_list) return raw;
  std::vector<std::string> out;
  for (const std::string& v : raw) {
    for (std::string& item : splitCommas(v)) out.push_back(std::move(item));
  }
  return out;
}

double Args::number(const std::string& name, double min, double max) const {
  const std::string text = value(name);
  double v = 0;
  std::size_t used = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(v)) {
    throw UsageError("--" + name + " takes a number; got '" + text + "'");
  }
  if (v < min || v > max) {
    std::ostringstream range;
    range << "--" << name << " takes a number from " << min;
    if (std::isfinite(max)) range << " to " << max;
    else range << " up";
    throw UsageError(range.str() + "; got '" + text + "'");
  }
  return v;
}

int Args::integer(const std::string& name, int min, int max) const {
  const std::string text = value(name);
  const double v = number(name, min, max);
  if (v != std::floor(v)) throw UsageError("--" + name + " takes a whole number; got '" + text + "'");
  return static_cast<int>(v);
}

Args parseArgs(const Verb& verb, const std::vector<std::string>& argv) {
  Args args;
  args.specs_ = verb.options;
  bool options_done = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (options_done || arg.size() < 2 || arg[0] != '-' || arg == "-") {
      args.operands_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) throw UsageError("unknown option " + arg + " (options are spelled --name)");
    const auto eq = arg.find('=');
    const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const Option* o = findOption(verb, name);
    if (o == nullptr) throw UsageError("unknown option --" + name);
    std::string value;
    if (o->value.empty()) {
      if (eq != std::string::npos) throw UsageError("--" + name + " takes no value");
    } else if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < argv.size() && argv[i + 1].rfind("--", 0) != 0) {
      value = argv[++i];
    } else {
      throw UsageError("--" + name + " needs a value (" + o->value + ")");
    }
    if (!o->value.empty() && value.empty()) throw UsageError("--" + name + " needs a value (" + o->value + ")");
    if (!o->is_repeated && args.given_.count(name)) throw UsageError("--" + name + " given twice");
    checkChoices(*o, value);
    args.given_[name].push_back(value);
  }
  for (const Option& o : verb.options) {
    if (o.is_required && !args.given_.count(o.name)) throw UsageError("--" + o.name + " is required");
  }
  const std::size_t n = args.operands_.size();
  if (n < verb.min_operands) {
    throw UsageError(verb.operands.empty() ? "missing operands" : "missing " + verb.operands);
  }
  if (n > verb.max_operands) {
    throw UsageError(verb.max_operands == 0 ? "unexpected argument '" + args.operands_[0] + "'"
                                            : "unexpected argument '" + args.operands_[verb.max_operands] + "'");
  }
  return args;
}

std::string verbHelp(const Verb& verb) {
  std::ostringstream h;
  h << "usage: " << verb.command << (verb.name.empty() ? "" : " " + verb.name) << (verb.options.empty() ? "" : " [options]")
    << (verb.operands.empty() ? "" : " " + verb.operands) << "\n\n" << wrap(verb.summary, 0) << "\n";
  if (!verb.options.empty()) {
    h << "\noptions:\n";
    std::size_t column = 0;
    std::vector<std::string> heads;
    for (const Option& o : verb.options) {
      heads.push_back("  --" + o.name + (o.value.empty() ? "" : " " + o.value));
      column = std::max(column, heads.back().size());
    }
    column = std::min<std::size_t>(column + 2, 30);
    for (std::size_t i = 0; i < verb.options.size(); ++i) {
      const Option& o = verb.options[i];
      std::string text = o.help;
      if (!o.choices.empty()) text += " (" + joined(o.choices, o.is_list ? ", " : " | ") + ")";
      if (!o.fallback.empty()) text += " [default: " + o.fallback + "]";
      if (o.is_required) text += " [required]";
      if (o.is_repeated) text += " [repeatable]";
      const std::string& head = heads[i];
      if (head.size() + 2 > column) h << head << "\n" << std::string(column, ' ');
      else h << head << std::string(column - head.size(), ' ');
      h << wrap(text, column) << "\n";
    }
    h << "  --help" << std::string(column - 8, ' ') << "this help\n";
  }
  if (!verb.details.empty()) {
    h << "\n";
    std::istringstream paragraphs(verb.details);
    std::string line;
    while (std::getline(paragraphs, line)) {
      // Lines that start with spaces are examples or tables: kept as written.
      h << (line.empty() || line[0] == ' ' ? line : wrap(line, 0)) << "\n";
    }
  }
  return h.str();
}

std::string overviewHelp(const std::vector<Verb>& verbs) {
  std::ostringstream h;
  h << "usage: tollgate VERB [options] [operands]\n\n"
       "Measures what crossing the WebAssembly boundary costs, in native, Node and headless\n"
       "Chromium, and keeps those costs from coming back.\n\nverbs:\n";
  std::size_t column = 0;
  for (const Verb& v : verbs) column = std::max(column, v.name.size());
  for (const Verb& v : verbs) {
    h << "  " << v.name << std::string(column + 2 - v.name.size(), ' ') << wrap(v.summary, column + 4) << "\n";
  }
  h << "\n`tollgate VERB --help` shows a verb's options. Options are written `--name value`\n"
       "(or `--name=value`) everywhere. Exit status: 0 ok, 1 a check failed, 2 a usage error\n"
       "or unreadable input.\n";
  return h.str();
}

int runCli(const std::vector<Verb>& verbs, const std::vector<std::string>& argv, Env& env) {
  if (argv.empty()) {
    env.err << overviewHelp(verbs);
    return 2;
  }
  const std::string& first = argv[0];
  if (isHelp(first) || first == "help") {
    if (first == "help" && argv.size() > 1) {
      for (const Verb& v : verbs) {
        if (v.name == argv[1]) {
          env.out << verbHelp(v);
          return 0;
        }
      }
      env.err << "tollgate: no verb '" << argv[1] << "' (tollgate --help lists them)\n";
      return 2;
    }
    env.out << overviewHelp(verbs);
    return 0;
  }
  const Verb* verb = nullptr;
  for (const Verb& v : verbs) {
    if (v.name == first) verb = &v;
  }
  if (verb == nullptr) {
    env.err << "tollgate: no verb '" << first << "' (tollgate --help lists them)\n";
    return 2;
  }
  const std::vector<std::string> rest(argv.begin() + 1, argv.end());
  for (const std::string& arg : rest) {
    if (arg == "--") break;
    if (isHelp(arg)) {
      env.out << verbHelp(*verb);
      return 0;
    }
  }
  try {
    return verb->run(parseArgs(*verb, rest), env);
  } catch (const UsageError& e) {
    env.err << "tollgate " << verb->name << ": " << e.what() << " (see tollgate " << verb->name << " --help)\n";
    return 2;
  } catch (const std::exception& e) {
    env.err << "tollgate " << verb->name << ": " << e.what() << "\n";
    return 2;
  }
}

}  // namespace tollgate::cli
