// SPDX-License-Identifier: Apache-2.0
// The option tables of the project file's own sections: [project], [report], [model] and
// [monte_carlo]. The stages' tables live with the stages (kriging/, drillhole/, economics/,
// borderpit/, estimation/).
#pragma once

#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/options/table.hpp"

namespace lodeline::config {

struct Project;

[[nodiscard]] const options::Table<Project>& project_table();
[[nodiscard]] const options::Table<Project>& report_table();
/// [model]: the grade and density columns and the CSV position convention (the file and grid
/// paths are read with the project).
[[nodiscard]] const options::Table<Project>& model_table();
[[nodiscard]] const options::Table<border::MonteCarloOptions>& monte_carlo_table();

}  // namespace lodeline::config
