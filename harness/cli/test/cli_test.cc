// The command line itself: options parsed one way everywhere, help generated from
// the option definitions, usage errors in one line with exit status 2, for every
// verb, both in-process and through the built binary.

#include <sys/wait.h>

#include <array>
#include <map>
#include <cstdio>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/cli.h"
#include "cli/verbs.h"

namespace tollgate::cli {
namespace {

Verb sample() {
  Verb v;
  v.name = "sample";
  v.summary = "A verb for the tests.";
  v.operands = "FILE...";
  v.min_operands = 1;
  v.max_operands = 2;
  v.options = {option("out", "FILE", "output").required(), option("rounds", "N", "rounds").defaults("3"),
               option("runtime", "LIST", "runtimes").commaList().oneOf({"native", "node", "chromium"})
                   .defaults("native,node,chromium"),
               option("flame", "T=F", "flames").repeated(), flag("final", "last round")};
  v.run = [](const Args&, Env&) { return 0; };
  return v;
}

std::string usageError(const std::vector<std::string>& argv) {
  try {
    parseArgs(sample(), argv);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Options, BothSpellingsOfAValueAreAccepted) {
  const Args a = parseArgs(sample(), {"--out", "x.json", "--rounds=5", "in.json"});
  EXPECT_EQ(a.value("out"), "x.json");
  EXPECT_EQ(a.integer("rounds", 1), 5);
  EXPECT_EQ(a.operands(), std::vector<std::string>{"in.json"});
  const Args b = parseArgs(sample(), {"--out=x.json", "in.json"});
  EXPECT_EQ(b.value("out"), "x.json");
  EXPECT_EQ(b.integer("rounds", 1), 3);  // the fallback
  EXPECT_FALSE(b.has("rounds"));
}

TEST(Options, ListsSplitAtCommasAndRepeatsAccumulate) {
  const Args a = parseArgs(sample(), {"--out", "o", "--runtime", "node,chromium", "--flame", "a=1", "--flame", "b=2", "f"});
  EXPECT_EQ(a.values("runtime"), (std::vector<std::string>{"node", "chromium"}));
  EXPECT_EQ(a.values("flame"), (std::vector<std::string>{"a=1", "b=2"}));
  const Args d = parseArgs(sample(), {"--out", "o", "f"});
  EXPECT_EQ(d.values("runtime"), (std::vector<std::string>{"native", "node", "chromium"}));
  EXPECT_TRUE(d.values("flame").empty());
}

TEST(Options, DoubleDashEndsOptions) {
  const Args a = parseArgs(sample(), {"--out", "o", "--", "--final"});
  EXPECT_FALSE(a.has("final"));
  EXPECT_EQ(a.operands(), std::vector<std::string>{"--final"});
}

TEST(Options, MistakesAreNamed) {
  EXPECT_EQ(usageError({"--out", "o", "--nope", "f"}), "unknown option --nope");
  EXPECT_EQ(usageError({"--out", "o", "-x", "f"}), "unknown option -x (options are spelled --name)");
  EXPECT_EQ(usageError({"f"}), "--out is required");
  EXPECT_EQ(usageError({"--out"}), "--out needs a value (FILE)");
  EXPECT_EQ(usageError({"--out", "--final", "f"}), "--out needs a value (FILE)");
  EXPECT_EQ(usageError({"--out="}), "--out needs a value (FILE)");
  EXPECT_EQ(usageError({"--out", "o", "--final=yes", "f"}), "--final takes no value");
  EXPECT_EQ(usageError({"--out", "o", "--out", "p", "f"}), "--out given twice");
  EXPECT_EQ(usageError({"--out", "o", "--runtime", "node,firefox", "f"}),
            "--runtime takes native, node, chromium; got 'firefox'");
  EXPECT_EQ(usageError({"--out", "o"}), "missing FILE...");
  EXPECT_EQ(usageError({"--out", "o", "a", "b", "c"}), "unexpected argument 'c'");
  const Args bad = parseArgs(sample(), {"--out", "o", "--rounds", "two", "f"});
  try {
    bad.integer("rounds", 1);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "--rounds takes a number; got 'two'");
  }
  const Args zero = parseArgs(sample(), {"--out", "o", "--rounds", "0", "f"});
  EXPECT_THROW(zero.integer("rounds", 1), UsageError);
  const Args half = parseArgs(sample(), {"--out", "o", "--rounds", "1.5", "f"});
  EXPECT_THROW(half.integer("rounds", 1), UsageError);
}

TEST(Options, HelpComesFromTheDefinitions) {
  const std::string help = verbHelp(sample());
  EXPECT_NE(help.find("usage: tollgate sample [options] FILE..."), std::string::npos) << help;
  EXPECT_NE(help.find("--rounds N"), std::string::npos) << help;
  EXPECT_NE(help.find("[default: 3]"), std::string::npos) << help;
  EXPECT_NE(help.find("(native, node, chromium)"), std::string::npos) << help;
  EXPECT_NE(help.find("[required]"), std::string::npos) << help;
  EXPECT_NE(help.find("[repeatable]"), std::string::npos) << help;
}

TEST(Cli, HelpAnywhereWinsAndUsageErrorsAreOneLine) {
  std::ostringstream out, err;
  Env env(out, err);
  const std::vector<Verb> verbs = {sample()};
  EXPECT_EQ(runCli(verbs, {"sample", "--rounds", "x", "--help"}, env), 0);
  EXPECT_NE(out.str().find("usage: tollgate sample"), std::string::npos);
  EXPECT_EQ(runCli(verbs, {"sample", "f"}, env), 2);
  EXPECT_EQ(err.str(), "tollgate sample: --out is required (see tollgate sample --help)\n");
  err.str("");
  EXPECT_EQ(runCli(verbs, {"nope"}, env), 2);
  EXPECT_EQ(err.str(), "tollgate: no verb 'nope' (tollgate --help lists them)\n");
  out.str("");
  EXPECT_EQ(runCli(verbs, {"help", "sample"}, env), 0);
  EXPECT_NE(out.str().find("usage: tollgate sample"), std::string::npos);
}

// The built binary, as a user types it.
struct Ran {
  int status = -1;
  std::string output;  // stdout and stderr
};

Ran tollgate(const std::string& args) {
  Ran r;
  const std::string command = std::string(TOLLGATE_CLI) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.output.append(buffer.data(), n);
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

int lines(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

TEST(Binary, OverviewListsEveryVerb) {
  const Ran help = tollgate("--help");
  EXPECT_EQ(help.status, 0) << help.output;
  for (const Verb& v : allVerbs()) EXPECT_NE(help.output.find("\n  " + v.name + " "), std::string::npos) << v.name;
  const Ran bare = tollgate("");
  EXPECT_EQ(bare.status, 2);
  EXPECT_NE(bare.output.find("usage: tollgate VERB"), std::string::npos);
}

TEST(Binary, EveryVerbHasHelpAndRefusesAnUnknownOption) {
  for (const Verb& v : allVerbs()) {
    const Ran help = tollgate(v.name + " --help");
    EXPECT_EQ(help.status, 0) << v.name << ": " << help.output;
    EXPECT_EQ(help.output.rfind("usage: tollgate " + v.name, 0), 0u) << help.output;
    const Ran wrong = tollgate(v.name + " --no-such-option x");
    EXPECT_EQ(wrong.status, 2) << v.name << ": " << wrong.output;
    EXPECT_EQ(wrong.output, "tollgate " + v.name + ": unknown option --no-such-option (see tollgate " + v.name +
                                " --help)\n");
  }
}

// One mistake of each verb's own kind: a missing operand or required option.
TEST(Binary, EveryVerbNamesItsOwnUsageError) {
  const std::map<std::string, std::pair<std::string, std::string>> cases = {
      {"run", {"--runtime native,firefox", "--runtime takes native, node, chromium; got 'firefox'"}},
      {"profile", {"--seconds 0", "--seconds takes a number from 0.001 up; got '0'"}},
      {"baseline", {"--rounds 1", "--rounds takes a number from 2 to 100; got '1'"}},
      {"validate", {"", "missing FILE..."}},
      {"summary", {"", "missing RESULTS..."}},
      {"merge", {"a.json", "--out is required"}},
      {"machine", {"a.json b.json", "unexpected argument 'b.json'"}},
      {"toolchain", {"", "missing RESULTS"}},
      {"gate", {"--final=yes x.json", "--final takes no value"}},
      {"report", {"x.json", "--out is required"}},
      {"fold", {"--out x", "give exactly one of --cpuprofile, --perf-script, --trace"}},
      {"fuzz", {"--seconds 0", "--seconds takes a number from 1 up; got '0'"}},
  };
  for (const Verb& v : allVerbs()) {
    const auto it = cases.find(v.name);
    ASSERT_NE(it, cases.end()) << "no usage-error case for the verb " << v.name << ": add one here";
    const Ran r = tollgate(v.name + " " + it->second.first);
    EXPECT_EQ(r.status, 2) << v.name << ": " << r.output;
    EXPECT_EQ(lines(r.output), 1) << r.output;
    EXPECT_NE(r.output.find(it->second.second), std::string::npos) << v.name << ": " << r.output;
  }
}

}  // namespace
}  // namespace tollgate::cli
