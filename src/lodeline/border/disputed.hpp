// SPDX-License-Identifier: Apache-2.0
// Disputed ground between lines: what every line gives to one side, to the other, and the rest.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "lodeline/border/shares.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/border/tally.hpp"
#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::border {

/// One line's award of ground to side X (a side name all compared lines share).
struct AwardingLine {
  std::string name;
  const SplitResult* split = nullptr;
  bool x_is_left = true;  ///< side X is this line's side A (else its side B)
};

/// A region as exact per-column fractions and as polygons (world coordinates).
struct GroundRegion {
  std::vector<double> fraction;  ///< per column, index i + nx*j
  MultiPolygon polygon;
};

/// Ground one line gives to side X and the other to side Y.
struct DisputedPair {
  std::size_t first = 0, second = 0;  ///< indices into the lines
  GroundRegion x_by_first;            ///< first gives X, second gives Y
  GroundRegion x_by_second;           ///< second gives X, first gives Y
};

struct DisputedGround {
  GroundRegion undisputed_x;        ///< every line gives it to side X
  GroundRegion undisputed_y;        ///< every line gives it to side Y
  GroundRegion disputed;            ///< the rest of the model extent
  std::vector<DisputedPair> pairs;  ///< every pair (k < l) in line order
};

/// Exact disputed ground of two or more lines. With X_k the region line k gives to side X
/// (GEOS overlays of the territories within the model extent) and g_k its per-column
/// fraction: undisputed X = ∩ X_k, undisputed Y = extent \ ∪ X_k, disputed = the rest, each
/// with exact per-column fractions from polygon_fractions of the overlay. The area of the
/// intersection of two side-X regions is not min(g_k, g_l) per column in general (the lines
/// can cut a column in different places), so each pair uses the exact g_kl =
/// fraction(X_k ∩ X_l): first-only X = g_k - g_kl, second-only X = g_l - g_kl, disputed
/// between the two = g_k + g_l - 2 g_kl (per-column rounding noise clamped to [0, 1]).
/// Throws internal.disputed for fewer than two lines.
DisputedGround disputed_ground(const BlockGrid& grid, const std::vector<AwardingLine>& lines);

/// A region of ground with what it holds.
struct RegionTally {
  SideTally tally;
  double licence_area_m2 = NAN;  ///< NaN without a licence
};

/// Ground that lines sharing the same two side names give to one side, to the other, or
/// dispute.
struct DisputedResult {
  std::string side_x, side_y;
  std::vector<std::string> lines;
  RegionTally undisputed_x, undisputed_y, disputed;
  struct Pair {
    std::string first, second;
    RegionTally x_by_first;   ///< first gives it to side X, second to side Y
    RegionTally x_by_second;  ///< second gives it to side X, first to side Y
  };
  std::vector<Pair> pairs;
};

/// The groups of lines compared: the lines named in `named` (one group, in that order), or,
/// when `named` is empty, every group of two or more lines with the same two side names.
std::vector<std::vector<std::size_t>> disputed_groups(const std::vector<LineResult>& lines,
                                                      const std::vector<std::string>& named);

/// The disputed ground of every group, tallied with `tin` (and the licence area in each region
/// when `licence` is not empty). Groups run in parallel; results are in group order.
std::vector<DisputedResult> disputed_results(const std::vector<LineResult>& lines,
                                             const std::vector<std::vector<std::size_t>>& groups,
                                             const TallyInput& tin, const MultiPolygon& licence);

}  // namespace lodeline::border
