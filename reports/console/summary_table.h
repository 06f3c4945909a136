#pragma once
// Renders a Summary as the fixed-width tables the main job prints. Formatting only.

#include <ostream>

#include "analysis/summary.h"

namespace tollgate {

void printSummary(const Summary& summary, std::ostream& out);

// A number of nanoseconds as "12.3 ns", "4.56 us", "7.89 ms" or "1.23 s".
std::string formatDuration(double ns);

}  // namespace tollgate
