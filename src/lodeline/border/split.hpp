// SPDX-License-Identifier: Apache-2.0
// Exact plan-view fraction of every block column on each side of a line, and inside a polygon.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::border {

/// Maps a vertex index of the input line to its place in the input file (for errors).
using VertexLocator = std::function<InputLocation(std::int64_t vertex)>;

/// A column straddles iff kStraddleTolerance < f < 1 - kStraddleTolerance.
inline constexpr double kStraddleTolerance = 1e-9;

struct ColumnCounts {
  std::int64_t full_left = 0;
  std::int64_t full_right = 0;
  std::int64_t straddling = 0;
};
ColumnCounts count_columns(const std::vector<double>& fraction_left);

struct SplitResult {
  /// Per column (index i + nx*j): fraction of the column footprint LEFT of the line.
  std::vector<double> fraction_left;
  /// The part of the model extent left of the line, as polygons in world coordinates.
  MultiPolygon territory_left;
  double area_left_m2 = 0;
  double area_right_m2 = 0;
  ColumnCounts counts;
  /// How many times the line enters the model extent.
  std::int64_t pieces = 0;
};

/// The closed boundary of the side-A region inside the model extent, in grid-local coordinates
/// (metres from the grid origin along its axes): the pieces of the line inside the extent and
/// the arcs of the extent's edge that close them counter-clockwise.
struct SideBoundary {
  struct Edge {
    Point2 a, b;
  };
  std::vector<Edge> edges;
  /// The side-A region as polygons in world coordinates.
  MultiPolygon territory_left;
  /// How many times the line enters the model extent.
  std::int64_t pieces = 0;
};

/// The columns [i0, i0 + ni) x [j0, j0 + nj) of a grid.
struct ColumnWindow {
  std::int64_t i0 = 0, j0 = 0, ni = 0, nj = 0;
};

/// Clips `line` to the model extent and closes the side-A region (the geometry part of
/// split_columns, same checks and errors). Cost O(vertices).
SideBoundary side_a_boundary(const BlockGrid& grid, const Polyline& line,
                             const VertexLocator& locate = {});

/// Exact side-A fractions of the columns of `window` only (index (i - i0) + ni*(j - j0)),
/// integrated from the boundary of the WHOLE side-A region, so they equal split_columns' values
/// for those columns (to rounding). Cost O(window columns + boundary crossings in the window's
/// column range). Throws internal.split for a window outside the grid.
void window_fractions(const BlockGrid& grid, const SideBoundary& boundary,
                      const ColumnWindow& window, std::vector<double>& out);

/// Splits the plan footprint of every block column by `line` (world coordinates in the
/// grid's CRS; side LEFT = left of the line walked from its first to its last vertex).
/// The line must start and end outside (or on the edge of) the model extent and must be
/// simple (checked by the caller with GEOS). Method: the line is clipped to the extent, the
/// left region is closed by arcs of the extent boundary, and each column's covered area is
/// the exact Green's-theorem integral -closed_integral(clamp(y - y_j, 0, dy) dx) accumulated
/// over the cells the boundary passes through; all other columns are filled by one running
/// sum per row, so the cost is O(columns + boundary crossings).
/// Errors: geometry.too_few_vertices, geometry.not_finite, geometry.border_misses_model,
/// geometry.line_ends_inside, geometry.inconsistent_sides.
/// Throws resource.memory (located at `grid_file`) when splitting `grid` would exceed the
/// memory budget; split_columns() checks it too, without a location.
void require_split_memory(const BlockGrid& grid, const InputLocation& grid_file);

SplitResult split_columns(const BlockGrid& grid, const Polyline& line,
                          const VertexLocator& locate = {});

/// Exact fraction of every column footprint inside `region` (world coordinates; holes
/// allowed; ring orientation is normalised). Same method as split_columns.
std::vector<double> polygon_fractions(const BlockGrid& grid, const MultiPolygon& region);

}  // namespace lodeline::border
