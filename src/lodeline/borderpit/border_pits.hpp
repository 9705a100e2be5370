// SPDX-License-Identifier: Apache-2.0
// Ultimate pits with a border: one joint (unitised) pit and one pit per side behind a hard wall,
// and what each holds.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lodeline/blockmodel/block_model.hpp"
#include "lodeline/border/shares.hpp"
#include "lodeline/core/block_grid.hpp"
#include "lodeline/economics/economics.hpp"
#include "lodeline/options/table.hpp"
#include "lodeline/pit/nested.hpp"
#include "lodeline/pit/precedence.hpp"

namespace lodeline::borderpit {

/// What a side may mine of a block the line cuts.
enum class Straddling {
  forbidden,  ///< only blocks wholly on its side
  majority,   ///< blocks more than half on its side
  shared,     ///< any part, value scaled by its fraction
};
[[nodiscard]] const options::EnumNames<Straddling>& straddling_names();

struct PitOptions {
  double slope_deg = 45;
  std::int64_t benches = 8;
  Straddling straddling = Straddling::forbidden;
  std::vector<std::string> lines;  ///< scenario names; empty = every line
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

/// One pit: what it holds, and (for the joint pit) how it is allocated to the two sides.
struct PitSummary {
  std::int64_t blocks = 0;
  double value_usd = 0;  ///< undiscounted, sum of block values in the pit
  double ore_t = 0;      ///< blocks sent to the mill
  double waste_t = 0;
  double metal_g = 0;                          ///< contained in ore
  std::array<double, 2> side_value_usd{0, 0};  ///< by column fraction
  std::array<double, 2> side_ore_t{0, 0};
  std::array<double, 2> side_metal_g{0, 0};
  /// Where the pit meets the model's limits, so may go on beyond them: columns on the model's
  /// outer ring that it mines, and columns it mines down to the lowest bench. Non-zero means
  /// the pit's value (and any difference between pits) is bounded by the model's extent.
  std::int64_t edge_columns = 0;
  std::int64_t floor_columns = 0;
  [[nodiscard]] bool at_model_limits() const { return edge_columns > 0 || floor_columns > 0; }
};

/// The planner's half of the question for one line: a joint (unitised) pit against one pit
/// per side with the line as a hard wall.
struct LinePits {
  std::string scenario;
  Straddling straddling = Straddling::forbidden;
  PitSummary joint;                      ///< the joint pit, allocated by this line's fractions
  std::array<PitSummary, 2> standalone;  ///< side A, side B
  std::array<bool, 2> own_economics{false, false};  ///< side used its own economics
  std::array<double, 2> marginal_cutoff_gpt{0, 0};  ///< of the economics each side used
  double sterilised_value_usd = 0;                  ///< joint value - (A + B)
  double sterilised_metal_g = 0;
};

struct BorderPits {
  double slope_deg = 45;
  std::int64_t benches = 8;
  std::vector<pit::SlopeSector> sectors;          ///< in force instead of slope_deg when given
  std::map<std::int64_t, double> zone_slope_deg;  ///< [[pit.zone]]: zone id -> slope
  std::int64_t pattern_offsets = 0;
  std::int64_t pattern_over_mined_offsets = 0;  ///< sector cones: offsets beyond the cone
  double marginal_cutoff_gpt = 0;
  double breakeven_cutoff_gpt = 0;                        ///< with the top-bench mining cost
  std::vector<std::pair<std::string, double>> economics;  ///< option name, value (echo)
  std::vector<double> production_rates_t_per_y;
  PitSummary joint;
  std::vector<LinePits> lines;
  std::vector<pit::PitRow> pit_by_pit;  ///< nested joint pits by revenue factor
  // Per-block membership, for blocks.csv and pit_surface.csv.
  std::vector<std::int64_t> joint_mined;                             ///< ascending ids
  std::vector<std::array<std::vector<std::int64_t>, 2>> side_mined;  ///< per line, side A/B
  std::vector<double> revenue_factors;
  std::vector<std::int64_t> shell;  ///< per block: index of the smallest factor mining it, -1
  std::vector<economics::Destination> destination;  ///< per block, from the marginal cut-off
};

/// Values blocks (economics), builds the slope pattern (minimum search) and solves the joint
/// pit and, for each chosen line, the pit of each side with the line as a wall: a side may
/// mine a block only under the straddling rule (forbidden: wholly on its side; majority: more
/// than half; shared: any part, value scaled by its fraction). Block values are whole USD
/// (rounded) for the integer solver; walls are values below minus the sum of all gains.
/// `zone_ids` (per block, or null) selects the slope of [[pit.zone]] entries.
BorderPits run_border_pits(const BlockGrid& grid, const std::vector<double>& grade_gpt,
                           const std::vector<double>& tonnes,
                           const std::vector<border::LineResult>& lines,
                           const economics::EconomicsOptions& economics, const PitOptions& options,
                           const std::vector<std::int64_t>* zone_ids = nullptr);

/// Each block's slope zone from the model column `column` (whole numbers; a missing value is
/// blockmodel::kMissingInt); input.bad_zone at `where` for a fractional zone id.
std::vector<std::int64_t> block_zones(const blockmodel::BlockModel& model,
                                      const std::string& column, const InputLocation& where);

}  // namespace lodeline::borderpit
