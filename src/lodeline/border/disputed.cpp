// SPDX-License-Identifier: Apache-2.0
// Disputed ground from exact territory overlays and per-column fractions.
#include "lodeline/border/disputed.hpp"

#include <algorithm>

#include "lodeline/border/measures.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/core/parallel.hpp"
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

namespace {

RegionTally region_tally(const TallyInput& tin, const GroundRegion& g,
                         const MultiPolygon& licence) {
  RegionTally r;
  r.tally = tally_weighted(tin, g.fraction);
  if (!licence.empty())
    r.licence_area_m2 = g.polygon.empty() ? 0.0 : geo::intersection_area_m2(licence, g.polygon);
  return r;
}

bool same_sides(const Scenario& x, const Scenario& y) {
  return (x.side_a == y.side_a && x.side_b == y.side_b) ||
         (x.side_a == y.side_b && x.side_b == y.side_a);
}

DisputedResult disputed_result(const std::vector<LineResult>& lines,
                               const std::vector<std::size_t>& group, const TallyInput& tin,
                               const MultiPolygon& licence) {
  DisputedResult dr;
  dr.side_x = lines[group[0]].scenario.side_a;
  dr.side_y = lines[group[0]].scenario.side_b;
  std::vector<AwardingLine> awarding;
  for (const auto k : group) {
    const auto& s = lines[k];
    dr.lines.push_back(s.scenario.name);
    awarding.push_back({s.scenario.name, &s.split, s.scenario.side_a == dr.side_x});
  }
  const auto ground = disputed_ground(*tin.grid, awarding);
  dr.undisputed_x = region_tally(tin, ground.undisputed_x, licence);
  dr.undisputed_y = region_tally(tin, ground.undisputed_y, licence);
  dr.disputed = region_tally(tin, ground.disputed, licence);
  for (const auto& pr : ground.pairs)
    dr.pairs.push_back({dr.lines[pr.first], dr.lines[pr.second],
                        region_tally(tin, pr.x_by_first, licence),
                        region_tally(tin, pr.x_by_second, licence)});
  return dr;
}

}  // namespace

std::vector<std::vector<std::size_t>> disputed_groups(const std::vector<LineResult>& lines,
                                                      const std::vector<std::string>& named) {
  std::vector<std::vector<std::size_t>> groups;
  if (!named.empty()) {
    std::vector<std::size_t> group;
    for (const auto& name : named)
      for (std::size_t k = 0; k < lines.size(); ++k)
        if (lines[k].scenario.name == name) group.push_back(k);
    groups.push_back(group);
    return groups;
  }
  std::vector<bool> used(lines.size(), false);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (used[k]) continue;
    std::vector<std::size_t> group{k};
    for (std::size_t l = k + 1; l < lines.size(); ++l)
      if (!used[l] && same_sides(lines[k].scenario, lines[l].scenario)) {
        group.push_back(l);
        used[l] = true;
      }
    if (group.size() >= 2) groups.push_back(group);
  }
  return groups;
}

std::vector<DisputedResult> disputed_results(const std::vector<LineResult>& lines,
                                             const std::vector<std::vector<std::size_t>>& groups,
                                             const TallyInput& tin, const MultiPolygon& licence) {
  std::vector<DisputedResult> out(groups.size());
  parallel_for_index(groups.size(), [&](std::size_t g) {
    out[g] = disputed_result(lines, groups[g], tin, licence);
  });
  return out;
}

}  // namespace lodeline::border
