// SPDX-License-Identifier: Apache-2.0
// The survey's options, declared once (options/table.hpp): `lodeline survey` flags and the keys
// of a project's [scenario.survey] come from this one table.
#pragma once

#include "lodeline/options/table.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::survey {

/// "geodesic", "straight".
[[nodiscard]] const options::EnumNames<SegmentType>& segment_names();

/// Segments, densification, fix errors and rejection, datums, the covariance of the means.
/// (The project CRS, allow_datum_shift and the rejected qualities are given apart.)
[[nodiscard]] const options::Table<SurveyOptions>& survey_table();

/// The survey's input files: fixes, order and sessions (`lodeline survey` flags and the keys
/// of [scenario.survey], where they are relative to the project file).
[[nodiscard]] const options::Table<SurveyInputs>& survey_inputs_table();

}  // namespace lodeline::survey
