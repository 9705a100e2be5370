// SPDX-License-Identifier: Apache-2.0
// Layers: lines, both sides' territories per line, the licence per side, disputed ground (per
// group of lines with the same sides: undisputed X, undisputed Y, disputed), pit outlines (joint
// and each side's, the union of the columns each mines), surveyed pillars and their 95 % error
// ellipses. Bands per column: metal above the headline cut-off (t/m2), side-A fraction per
// line, pit depth per pit. 95 % ellipse of a 2-D normal: semi-axes sqrt(chi2(2, 0.95) * lambda)
// with chi2(2, 0.95) = -2 ln 0.05 (the chi-square with 2 degrees of freedom is exponential).
#include "lodeline/report/gis_outputs.hpp"

#include <cmath>
#include <numbers>

#include "lodeline/core/error.hpp"
#include "lodeline/geo/geos_ops.hpp"
#include "lodeline/geo/gis_write.hpp"
#include "lodeline/report/pit_columns.hpp"

namespace lodeline::report {
namespace {

using geo::GisFeature;
using geo::GisLayer;
using pipeline::RunResult;

/// Side A's territory as split, side B's as the rest of the model extent.
std::array<MultiPolygon, 2> side_territories(const border::LineResult& s,
                                             const MultiPolygon& extent) {
  return {s.split.territory_left,
          geo::polygon_overlay(extent, s.split.territory_left, geo::Overlay::difference)};
}

GisLayer lines_layer(const RunResult& r) {
  GisLayer layer{"lines",
                 GisLayer::Kind::line,
                 {"scenario", "kind", "source", "date", "side_a", "side_b"},
                 {},
                 {}};
  for (const auto& s : r.scenarios) {
    const auto& sc = s.scenario;
    layer.features.push_back(
        {sc.line, {sc.name, sc.kind, sc.source, sc.date, sc.side_a, sc.side_b}, {}});
  }
  return layer;
}

GisLayer territories_layer(const RunResult& r, const MultiPolygon& extent) {
  GisLayer layer{
      "territories", GisLayer::Kind::polygon, {"scenario", "side", "side_name"}, {"area_m2"}, {}};
  for (const auto& s : r.scenarios) {
    const auto sides = side_territories(s, extent);
    const std::array<std::string, 2> names{s.scenario.side_a, s.scenario.side_b};
    for (std::size_t k = 0; k < 2; ++k)
      layer.features.push_back(
          {sides[k], {s.scenario.name, k == 0 ? "A" : "B", names[k]}, {geo::area_m2(sides[k])}});
  }
  return layer;
}

GisLayer licence_layer(const RunResult& r, const MultiPolygon& extent) {
  GisLayer layer{"licence_by_side",
                 GisLayer::Kind::polygon,
                 {"scenario", "side", "side_name"},
                 {"area_m2"},
                 {}};
  for (const auto& s : r.scenarios) {
    const auto sides = side_territories(s, extent);
    const std::array<std::string, 2> names{s.scenario.side_a, s.scenario.side_b};
    for (std::size_t k = 0; k < 2; ++k) {
      auto part = geo::polygon_overlay(r.licence, sides[k], geo::Overlay::intersection);
      const double area = geo::area_m2(part);
      layer.features.push_back(
          {std::move(part), {s.scenario.name, k == 0 ? "A" : "B", names[k]}, {area}});
    }
  }
  return layer;
}

/// The names of the pits in pit_membership()'s bit order.
std::vector<std::string> pit_names(const borderpit::BorderPits& ps) {
  std::vector<std::string> names{"joint"};
  for (const auto& l : ps.lines) {
    names.push_back(l.scenario + "_a");
    names.push_back(l.scenario + "_b");
  }
  return names;
}

Polygon column_square(const BlockGrid& g, std::int64_t i, std::int64_t j) {
  const double x0 = static_cast<double>(i) * g.block_size_m[0];
  const double y0 = static_cast<double>(j) * g.block_size_m[1];
  const double x1 = x0 + g.block_size_m[0], y1 = y0 + g.block_size_m[1];
  return {{g.to_world({x0, y0}), g.to_world({x1, y0}), g.to_world({x1, y1}), g.to_world({x0, y1})}};
}

GisLayer pit_outline_layer(const RunResult& r, const std::vector<std::int64_t>& lowest) {
  const auto names = pit_names(*r.pits);
  GisLayer layer{"pit_outlines", GisLayer::Kind::polygon, {"pit"}, {"area_m2"}, {}};
  const BlockGrid& g = r.grid;
  for (std::size_t p = 0; p < names.size(); ++p) {
    MultiPolygon cells;
    for (std::int64_t j = 0; j < g.ny(); ++j)
      for (std::int64_t i = 0; i < g.nx(); ++i)
        if (lowest[static_cast<std::size_t>(g.column_index(i, j)) * names.size() + p] >= 0)
          cells.push_back(column_square(g, i, j));
    auto outline = geo::dissolve(cells);
    const double area = geo::area_m2(outline);
    layer.features.push_back({std::move(outline), {names[p]}, {area}});
  }
  return layer;
}

/// 95 % ellipse of a pillar's mean position, as a 72-gon.
MultiPolygon error_ellipse(const survey::Pillar& p) {
  const double a = p.cov_ee_m2, b = p.cov_en_m2, c = p.cov_nn_m2;
  const double mid = 0.5 * (a + c), half = std::sqrt(0.25 * (a - c) * (a - c) + b * b);
  const double scale = -2.0 * std::log(0.05);
  const double major = std::sqrt(scale * (mid + half)),
               minor = std::sqrt(scale * std::max(0.0, mid - half));
  const double angle = 0.5 * std::atan2(2 * b, a - c);
  Ring ring;
  for (int k = 0; k < 72; ++k) {
    const double t = 2 * std::numbers::pi * k / 72;
    const double u = major * std::cos(t), v = minor * std::sin(t);
    ring.push_back({p.e_m + u * std::cos(angle) - v * std::sin(angle),
                    p.n_m + u * std::sin(angle) + v * std::cos(angle)});
  }
  return {{ring}};
}

std::array<GisLayer, 2> pillar_layers(const RunResult& r) {
  GisLayer points{"pillars",
                  GisLayer::Kind::point,
                  {"scenario", "pillar"},
                  {"sd_e_m", "sd_n_m", "cov_en_m2"},
                  {}};
  GisLayer ellipses{"pillar_ellipses_95", GisLayer::Kind::polygon, {"scenario", "pillar"}, {}, {}};
  for (const auto& s : r.surveys)
    for (const auto& p : s.result.line.pillars) {
      points.features.push_back({Point2{p.e_m, p.n_m},
                                 {s.scenario, p.name},
                                 {std::sqrt(p.cov_ee_m2), std::sqrt(p.cov_nn_m2), p.cov_en_m2}});
      ellipses.features.push_back({error_ellipse(p), {s.scenario, p.name}, {}});
    }
  return {std::move(points), std::move(ellipses)};
}

geo::ColumnBand metal_band(const RunResult& r) {
  const BlockGrid& g = r.grid;
  const auto ncol = static_cast<std::size_t>(g.column_count());
  const double cutoff = r.cutoffs_gpt.front();
  std::vector<double> metal_t(ncol, 0.0);
  for (std::size_t b = 0; b < r.grade_gpt.size(); ++b)
    if (r.grade_gpt[b] >= cutoff) metal_t[b % ncol] += r.tonnes[b] * r.grade_gpt[b] / 1e6;
  for (auto& m : metal_t) m /= g.block_area_m2();
  return {"metal_t_per_m2", std::move(metal_t)};
}

std::vector<geo::ColumnBand> column_bands(const RunResult& r,
                                          const std::vector<std::int64_t>& lowest) {
  std::vector<geo::ColumnBand> bands{metal_band(r)};
  for (const auto& s : r.scenarios)
    bands.push_back({"fraction_a_" + s.scenario.name, s.split.fraction_left});
  if (!r.pits) return bands;
  const auto names = pit_names(*r.pits);
  const auto ncol = static_cast<std::size_t>(r.grid.column_count());
  for (std::size_t p = 0; p < names.size(); ++p) {
    std::vector<double> depth_m(ncol, 0.0);
    for (std::size_t c = 0; c < ncol; ++c) {
      const std::int64_t k = lowest[c * names.size() + p];
      if (k >= 0) depth_m[c] = static_cast<double>(r.grid.nz() - k) * r.grid.block_size_m[2];
    }
    bands.push_back({"pit_depth_m_" + names[p], std::move(depth_m)});
  }
  return bands;
}

const border::LineResult& line_named(const RunResult& r, const std::string& name) {
  for (const auto& s : r.scenarios)
    if (s.scenario.name == name) return s;
  throw Error("internal.disputed", "a disputed-ground group names an unknown line " + name);
}

/// Per group of lines with the same two sides: the ground every line gives to side X, the
/// ground every line gives to side Y, and the rest (disputed).
GisLayer disputed_layer(const RunResult& r, const MultiPolygon& extent) {
  GisLayer layer{"disputed_ground",
                 GisLayer::Kind::polygon,
                 {"lines", "ground", "side_name"},
                 {"area_m2"},
                 {}};
  for (const auto& d : r.disputed) {
    std::string lines;
    std::array<MultiPolygon, 2> all{extent, extent};  // side X's, side Y's
    for (const auto& name : d.lines) {
      const auto& s = line_named(r, name);
      const auto sides = side_territories(s, extent);
      const std::size_t x = s.scenario.side_a == d.side_x ? 0 : 1;
      all[0] = geo::polygon_overlay(all[0], sides[x], geo::Overlay::intersection);
      all[1] = geo::polygon_overlay(all[1], sides[1 - x], geo::Overlay::intersection);
      lines += (lines.empty() ? "" : ",") + name;
    }
    auto disputed =
        geo::polygon_overlay(extent, geo::polygon_overlay(all[0], all[1], geo::Overlay::union_of),
                             geo::Overlay::difference);
    const std::array<std::pair<const char*, const std::string*>, 2> names{
        {{"undisputed_x", &d.side_x}, {"undisputed_y", &d.side_y}}};
    for (std::size_t k = 0; k < 2; ++k) {
      const double area = geo::area_m2(all[k]);
      layer.features.push_back(
          {std::move(all[k]), {lines, names[k].first, *names[k].second}, {area}});
    }
    const double area = geo::area_m2(disputed);
    layer.features.push_back({std::move(disputed), {lines, "disputed", ""}, {area}});
  }
  return layer;
}

/// The lines and territories layers (already built for the GeoPackage) as one layer, for
/// territories.geojson.
GisLayer territories_with_lines(const GisLayer& lines, const GisLayer& territories) {
  GisLayer all{
      "territories", GisLayer::Kind::polygon, {"scenario", "role", "side", "side_name"}, {}, {}};
  for (const auto& f : lines.features)
    all.features.push_back({f.geometry, {f.text[0], "line", "", ""}, {}});
  for (const auto& f : territories.features)
    all.features.push_back({f.geometry, {f.text[0], "territory", f.text[1], f.text[2]}, {}});
  return all;
}

}  // namespace

GisFiles gis_files(const RunResult& r, const std::vector<std::uint32_t>& in_pit) {
  const MultiPolygon extent = pipeline::model_extent(r.grid);
  std::vector<std::int64_t> lowest;
  if (r.pits) lowest = lowest_mined_k(r.grid, 1 + 2 * r.pits->lines.size(), in_pit);
  std::vector<GisLayer> layers{lines_layer(r), territories_layer(r, extent)};
  if (!r.licence.empty()) layers.push_back(licence_layer(r, extent));
  if (!r.disputed.empty()) layers.push_back(disputed_layer(r, extent));
  if (r.pits) layers.push_back(pit_outline_layer(r, lowest));
  if (!r.surveys.empty())
    for (auto& l : pillar_layers(r)) layers.push_back(std::move(l));
  GisFiles out;
  out.geopackage = geo::geopackage_bytes(layers, r.crs);
  out.geotiff = geo::geotiff_bytes(r.grid, column_bands(r, lowest), r.crs);
  out.territories = geo::rfc7946_geojson(territories_with_lines(layers[0], layers[1]), r.crs);
  return out;
}

}  // namespace lodeline::report
