#pragma once
// The `tollgate` command's structure: each verb is a Verb (its options defined once,
// from which `--help` and the usage errors are generated) and a function over the
// parsed Args. Verbs live one file per verb or per group (verb_*.cc) and are listed
// in verbs.cc. To add one: write `Verb fooVerb()` in verb_foo.cc, declare it in
// verbs.h, add it to allVerbs() and to harness/cli/CMakeLists.txt.
//
// One flag syntax everywhere: `--name value`, or `--name=value`; switches take no
// value; `--` ends the options. Exit status of every verb: 0 ok, 1 a check failed,
// 2 usage or unreadable input (one line on stderr saying what is wrong), and verbs
// may document more (gate: 3 while undecided).

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <limits>
#include <map>
#include <utility>
#include <stdexcept>
#include <string>
#include <vector>

namespace tollgate::cli {

class Executor;

struct Option {
  std::string name;      // without the dashes: "out"
  std::string value;     // what it takes, for the help ("FILE"); empty for a switch
  std::string help;      // one sentence
  std::string fallback;  // the value when absent, shown in the help; "" for none
  bool is_repeated = false;  // may be given several times (values accumulate)
  bool is_required = false;
  bool is_list = false;      // a comma-separated list (values are split at commas)
  std::vector<std::string> choices;  // when not empty: each value (each list item) is one of these

  Option& defaults(std::string v) { fallback = std::move(v); return *this; }
  Option& required() { is_required = true; return *this; }
  Option& repeated() { is_repeated = true; return *this; }
  Option& commaList() { is_list = true; return *this; }
  Option& oneOf(std::vector<std::string> allowed) { choices = std::move(allowed); return *this; }
};

// An option that takes a value (`--out FILE`), and a switch (`--final`).
inline Option option(std::string name, std::string value, std::string help) {
  Option o;
  o.name = std::move(name);
  o.value = std::move(value);
  o.help = std::move(help);
  return o;
}
inline Option flag(std::string name, std::string help) { return option(std::move(name), "", std::move(help)); }

// A command-line mistake: reported in one line, exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  bool has(const std::string& name) const;
  // The last value given, else the option's fallback.
  std::string value(const std::string& name) const;
  // Every value given in order (list options split at commas), else the fallback's.
  std::vector<std::string> values(const std::string& name) const;
  // A number within [min, max]; a UsageError naming the option otherwise.
  double number(const std::string& name, double min, double max = std::numeric_limits<double>::infinity()) const;
  int integer(const std::string& name, int min, int max = std::numeric_limits<int>::max()) const;
  const std::vector<std::string>& operands() const { return operands_; }

 private:
  friend Args parseArgs(const struct Verb& verb, const std::vector<std::string>& argv);
  const Option& option(const std::string& name) const;
  std::vector<Option> specs_;
  std::map<std::string, std::vector<std::string>> given_;
  std::vector<std::string> operands_;
};

// What a verb runs with: where to write, how to start processes, where the checkout is.
struct Env {
  Env(std::ostream& o, std::ostream& e) : out(o), err(e) {}
  std::ostream& out;
  std::ostream& err;
  Executor* executor = nullptr;  // run and profile start child processes through it
  std::string root;              // the repository's root (runners, workloads, ci/)
  std::string bin_dir;           // where tollgate and tollgate_native are
  std::string manifest;          // the build's workload manifest (tollgate/workloads.h)
};

struct Verb {
  std::string command = "tollgate";  // the program, as its usage line names it
  std::string name;         // "" for a program without verbs (the native runner)
  std::string summary;      // one line, in `tollgate --help`
  std::string operands;     // as the usage line shows them ("RESULTS..."); "" for none
  std::size_t min_operands = 0;
  std::size_t max_operands = 0;
  std::vector<Option> options;
  std::string details;      // what follows the options in the help: outputs, exit status
  std::function<int(const Args&, Env&)> run;
};

inline constexpr std::size_t kAnyNumber = std::numeric_limits<std::size_t>::max();

// Throws UsageError for an unknown option, a missing or unexpected value, a value
// not among the choices, a missing required option or a wrong number of operands.
Args parseArgs(const Verb& verb, const std::vector<std::string>& argv);

std::string verbHelp(const Verb& verb);
std::string overviewHelp(const std::vector<Verb>& verbs);

// The whole command: `argv` without the program name. Dispatches to the verb, prints
// help (exit 0) or a one-line usage error (exit 2), and turns any other exception
// into one line on stderr with exit status 2.
int runCli(const std::vector<Verb>& verbs, const std::vector<std::string>& argv, Env& env);

}  // namespace tollgate::cli
