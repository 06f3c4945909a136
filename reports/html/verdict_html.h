#pragma once
// The report's first screen (the verdict: what needs attention, with numbers) and its
// collapsed gate details, rendered from the model's "verdict" and "gates".

#include <sstream>

#include <nlohmann/json.hpp>

namespace tollgate::html {

void verdictSection(const nlohmann::ordered_json& model, std::ostringstream& h);
void gateDetailsSection(const nlohmann::ordered_json& gates, std::ostringstream& h);

}  // namespace tollgate::html
