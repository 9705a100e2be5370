// SPDX-License-Identifier: Apache-2.0
// The drillhole stages' options, declared once: [drillholes] and [composite] of a project,
// the flags of `lodeline drillholes`, `lodeline options` and the docs come from these tables.
#pragma once

#include "lodeline/drillhole/composite.hpp"
#include "lodeline/drillhole/database.hpp"
#include "lodeline/drillhole/desurvey.hpp"
#include "lodeline/options/table.hpp"

namespace lodeline::drillhole {

[[nodiscard]] const options::EnumNames<DipConvention>& dip_convention_names();
[[nodiscard]] const options::EnumNames<DesurveyMethod>& desurvey_names();
[[nodiscard]] const options::EnumNames<ResidualRule>& residual_names();

/// [drillholes]: the collar, survey and assay files (`lodeline drillholes` flags too).
[[nodiscard]] const options::Table<DrillholeFiles>& drillhole_files_table();
/// [drillholes]: reading and validation.
[[nodiscard]] const options::Table<DrillholeOptions>& drillholes_table();
/// [drillholes.columns]: column names that override the alias lists (default_aliases()).
[[nodiscard]] const options::Table<ColumnNames>& columns_table();
/// [drillholes] desurvey.
[[nodiscard]] const options::Table<DesurveyOptions>& desurvey_table();
/// [composite] (top-cuts are a table of column = cap, read by the caller).
[[nodiscard]] const options::Table<CompositeOptions>& composite_table();

}  // namespace lodeline::drillhole
