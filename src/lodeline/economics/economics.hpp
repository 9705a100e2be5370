// SPDX-License-Identifier: Apache-2.0
// Block economics: value of each block mined as ore or waste, break-even and marginal cut-offs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lodeline/core/block_grid.hpp"

namespace lodeline::economics {

/// Prices, recoveries and costs; every field in the unit its name says. Costs are per tonne
/// of material moved (mining) or of ore treated (processing, transport to the plant).
struct EconomicsOptions {
  double price_usd_per_oz = 1800;
  double recovery_frac = 0.90;          ///< metallurgical recovery
  double payability_frac = 0.995;       ///< share of recovered metal paid by the refiner
  double selling_cost_usd_per_oz = 5;   ///< refining, freight and selling, per payable oz
  double royalty_frac = 0;              ///< of net revenue
  double mining_cost_usd_per_t = 2.5;   ///< at the top bench
  double mining_cost_increase_usd_per_t_per_bench = 0;  ///< added per bench below the top
  double processing_cost_usd_per_t = 15;
  double transport_cost_usd_per_t = 0;  ///< ore to the plant (rail, truck)

  /// Throws input.bad_option naming the field for prices <= 0, fractions outside (0,1]
  /// (royalty in [0,1)), negative costs.
  void validate() const;
  /// Net revenue per gram of metal contained in ore: recovery x (price x payability - selling)
  /// x (1 - royalty), USD/g.
  [[nodiscard]] double net_usd_per_g_contained() const;
  /// Break-even cut-off (mining + processing + transport per t over net revenue per g), g/t.
  [[nodiscard]] double breakeven_cutoff_gpt(double mining_usd_per_t) const;
  /// Marginal (mill) cut-off for material already inside the pit: mining cost excluded, g/t.
  [[nodiscard]] double marginal_cutoff_gpt() const;
};

enum class Destination : std::int8_t { none = 0, waste = 1, mill = 2 };

struct BlockValues {
  std::vector<double> value_usd;        ///< best of mill and waste, mining cost included
  std::vector<double> revenue_usd;      ///< net revenue if milled (0 for absent blocks)
  std::vector<double> ore_cost_usd;     ///< processing + transport if milled
  std::vector<double> mining_cost_usd;  ///< mining cost of the block
  std::vector<Destination> destination; ///< mill when grade >= marginal cut-off
  double marginal_cutoff_gpt = 0;
  double breakeven_cutoff_gpt_top = 0;  ///< with the top-bench mining cost
};

/// Values every block of `grid` from its grade (g/t, NaN = absent: value 0, destination none)
/// and tonnes. Bench k's mining cost = top cost + increase x (nz - 1 - k).
BlockValues block_values(const BlockGrid& grid, const std::vector<double>& grade_gpt,
                         const std::vector<double>& tonnes, const EconomicsOptions& options);

}  // namespace lodeline::economics
