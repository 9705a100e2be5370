// SPDX-License-Identifier: Apache-2.0
// Pipeline runner for the resource split.
#include "lodeline/pipeline/run.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <cmath>

#include "lodeline/blockmodel/block_model_io.hpp"
#include "lodeline/geo/geos_ops.hpp"
#include "lodeline/geo/vector_file.hpp"
#include "lodeline/pipeline/border_pits.hpp"

#ifndef LODELINE_VERSION_TEXT
#define LODELINE_VERSION_TEXT "0.1.0"
#endif

namespace lodeline::pipeline {
namespace {

blockmodel::BlockModel load_model(const Project& p) {
  const std::string ext = p.model_file.extension().string();
  if (ext == ".lbm") return blockmodel::read_block_model_binary(p.model_file);
  if (ext == ".csv") {
    blockmodel::CsvModelOptions o;
    o.grid = p.grid;
    o.crs = p.crs.empty() ? p.grid_crs : p.crs;
    o.position = p.model_position == "corner" ? blockmodel::CsvModelOptions::corner
                 : p.model_position == "ijk"  ? blockmodel::CsvModelOptions::ijk
                                              : blockmodel::CsvModelOptions::centroid;
    return blockmodel::read_block_model_csv(p.model_file, o);
  }
  throw Error("input.bad_option",
              fmt::format("model file '{}' has extension '{}', expected .lbm or .csv",
                          p.model_file.string(), ext),
              {p.file.string()});
}

double rel_err(double part_sum, double total) {
  const double scale = std::max(std::abs(total), 1e-300);
  return std::abs(part_sum - total) / scale;
}

}  // namespace

ThreadScope::ThreadScope(int threads) {
  if (threads > 0)
    control_ = new tbb::global_control(tbb::global_control::max_allowed_parallelism,
                                       static_cast<std::size_t>(threads));
}
ThreadScope::~ThreadScope() { delete static_cast<tbb::global_control*>(control_); }

RunOutput run_project(const Project& p, bool check_only) {
  Diagnostics diag;
  RunOutput out;
  auto& r = out.report;
  r.project_name = p.name;
  r.synthetic = p.synthetic;
  r.version = LODELINE_VERSION_TEXT;
  r.cutoffs_gpt = p.cutoffs_gpt;
  r.base_dir = p.file.parent_path().lexically_normal();

  blockmodel::BlockModel model = load_model(p);
  if (p.crs.empty() && model.crs.empty())
    throw Error("crs.missing",
                "no CRS for the project, expected [project] crs = \"EPSG:...\" or a \"crs\" in the "
                "model's grid",
                {p.file.string()});
  r.crs = !p.crs.empty() ? geo::canonical_crs(p.crs, {p.file.string()})
                         : geo::canonical_crs(model.crs, {p.model_file.string()});
  if (!p.crs.empty() && !model.crs.empty() && geo::crs_name(model.crs) != geo::crs_name(p.crs))
    throw Error("crs.mismatch",
                fmt::format("the block model is in '{}' but the project CRS is '{}', expected the "
                            "same CRS",
                            geo::crs_name(model.crs), geo::crs_name(p.crs)),
                {p.model_file.string()});
  r.crs_name = geo::crs_name(r.crs);
  r.grid = model.grid;
  r.inputs.push_back({"project", p.file.string()});
  r.inputs.push_back({"model", p.model_file.string()});

  const auto& grade = model.f64(p.grade_column);
  out.grade_gpt = grade;
  out.tonnes.assign(grade.size(), 0.0);
  const double volume = model.grid.block_volume_m3();
  const std::vector<double>* density = p.density_column.empty() ? nullptr : &model.f64(p.density_column);
  std::int64_t missing_density = 0;
  for (std::size_t b = 0; b < grade.size(); ++b) {
    if (std::isnan(grade[b])) continue;
    if (grade[b] < 0)
      throw Error("input.bad_grade",
                  fmt::format("block {} has grade {} g/t, expected a value >= 0", b, grade[b]),
                  {p.model_file.string()});
    const double d = density ? (*density)[b] : p.density_t_m3;
    if (std::isnan(d)) {
      ++missing_density;
      continue;
    }
    out.tonnes[b] = volume * d;
  }
  if (missing_density > 0)
    throw Error("input.missing_density",
                fmt::format("{} blocks have a grade but no density in column '{}', expected a "
                            "density for every block with a grade",
                            missing_density, p.density_column),
                {p.model_file.string()});

  MultiPolygon licence;
  if (!p.licence_file.empty()) {
    licence = border::load_polygon(p.licence_file.string(), r.crs, diag);
    r.inputs.push_back({"licence", p.licence_file.string()});
  }
  std::vector<border::Scenario> scenarios = p.scenarios;
  for (auto& s : scenarios) {
    border::load_line(s, r.crs, diag);
    r.inputs.push_back({"line:" + s.name, s.file});
  }
  if (check_only) {
    // Lines must also cross the model: run the split geometry checks without tallies.
    for (const auto& s : scenarios)
      border::split_columns(model.grid, s.line, [&](std::int64_t v) {
        return geo::vertex_location(s.file, 0, v);
      });
    r.diagnostics = diag.items();
    return out;
  }

  border::TallyInput tin;
  tin.grid = &model.grid;
  tin.grade_gpt = &out.grade_gpt;
  tin.tonnes = &out.tonnes;
  tin.cutoffs_gpt = p.cutoffs_gpt;
  r.total = border::tally_total(tin);

  // Extent polygon, for licence areas.
  const BlockGrid& g = model.grid;
  const double w = static_cast<double>(g.nx()) * g.block_size_m[0];
  const double h = static_cast<double>(g.ny()) * g.block_size_m[1];
  const MultiPolygon extent{{{g.to_world({0, 0}), g.to_world({w, 0}), g.to_world({w, h}),
                              g.to_world({0, h})}}};
  if (!licence.empty()) {
    r.licence_area_m2 = geo::intersection_area_m2(licence, extent);
    r.licence_area_outside_m2 = geo::area_m2(licence) - r.licence_area_m2;
    if (r.licence_area_outside_m2 > 1e-6 * geo::area_m2(licence))
      diag.warn("geometry.licence_outside_model",
                fmt::format("{:.1f} m² of the licence lies outside the block model extent and is "
                            "not counted on either side",
                            r.licence_area_outside_m2),
                {p.licence_file.string()});
  }

  r.scenarios.resize(scenarios.size());
  tbb::parallel_for(std::size_t{0}, scenarios.size(), [&](std::size_t k) {
    auto& sr = r.scenarios[k];
    sr.scenario = scenarios[k];
    const auto& file = sr.scenario.file;
    sr.split = border::split_columns(g, sr.scenario.line,
                                     [&](std::int64_t v) { return geo::vertex_location(file, 0, v); });
    sr.sides = border::tally_sides(tin, sr.split.fraction_left);
    if (!licence.empty()) {
      sr.licence_area_m2[0] = geo::intersection_area_m2(licence, sr.split.territory_left);
      sr.licence_area_m2[1] = r.licence_area_m2 - sr.licence_area_m2[0];
    }
    double e = rel_err(sr.sides[0].area_m2 + sr.sides[1].area_m2, r.total.area_m2);
    for (std::size_t c = 0; c < p.cutoffs_gpt.size(); ++c) {
      const auto &a = sr.sides[0].by_cutoff[c], &b = sr.sides[1].by_cutoff[c], &t = r.total.by_cutoff[c];
      if (t.ore_t > 0) e = std::max(e, rel_err(a.ore_t + b.ore_t, t.ore_t));
      if (t.metal_g > 0) e = std::max(e, rel_err(a.metal_g + b.metal_g, t.metal_g));
    }
    sr.closure_rel_error = e;
  });
  for (const auto& s : r.scenarios) {
    if (s.closure_rel_error > 1e-9)
      throw Error("internal.closure",
                  fmt::format("line '{}': side A + side B differs from the total by {:.3e} "
                              "(relative)",
                              s.scenario.name, s.closure_rel_error));
    if (s.split.area_left_m2 == 0 || s.split.area_right_m2 == 0)
      diag.warn("geometry.one_sided",
                fmt::format("line '{}' leaves the whole model extent on one side", s.scenario.name),
                {s.scenario.file});
  }

  if (p.has_pits) {
    std::vector<std::int64_t> zones;
    if (!p.pit.zone_column.empty()) {
      const auto& col = model.column(p.pit.zone_column);
      if (col.type == blockmodel::ColumnType::int64) {
        zones = col.i64;
      } else {
        zones.reserve(col.f64.size());
        for (std::size_t b = 0; b < col.f64.size(); ++b) {
          const double z = col.f64[b];
          if (!std::isnan(z) && z != std::floor(z))
            throw Error("input.bad_zone",
                        fmt::format("block {} has zone {} in column '{}', expected a whole zone id", b, z,
                                    p.pit.zone_column),
                        {p.model_file.string()});
          zones.push_back(std::isnan(z) ? blockmodel::kMissingInt : static_cast<std::int64_t>(z));
        }
      }
    }
    r.pits = std::make_shared<const report::PitSection>(run_border_pits(
        g, out.grade_gpt, out.tonnes, r.scenarios, p.economics, p.pit, zones.empty() ? nullptr : &zones));
  }

  // Claims: for each claim, every matching (scenario, measure) where the claimed side exists.
  for (const auto& c : p.claims) {
    report::ClaimCheck cc{c.source, c.date, c.statement, c.side, c.measure, c.scenario,
                          c.share_pct, c.tolerance_pct, {}};
    for (const auto& s : r.scenarios) {
      if (!c.scenario.empty() && c.scenario != s.scenario.name) continue;
      int side = c.side == s.scenario.side_a ? 0 : (c.side == s.scenario.side_b ? 1 : -1);
      if (side < 0) continue;
      for (const char* m : report::kShareMeasures) {
        if (!c.measure.empty() && c.measure != m) continue;
        const auto sh = report::shares_pct(r, s, m);
        if (std::isnan(sh[0])) continue;
        const double v = sh[static_cast<std::size_t>(side)];
        cc.rows.push_back({s.scenario.name, m, v, std::abs(v - c.share_pct) <= c.tolerance_pct});
      }
    }
    if (cc.rows.empty())
      diag.warn("input.claim_unmatched",
                fmt::format("claim by '{}' names side '{}', which no line's side_a/side_b has",
                            c.source, c.side),
                {p.file.string()});
    r.claims.push_back(std::move(cc));
  }
  r.diagnostics = diag.items();
  return out;
}

void write_outputs(const Project& project, const RunOutput& output) {
  report::write_reports(project.out_dir, output.report, output.grade_gpt, output.tonnes);
}

}  // namespace lodeline::pipeline
