// SPDX-License-Identifier: Apache-2.0
// Plain plan-view geometry values shared by every stage (no algorithms, no library types).
#pragma once

#include <vector>

namespace lodeline {

/// A plan point in the project CRS: x = easting, y = northing (metres).
struct Point2 {
  double x = 0;
  double y = 0;
  friend bool operator==(const Point2&, const Point2&) = default;
};

using Polyline = std::vector<Point2>;
/// A closed ring; the last point need not repeat the first.
using Ring = std::vector<Point2>;
/// rings[0] is the exterior, the rest are holes.
using Polygon = std::vector<Ring>;
using MultiPolygon = std::vector<Polygon>;

}  // namespace lodeline
