// SPDX-License-Identifier: Apache-2.0
// One line's split of the model as numbers (area, ore and metal per side), and the measures a
// share, and a published claim about it, can be about.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "lodeline/border/scenario.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/border/tally.hpp"
#include "lodeline/options/table.hpp"

namespace lodeline::border {

/// What a share is a share of. The ore and metal shares are at the first cut-off.
enum class ShareMeasure { area, licence_area, ore, metal };

/// Every measure, in report order.
inline constexpr std::array<ShareMeasure, 4> kShareMeasures{
    ShareMeasure::area, ShareMeasure::licence_area, ShareMeasure::ore, ShareMeasure::metal};

/// "area", "licence_area", "ore", "metal".
[[nodiscard]] const options::EnumNames<ShareMeasure>& share_measure_names();

/// One line of the project with its exact split and what lies on each side of it.
struct LineResult {
  Scenario scenario;               ///< metadata and line (project CRS)
  SplitResult split;               ///< per-column fractions, territory of side A
  std::array<SideTally, 2> sides;  ///< [0] side A, [1] side B
  std::array<double, 2> licence_area_m2{0, 0};
  double closure_rel_error = 0;  ///< max |A + B - total| / total over measures
  /// From side B's area to side A's within the model (border/side_direction.hpp).
  std::optional<double> side_a_bearing_deg;
};

/// Share of side A and B in percent of `measure` (ore and metal at the first cut-off); NaN
/// when the measure is empty (nothing on either side, or licence_area without a licence).
[[nodiscard]] std::array<double, 2> shares_pct(const LineResult& line, ShareMeasure measure,
                                               bool has_licence);

}  // namespace lodeline::border
