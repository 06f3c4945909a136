#pragma once
// Every verb of the `tollgate` command, in the order `tollgate --help` lists them.
// Adding a verb: define `Verb fooVerb()` in verb_foo.cc (see cli.h), declare it here,
// list it in verbs.cc, and add the file to harness/cli/CMakeLists.txt.

#include <string>
#include <vector>

#include "analysis/results_io.h"
#include "cli/cli.h"

namespace tollgate::cli {

std::vector<Verb> allVerbs();

Verb runVerb();
Verb profileVerb();
Verb baselineVerb();
Verb validateVerb();
Verb summaryVerb();
Verb mergeVerb();
Verb machineVerb();
Verb toolchainVerb();
Verb gateVerb();
Verb reportVerb();
Verb foldVerb();
Verb fuzzVerb();

// An option's value; its default (a path inside the checkout: ci/gates.json) is
// taken from the repository's root, so the command works from any folder.
std::string inRoot(const Args& args, const std::string& name, const Env& env);

// Pools rounds into `out` (validated against the schema): merge and run share it.
ResultsFile writeMerged(const std::vector<LoadedResults>& rounds, const std::string& out);

}  // namespace tollgate::cli
