// SPDX-License-Identifier: Apache-2.0
// Pillar position errors from a surveyed-line GeoJSON, as a line that can be redrawn for moved
// pillars.
#pragma once

#include <memory>
#include <string>

#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/core/geometry.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::border {

/// Reads the "pillars" property of the first feature of a surveyed-line GeoJSON (written by
/// `lodeline survey --out`: per pillar its "vertex" index in the line, "e_m", "n_m",
/// "sd_e_m", "sd_n_m", "cov_en_m2"). `line` is the line the split uses (that file's line as
/// read into the project CRS): every pillar must lie on its vertex within 1 mm
/// (input.pillars_mismatch otherwise, e.g. when the file is in another CRS), the first and
/// last vertex must be pillars, and vertex indices must increase. The result moves the
/// pillars with their covariances (var_e = sd_e², var_n = sd_n²) and redraws the line with
/// survey::line_from_pillars: vertices between two pillars (geodesic densification) keep
/// their coordinates in the frame of the chord between them. Errors: io.cannot_open,
/// input.bad_json, input.bad_pillars (missing or ill-typed fields, at the field or its pillar),
/// input.bad_number (an sd_e_m or sd_n_m that is negative or above border::kMaxPositionSdM,
/// at its line:col), input.bad_covariance (|cov_en_m2| > sd_e_m sd_n_m, at its line:col).
UncertainLine read_pillar_errors(const std::string& path, const Polyline& line);

/// The pillars of a surveyed line as the Monte Carlo's uncertain points: each pillar moves with
/// its 2x2 covariance (project CRS) and the line is redrawn by survey::line_from_pillars.
UncertainLine survey_uncertain_line(const std::shared_ptr<const survey::SurveyedLine>& line,
                                    const InputLocation& where);

}  // namespace lodeline::border
