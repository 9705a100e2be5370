// SPDX-License-Identifier: Apache-2.0
// Disputed ground between lines: what every line gives to one side, to the other, and the rest.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "lodeline/border/split.hpp"
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

}  // namespace lodeline::border
