// SPDX-License-Identifier: Apache-2.0
// The surveyed line as GeoJSON (project CRS, legacy "crs" member) and the survey report JSON.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "lodeline/core/diagnostics.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::survey {

/// A FeatureCollection with one LineString feature (the densified line in the project CRS)
/// whose properties hold "kind": "surveyed", "crs", "segment_type" (one per segment),
/// "max_spacing_m" and "pillars": [{pillar, vertex, e_m, n_m, lon_deg, lat_deg, n_used,
/// n_rejected, sd_e_m, sd_n_m, cov_en_m2}]. The legacy member "crs": {"type": "name",
/// "properties": {"name": "urn:ogc:def:crs:EPSG::<code>"}} names the project CRS (its text
/// when it has no EPSG code), as GDAL reads it.
std::string line_geojson(const SurveyResult& result);

/// The survey report: CRS, options as used (UERE, thresholds), files, per pillar position
/// (lon/lat and E/N), covariances, Jacobian, counts and rejection reasons, segments, unused
/// pillars and the diagnostics.
/// `shown_path` rewrites every file path written (e.g. relative to a project folder); none =
/// paths as given.
nlohmann::json survey_report(const SurveyResult& result, const Diagnostics& diagnostics,
                             const std::function<std::string(const std::string&)>& shown_path = {});

}  // namespace lodeline::survey
