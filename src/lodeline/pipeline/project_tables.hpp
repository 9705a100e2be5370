// SPDX-License-Identifier: Apache-2.0
// The option tables of the project file's own sections: [project], [report], [pit],
// [monte_carlo] and the fit keys of [variogram]. The stages' tables live with the stages
// (kriging/, drillhole/, economics/).
#pragma once

#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/options/table.hpp"
#include "lodeline/pipeline/border_pits.hpp"
#include "lodeline/pipeline/estimation.hpp"

namespace lodeline::pipeline {

struct Project;

[[nodiscard]] const options::Table<Project>& project_table();
[[nodiscard]] const options::Table<Project>& report_table();
/// [model]: the grade and density columns and the CSV position convention (the file and grid
/// paths are read with the project).
[[nodiscard]] const options::Table<Project>& model_table();
[[nodiscard]] const options::Table<PitOptions>& pit_table();
[[nodiscard]] const options::Table<border::MonteCarloOptions>& monte_carlo_table();
[[nodiscard]] const options::Table<EstimationConfig>& variogram_fit_table();

}  // namespace lodeline::pipeline
