// SPDX-License-Identifier: Apache-2.0
// Per-side resource tallies: area, ore tonnes, grade and contained metal above cut-offs.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "lodeline/core/block_grid.hpp"

namespace lodeline::border {

/// Tonnes and metal above one cut-off.
struct GradeTonnage {
  double cutoff_gpt = 0;
  double ore_t = 0;
  double metal_g = 0;
  [[nodiscard]] double grade_gpt() const { return ore_t > 0 ? metal_g / ore_t : 0.0; }
};

struct SideTally {
  double area_m2 = 0;          ///< plan area of the model extent on this side
  double model_area_m2 = 0;    ///< plan area of mineralised columns (any block with grade)
  std::vector<GradeTonnage> by_cutoff;
};

/// Blocks given as grade (g/t; NaN = no block) and tonnes per block; the column fraction on
/// side A from split_columns. Straddling blocks contribute by fraction.
struct TallyInput {
  const BlockGrid* grid = nullptr;
  const std::vector<double>* grade_gpt = nullptr;
  const std::vector<double>* tonnes = nullptr;
  std::vector<double> cutoffs_gpt;
};

/// Tally of the whole model (fraction = 1) or of side A / side B for a split.
SideTally tally_total(const TallyInput& in);
/// [0] = side A (fraction_left), [1] = side B (1 - fraction_left).
std::array<SideTally, 2> tally_sides(const TallyInput& in, const std::vector<double>& fraction_left);
/// Tally of any region given as a fraction of every column (e.g. ground two lines dispute).
SideTally tally_weighted(const TallyInput& in, const std::vector<double>& column_fraction);

}  // namespace lodeline::border
