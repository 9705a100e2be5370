// SPDX-License-Identifier: Apache-2.0
// Ultimate pits with a border: one joint (unitised) pit and one pit per side behind a hard wall.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lodeline/economics/economics.hpp"
#include "lodeline/pit/precedence.hpp"
#include "lodeline/report/resource_report.hpp"

namespace lodeline::pipeline {

struct PitOptions {
  double slope_deg = 45;
  std::int64_t benches = 8;
  std::string straddling = "forbidden";  ///< forbidden | majority | shared
  std::vector<std::string> lines;        ///< scenario names; empty = every line
  std::vector<double> production_rates_t_per_y{320000, 490000, 880000};
  /// Nested pits of the joint (unitised) case for these revenue factors (strictly
  /// increasing); empty = no pit-by-pit table.
  std::vector<double> revenue_factors;
  /// Economics of a side's own development (its plant, costs, royalty), by side name; a side
  /// without an entry uses the project's economics. The joint pit always uses the project's.
  std::map<std::string, economics::EconomicsOptions> side_economics;
  /// Slope by azimuth sector (overrides slope_deg when not empty); covers [0, 360).
  std::vector<pit::SlopeSector> sectors;
  /// Slope by zone: zone id -> overall slope angle; blocks of other zones use the default
  /// (slope_deg or sectors). Zone ids per block come from the model column `zone_column`.
  std::string zone_column;
  std::map<std::int64_t, double> zone_slope_deg;
};

/// Values blocks (economics), builds the slope pattern (minimum search) and solves the joint
/// pit and, for each chosen line, the pit of each side with the line as a wall: a side may
/// mine a block only under the straddling rule (forbidden: wholly on its side; majority: more
/// than half; shared: any part, value scaled by its fraction). Block values are whole USD
/// (rounded) for the integer solver; walls are values below minus the sum of all gains.
report::PitSection run_border_pits(const BlockGrid& grid, const std::vector<double>& grade_gpt,
                                   const std::vector<double>& tonnes,
                                   const std::vector<report::ScenarioReport>& scenarios,
                                   const economics::EconomicsOptions& economics,
                                   const PitOptions& options,
                                   const std::vector<std::int64_t>* zone_ids = nullptr);

}  // namespace lodeline::pipeline
