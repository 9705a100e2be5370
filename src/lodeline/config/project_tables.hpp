// SPDX-License-Identifier: Apache-2.0
// The option tables of the project file's own sections: [project], [report], [model],
// [licence] and [disputed]. The stages' tables live with the stages (kriging/,
// drillhole/, economics/, borderpit/, estimation/).
#pragma once

#include "lodeline/options/table.hpp"

namespace lodeline::config {

struct Project;

[[nodiscard]] const options::Table<Project>& project_table();
[[nodiscard]] const options::Table<Project>& report_table();
/// [model]: the model and grid files, the grade and density columns and the CSV position
/// convention (paths as written; the project resolves them against its folder).
[[nodiscard]] const options::Table<Project>& model_table();
/// [licence]: the licence polygon's file.
[[nodiscard]] const options::Table<Project>& licence_table();
/// [disputed]: the scenarios compared for disputed ground.
[[nodiscard]] const options::Table<Project>& disputed_table();

}  // namespace lodeline::config
