// SPDX-License-Identifier: Apache-2.0
// The GEOS operations lodeline needs, over plain geometry values (RAII inside, errors -> Error).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lodeline/core/geometry.hpp"

namespace lodeline::geo {

/// A place where a polyline touches or crosses itself: the two segment indices (segment s
/// joins vertices s and s+1) and a point of the intersection.
struct SelfIntersection {
  std::size_t segment_a = 0;
  std::size_t segment_b = 0;
  Point2 at;
};

/// GEOS decides whether the line is simple; when it is not, the first offending pair of
/// segments is located (for the error message). nullopt = simple.
std::optional<SelfIntersection> find_self_intersection(const Polyline& line);

/// GEOS's reason why a polygon is invalid, or "" when valid.
std::string polygon_invalid_reason(const MultiPolygon& polygon);

double area_m2(const MultiPolygon& polygon);
/// The centre of the polygon's area (GEOS); nothing for an empty polygon.
std::optional<Point2> centroid(const MultiPolygon& polygon);
/// True when the polygon covers the point (inside or on its boundary).
bool covers(const MultiPolygon& polygon, const Point2& point);
/// Area of the intersection of two (valid) polygons.
double intersection_area_m2(const MultiPolygon& a, const MultiPolygon& b);

/// Overlay of two valid polygons (GEOS): a ∩ b, a ∪ b or a \ b.
enum class Overlay { intersection, union_of, difference };
/// The polygonal part of the overlay (lower-dimensional parts where the inputs only touch are
/// dropped); rings without a repeated closing point.
MultiPolygon polygon_overlay(const MultiPolygon& a, const MultiPolygon& b, Overlay op);

/// The union of `parts`, which may touch or overlap (GEOS unary union): e.g. the outline of a
/// set of grid cells.
MultiPolygon dissolve(const MultiPolygon& parts);

/// Baseline for benchmarks: per-column fraction of each rectangle cell [x0+i*dx, ...] lying in
/// `region`: cells the prepared region contains count 1, cells it intersects get the
/// GEOSIntersection area, the rest 0.
std::vector<double> geos_cell_fractions(const MultiPolygon& region, double x0, double y0, double dx,
                                        double dy, std::int64_t nx, std::int64_t ny);

}  // namespace lodeline::geo
