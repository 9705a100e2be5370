// SPDX-License-Identifier: Apache-2.0
// Disputed ground from exact territory overlays and per-column fractions.
#include "lodeline/border/disputed.hpp"

#include <algorithm>

#include "lodeline/border/measures.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/geo/geos_ops.hpp"

namespace lodeline::border {
namespace {

using geo::Overlay;

GroundRegion region_of(const BlockGrid& grid, MultiPolygon polygon) {
  GroundRegion r;
  r.fraction = polygon.empty()
                   ? std::vector<double>(static_cast<std::size_t>(grid.column_count()), 0.0)
                   : polygon_fractions(grid, polygon);
  r.polygon = std::move(polygon);
  return r;
}

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

}  // namespace

DisputedGround disputed_ground(const BlockGrid& grid, const std::vector<AwardingLine>& lines) {
  if (lines.size() < 2) throw Error("internal.disputed", "disputed ground needs two lines or more");
  const MultiPolygon extent = extent_polygon(grid);
  const auto ncol = static_cast<std::size_t>(grid.column_count());
  // Side-X region and fractions of every line.
  std::vector<MultiPolygon> x_region;
  std::vector<std::vector<double>> g;
  for (const auto& l : lines) {
    if (!l.split) throw Error("internal.disputed", "a line without its split");
    if (l.x_is_left) {
      x_region.push_back(l.split->territory_left);
      g.push_back(l.split->fraction_left);
    } else {
      x_region.push_back(
          geo::polygon_overlay(extent, l.split->territory_left, Overlay::difference));
      std::vector<double> f(ncol);
      for (std::size_t c = 0; c < ncol; ++c) f[c] = 1 - l.split->fraction_left[c];
      g.push_back(std::move(f));
    }
  }
  auto overlay = [](const MultiPolygon& a, const MultiPolygon& b, Overlay op) {
    if (op == Overlay::intersection && (a.empty() || b.empty())) return MultiPolygon{};
    if (op == Overlay::union_of && a.empty()) return b;
    if (op == Overlay::union_of && b.empty()) return a;
    return geo::polygon_overlay(a, b, op);
  };
  DisputedGround out;
  MultiPolygon all_x = x_region[0], any_x = x_region[0];
  for (std::size_t k = 1; k < lines.size(); ++k) {
    all_x = overlay(all_x, x_region[k], Overlay::intersection);
    any_x = overlay(any_x, x_region[k], Overlay::union_of);
  }
  out.undisputed_x = region_of(grid, all_x);
  out.undisputed_y = region_of(grid, overlay(extent, any_x, Overlay::difference));
  out.disputed.polygon = overlay(any_x, all_x, Overlay::difference);
  out.disputed.fraction.resize(ncol);
  for (std::size_t c = 0; c < ncol; ++c)
    out.disputed.fraction[c] =
        clamp01(1 - out.undisputed_x.fraction[c] - out.undisputed_y.fraction[c]);

  for (std::size_t k = 0; k < lines.size(); ++k)
    for (std::size_t l = k + 1; l < lines.size(); ++l) {
      DisputedPair p;
      p.first = k;
      p.second = l;
      const MultiPolygon both = overlay(x_region[k], x_region[l], Overlay::intersection);
      const std::vector<double> gkl =
          both.empty() ? std::vector<double>(ncol, 0.0) : polygon_fractions(grid, both);
      p.x_by_first.fraction.resize(ncol);
      p.x_by_second.fraction.resize(ncol);
      for (std::size_t c = 0; c < ncol; ++c) {
        p.x_by_first.fraction[c] = clamp01(g[k][c] - gkl[c]);
        p.x_by_second.fraction[c] = clamp01(g[l][c] - gkl[c]);
      }
      p.x_by_first.polygon = overlay(x_region[k], x_region[l], Overlay::difference);
      p.x_by_second.polygon = overlay(x_region[l], x_region[k], Overlay::difference);
      out.pairs.push_back(std::move(p));
    }
  return out;
}

}  // namespace lodeline::border
