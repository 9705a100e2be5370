// SPDX-License-Identifier: Apache-2.0
// Per-side resource tallies.
#include "lodeline/border/tally.hpp"

#include <array>
#include <cmath>

namespace lodeline::border {
namespace {

// weight(column) -> share of that column counted; one pass over all blocks.
template <typename Weight>
SideTally tally(const TallyInput& in, Weight&& weight) {
  const BlockGrid& g = *in.grid;
  SideTally out;
  for (double c : in.cutoffs_gpt) out.by_cutoff.push_back({c, 0, 0});
  const std::int64_t ncol = g.column_count();
  std::vector<char> mineralised(static_cast<std::size_t>(ncol), 0);
  for (std::int64_t k = 0; k < g.nz(); ++k)
    for (std::int64_t col = 0; col < ncol; ++col) {
      const auto b = static_cast<std::size_t>(col + ncol * k);
      const double grade = (*in.grade_gpt)[b];
      if (std::isnan(grade)) continue;
      mineralised[static_cast<std::size_t>(col)] = 1;
      const double w = weight(col);
      if (w == 0) continue;
      const double t = (*in.tonnes)[b] * w;
      for (auto& gt : out.by_cutoff)
        if (grade >= gt.cutoff_gpt) {
          gt.ore_t += t;
          gt.metal_g += t * grade;
        }
    }
  for (std::int64_t col = 0; col < ncol; ++col) {
    const double w = weight(col);
    out.area_m2 += w * g.block_area_m2();
    if (mineralised[static_cast<std::size_t>(col)]) out.model_area_m2 += w * g.block_area_m2();
  }
  return out;
}

}  // namespace

SideTally tally_total(const TallyInput& in) {
  return tally(in, [](std::int64_t) { return 1.0; });
}

std::array<SideTally, 2> tally_sides(const TallyInput& in,
                                     const std::vector<double>& fraction_left) {
  return {tally(in, [&](std::int64_t c) { return fraction_left[static_cast<std::size_t>(c)]; }),
          tally(in, [&](std::int64_t c) { return 1.0 - fraction_left[static_cast<std::size_t>(c)]; })};
}

SideTally tally_weighted(const TallyInput& in, const std::vector<double>& column_fraction) {
  return tally(in, [&](std::int64_t c) { return column_fraction[static_cast<std::size_t>(c)]; });
}

}  // namespace lodeline::border
