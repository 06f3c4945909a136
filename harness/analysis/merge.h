#pragma once
// Pools the rows of several runs of one runtime (process rounds) into one file.
//
// Why: on shared machines a whole process can land in a slow or a fast mode and
// stay there (seen here: the same native search at 22 us in some processes and
// 30 us in others, each stable within itself). Comparing one native process with
// one Node process then measures the modes, not the runtimes. Alternating rounds of
// each runtime and pooling their samples puts every mode in every median, and the
// spread shows it.

#include <string>
#include <vector>

#include "analysis/results_io.h"

namespace tollgate {

// Rows are matched by name: samples, CPU samples and phase samples are
// concatenated in round order; memory figures keep their maximum. Exact counters
// and result digests must agree across rounds: a disagreement is recorded as a
// failure naming the rounds. Throws std::invalid_argument if the files are of
// different runtimes or there are none.
ResultsFile mergeRounds(const std::vector<LoadedResults>& rounds);

}  // namespace tollgate
