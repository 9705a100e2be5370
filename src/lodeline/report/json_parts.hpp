// SPDX-License-Identifier: Apache-2.0
// JSON pieces shared by the report writers: one grade-tonnage row and one side's tally.
#pragma once

#include <nlohmann/json.hpp>

#include "lodeline/border/tally.hpp"

namespace lodeline::report {

/// {cutoff_gpt, ore_t, grade_gpt, metal_kg, metal_t, metal_oz}.
nlohmann::ordered_json tonnage_json(const border::GradeTonnage& gt);
/// The headline fields at the first cut-off plus the grade-tonnage table.
nlohmann::ordered_json tally_json(const border::SideTally& t);

}  // namespace lodeline::report
