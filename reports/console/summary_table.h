#pragma once
// Renders a Summary as the fixed-width tables the main job prints. Formatting only.

#include <ostream>

#include "analysis/summary.h"
#include "format.h"

namespace tollgate {

void printSummary(const Summary& summary, std::ostream& out);

}  // namespace tollgate
