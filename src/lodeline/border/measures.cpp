// SPDX-License-Identifier: Apache-2.0
// Per-column measure totals and side-A amounts.
#include "lodeline/border/measures.hpp"

#include <fmt/format.h>

#include "lodeline/core/error.hpp"
#include "lodeline/geo/geos_ops.hpp"

namespace lodeline::border {

std::string MeasureSet::name(std::size_t m) const {
  return m < columns.size() ? columns[m].measure : std::string("licence_area");
}

std::string MeasureSet::unit(std::size_t m) const {
  return m < columns.size() ? columns[m].unit : std::string("m2");
}

double MeasureSet::cutoff_gpt(std::size_t m) const {
  return m < columns.size() ? columns[m].cutoff_gpt : NAN;
}

std::vector<double> MeasureSet::totals() const {
  std::vector<double> out;
  for (const auto& c : columns) {
    double t = 0;
    for (double v : c.column_total) t += v;
    out.push_back(t);
  }
  if (has_licence()) out.push_back(licence_inside_m2);
  return out;
}

std::vector<ColumnMeasure> block_measures(const TallyInput& in) {
  const BlockGrid& g = *in.grid;
  const auto ncol = static_cast<std::size_t>(g.column_count());
  std::vector<ColumnMeasure> out;
  out.push_back({"area", "m2", NAN, std::vector<double>(ncol, g.block_area_m2())});
  for (double c : in.cutoffs_gpt) {
    out.push_back({"ore", "t", c, std::vector<double>(ncol, 0.0)});
    out.push_back({"metal", "g", c, std::vector<double>(ncol, 0.0)});
  }
  for (std::int64_t k = 0; k < g.nz(); ++k)
    for (std::size_t col = 0; col < ncol; ++col) {
      const std::size_t b = col + ncol * static_cast<std::size_t>(k);
      const double grade = (*in.grade_gpt)[b];
      if (std::isnan(grade)) continue;
      const double t = (*in.tonnes)[b];
      for (std::size_t c = 0; c < in.cutoffs_gpt.size(); ++c)
        if (grade >= in.cutoffs_gpt[c]) {
          out[1 + 2 * c].column_total[col] += t;
          out[2 + 2 * c].column_total[col] += t * grade;
        }
    }
  return out;
}

std::vector<ColumnMeasure> pit_measures(const BlockGrid& grid, const std::vector<double>& grade_gpt,
                                        const std::vector<double>& tonnes,
                                        const std::vector<char>& in_pit) {
  const auto ncol = static_cast<std::size_t>(grid.column_count());
  std::vector<ColumnMeasure> out{{"pit_ore", "t", NAN, std::vector<double>(ncol, 0.0)},
                                 {"pit_metal", "g", NAN, std::vector<double>(ncol, 0.0)}};
  for (std::size_t b = 0; b < in_pit.size(); ++b) {
    if (!in_pit[b] || std::isnan(grade_gpt[b])) continue;
    const std::size_t col = b % ncol;
    out[0].column_total[col] += tonnes[b];
    out[1].column_total[col] += tonnes[b] * grade_gpt[b];
  }
  return out;
}

MultiPolygon extent_polygon(const BlockGrid& g) {
  const double w = static_cast<double>(g.nx()) * g.block_size_m[0];
  const double h = static_cast<double>(g.ny()) * g.block_size_m[1];
  return {{{g.to_world({0, 0}), g.to_world({w, 0}), g.to_world({w, h}), g.to_world({0, h})}}};
}

MeasureSet make_measures(const BlockGrid& grid, std::vector<ColumnMeasure> columns,
                         const MultiPolygon& licence) {
  MeasureSet ms;
  ms.grid = &grid;
  for (const auto& c : columns)
    if (c.column_total.size() != static_cast<std::size_t>(grid.column_count()))
      throw Error("internal.measures",
                  fmt::format("measure '{}' has {} column totals for {} columns", c.measure,
                              c.column_total.size(), grid.column_count()));
  ms.columns = std::move(columns);
  ms.licence = licence;
  if (!licence.empty())
    ms.licence_inside_m2 = geo::intersection_area_m2(licence, extent_polygon(grid));
  return ms;
}

std::vector<double> side_a_amounts(const MeasureSet& ms, const std::vector<double>& fraction_left,
                                   const MultiPolygon& territory_left) {
  std::vector<double> out;
  out.reserve(ms.size());
  for (const auto& c : ms.columns) {
    double a = 0;
    for (std::size_t col = 0; col < fraction_left.size(); ++col)
      a += fraction_left[col] * c.column_total[col];
    out.push_back(a);
  }
  if (ms.has_licence())
    out.push_back(territory_left.empty() ? 0.0
                                         : geo::intersection_area_m2(ms.licence, territory_left));
  return out;
}

}  // namespace lodeline::border
