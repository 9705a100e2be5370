// SPDX-License-Identifier: Apache-2.0
// The estimation parameter document (P.json of `lodeline estimate`) -> EstimateOptions,
// every bad value reported at its JSON line:column.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "lodeline/kriging/estimate.hpp"
#include "lodeline/variogram/model.hpp"

namespace lodeline::kriging {

/// {"method": "ok"|"sk"|"idw"|"nn", "value": "au", "hole": "hole_id" (optional),
///  "variogram": {...} (model_from_json; required for ok/sk and the anisotropic metric),
///  "mean": m (sk), "idw_power": 2,
///  "search": {"max_samples": 24, "min_samples": 1, "max_distance": r, "metric":
///             "euclidean"|"anisotropic", "max_per_hole": 0, "max_per_octant": 0},
///  "block": {"size": [dx, dy(, dz)], "discretization": [nx, ny(, nz)] (default 4 per axis),
///            "scheme": "gauss"|"regular" (default gauss)} (optional: point support),
///  "duplicates": "merge"|"error"}. Defaults as EstimateOptions; "max_samples": 0 = all
/// samples (gstat's default nmax), "max_distance" absent = unlimited.
struct EstimateParams {
  EstimateOptions options;
  std::string value_column;
  std::string hole_column;  ///< empty = not given
};

/// The names parameter files use: "ok" | "sk" | "idw" | "nn", "euclidean" | "anisotropic",
/// "gauss" | "regular"; nothing for any other text (each caller words its own error).
[[nodiscard]] std::optional<Method> method_from_name(std::string_view name);
[[nodiscard]] std::optional<SearchMetric> metric_from_name(std::string_view name);
[[nodiscard]] std::optional<BlockScheme> scheme_from_name(std::string_view name);

/// Throws input.bad_option / input.missing_option / input.unknown_key / input.bad_variogram
/// at the location `locate` gives for the offending key's JSON pointer.
[[nodiscard]] EstimateParams params_from_json(const nlohmann::json& doc,
                                              const variogram::JsonLocator& locate);

}  // namespace lodeline::kriging
