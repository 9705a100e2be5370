// SPDX-License-Identifier: Apache-2.0
// What a share can be about, as per-column totals, and the side-A amount of each for a split.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "lodeline/border/tally.hpp"
#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::border {

/// One quantity a share can be about, held per column: what the column holds when it lies
/// wholly on one side. A straddling column gives each side its fraction of that total (a
/// border is a vertical plane), so the side-A amount is sum_c fraction_left_c * total_c.
struct ColumnMeasure {
  std::string measure;               ///< "area", "ore", "metal", "pit_ore", "pit_metal", ...
  std::string unit;                  ///< "m2", "t", "g"
  double cutoff_gpt = NAN;           ///< the cut-off of an ore / metal measure; NaN for the others
  std::vector<double> column_total;  ///< per column, index i + nx*j
};

/// The measures of a split: column measures, and optionally the licence area, which is not a
/// column sum (a licence edge crosses columns): it is the exact area of licence ∩ side-A
/// territory (GEOS).
struct MeasureSet {
  const BlockGrid* grid = nullptr;
  std::vector<ColumnMeasure> columns;
  MultiPolygon licence;  ///< empty: no licence measure
  /// Licence area inside the model extent (the licence measure's total); set by make_measures.
  double licence_inside_m2 = 0;

  [[nodiscard]] bool has_licence() const { return !licence.empty(); }
  /// Column measures first, then "licence_area" when there is a licence.
  [[nodiscard]] std::size_t size() const { return columns.size() + (has_licence() ? 1 : 0); }
  [[nodiscard]] std::string name(std::size_t m) const;
  [[nodiscard]] std::string unit(std::size_t m) const;
  [[nodiscard]] double cutoff_gpt(std::size_t m) const;
  /// Side A + side B: the column totals summed, or the licence area inside the extent.
  [[nodiscard]] std::vector<double> totals() const;
};

/// Column totals over the blocks of every column: "area" (the column's plan area, so the
/// total is the model extent), and "ore" (t) and "metal" (g) above each cut-off of `in`, in
/// that order: area, ore@c0, metal@c0, ore@c1, metal@c1, ...
std::vector<ColumnMeasure> block_measures(const TallyInput& in);

/// Per-column tonnes and metal of the blocks flagged in `in_pit` (block index), e.g. the
/// joint pit's ore held fixed: "pit_ore" (t) and "pit_metal" (g).
std::vector<ColumnMeasure> pit_measures(const BlockGrid& grid, const std::vector<double>& grade_gpt,
                                        const std::vector<double>& tonnes,
                                        const std::vector<char>& in_pit);

/// A measure set with `licence` (world coordinates; may be empty) and its area inside the
/// model extent.
MeasureSet make_measures(const BlockGrid& grid, std::vector<ColumnMeasure> columns,
                         const MultiPolygon& licence);

/// Side-A amount of every measure (order of MeasureSet::size()) for column fractions left of a
/// line and its side-A territory (used only for the licence measure). Sums run over columns
/// in index order.
std::vector<double> side_a_amounts(const MeasureSet& measures,
                                   const std::vector<double>& fraction_left,
                                   const MultiPolygon& territory_left);

/// The model extent as a polygon in world coordinates.
MultiPolygon extent_polygon(const BlockGrid& grid);

}  // namespace lodeline::border
