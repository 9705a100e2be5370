// SPDX-License-Identifier: Apache-2.0
// Option tables of [project], [report], [pit], [monte_carlo] and [variogram].
#include "lodeline/pipeline/project_tables.hpp"

#include <fmt/format.h>

#include "lodeline/pipeline/project.hpp"

namespace lodeline::pipeline {

namespace {

using options::Kind;
using options::Spec;
using options::Value;

Spec bounded(std::string key, Kind kind, std::string help, double min, double max) {
  Spec s = options::spec(std::move(key), kind, std::move(help));
  s.min = min;
  s.max = max;
  return s;
}

Spec positive_list(std::string key, std::string unit, std::string help) {
  Spec s = options::spec(std::move(key), Kind::numbers, std::move(help));
  s.unit = std::move(unit);
  s.min = 0;
  s.min_open = true;
  s.max_items = options::kAnyCount;
  return s;
}

/// A length in metres >= 0 where 0 has a meaning of its own.
Spec metres_or_zero(std::string key, std::string help, std::string zero_means) {
  Spec s = options::spec(std::move(key), Kind::number, std::move(help));
  s.unit = "m";
  s.min = 0;
  s.zero_means = std::move(zero_means);
  return s;
}

options::Option<Project> path_option(Spec s, std::filesystem::path Project::*member) {
  return options::custom<Project>(
      std::move(s), [member](const Project& p) { return Value((p.*member).string()); },
      [member](Project& p, const Value& v) { p.*member = std::get<std::string>(v); });
}

}  // namespace

const options::Table<Project>& project_table() {
  using P = Project;
  static const options::Table<P> table = [] {
    Spec crs = options::spec("crs", Kind::text,
                             "project CRS: EPSG code, WKT or PROJ string (projected, metres)");
    crs.default_text = "the grid JSON's crs";
    return options::Table<P>{"project",
                             "Project",
                             {options::member<P>(
                                  options::spec("name", Kind::text, "shown on every report"),
                                  [](auto& p) -> auto& { return p.name; }),
                              options::member<P>(
                                  options::spec("synthetic", Kind::flag,
                                                "the data is synthetic: said on every report page"),
                                  [](auto& p) -> auto& { return p.synthetic; }),
                              options::member<P>(
                                  crs, [](auto& p) -> auto& { return p.crs; }),
                              options::member<P>(
                                  bounded("threads", Kind::whole,
                                          "worker threads, as --threads (with both, the smaller "
                                          "count); outputs do not depend on it",
                                          0, 1024),
                                  [](auto& p) -> auto& { return p.threads; })},
                             {}};
  }();
  return table;
}

const options::Table<Project>& report_table() {
  using P = Project;
  static const options::Table<P> table = [] {
    Spec cutoffs = positive_list("cutoffs_gpt", "g/t", "cut-off grades of the resource tables");
    cutoffs.min_open = false;
    Spec out = options::spec("out", Kind::text, "output folder, relative to the project file");
    Spec offset =
        metres_or_zero("claim_offset_max_m", "claim offsets are searched within plus or minus this",
                       "the model extent's diagonal");
    return options::Table<P>{"report",
                             "Report",
                             {options::member<P>(
                                  cutoffs, [](auto& p) -> auto& { return p.cutoffs_gpt; }),
                              path_option(out, &Project::out_dir),
                              options::member<P>(
                                  offset, [](auto& p) -> auto& { return p.claim_offset_max_m; })},
                             {}};
  }();
  return table;
}

const options::Table<Project>& model_table() {
  using P = Project;
  static const options::Table<P> table = [] {
    Spec density =
        options::spec("density", Kind::text, "model column holding each block's density");
    density.default_text = "none (density_t_m3)";
    Spec density_t_m3 =
        options::spec("density_t_m3", Kind::number, "one density for every block (no column)");
    density_t_m3.unit = "t/m3";
    density_t_m3.min = 0;
    density_t_m3.min_open = true;
    density_t_m3.default_text = "none";
    Spec position = options::spec("position", Kind::choice, "what a CSV model's x, y, z give");
    position.choices = {{"centroid", {}, "block centroids"},
                        {"corner", {}, "the lower-left-bottom corner of each block"},
                        {"ijk", {}, "grid indices i, j, k"}};
    return options::Table<P>{"model",
                             "Block model",
                             {options::member<P>(
                                  options::spec("grade", Kind::text, "grade column (g/t)"),
                                  [](auto& p) -> auto& { return p.grade_column; }),
                              options::member<P>(
                                  density, [](auto& p) -> auto& { return p.density_column; }),
                              options::member<P>(
                                  density_t_m3, [](auto& p) -> auto& { return p.density_t_m3; }),
                              options::member<P>(
                                  position, [](auto& p) -> auto& { return p.model_position; })},
                             {}};
  }();
  return table;
}

namespace {

std::optional<std::string> revenue_factors_rising(const PitOptions& o) {
  const auto& f = o.revenue_factors;
  for (std::size_t k = 1; k < f.size(); ++k)
    if (!(f[k] > f[k - 1]))
      return fmt::format(
          "'revenue_factors' holds {} after {}, expected strictly increasing "
          "factors",
          f[k], f[k - 1]);
  return std::nullopt;
}

}  // namespace

const options::Table<PitOptions>& pit_table() {
  using O = PitOptions;
  static const options::Table<O> table = [] {
    Spec slope = bounded("slope_deg", Kind::number, "overall slope angle of the pit walls", 0, 90);
    slope.unit = "deg";
    slope.min_open = slope.max_open = true;
    Spec straddling =
        options::spec("straddling", Kind::choice, "what a side may mine of a block the line cuts");
    straddling.choices = {{"forbidden", {}, "only blocks wholly on its side"},
                          {"majority", {}, "blocks more than half on its side"},
                          {"shared", {}, "any part, value scaled by its fraction"}};
    Spec zone = options::spec("zone_column", Kind::text,
                              "model column holding each block's slope zone id ([[pit.zone]])");
    zone.default_text = "none";
    return options::Table<O>{
        "pit",
        "Pits (joint and per side)",
        {options::member<O>(
             slope, [](auto& o) -> auto& { return o.slope_deg; }),
         options::member<O>(
             bounded("benches", Kind::whole,
                     "benches the slope pattern reaches down (minimum search)", 1, 100),
             [](auto& o) -> auto& { return o.benches; }),
         options::member<O>(
             straddling, [](auto& o) -> auto& { return o.straddling; }),
         options::member<O>(
             positive_list("production_rates_t_per_y", "t/y",
                           "mine lives are reported at these ore rates"),
             [](auto& o) -> auto& { return o.production_rates_t_per_y; }),
         options::member<O>(
             positive_list("revenue_factors", "",
                           "nested pits of the joint case (pit-by-pit table)"),
             [](auto& o) -> auto& { return o.revenue_factors; }),
         options::member<O>(
             zone, [](auto& o) -> auto& { return o.zone_column; })},
        {{"revenue_factors", revenue_factors_rising}}};
  }();
  return table;
}

const options::Table<border::MonteCarloOptions>& monte_carlo_table() {
  using O = border::MonteCarloOptions;
  static const options::Table<O> table{
      "monte_carlo",
      "Monte Carlo of the lines' position errors",
      {options::member<O>(
           bounded("draws", Kind::whole, "draws of every line", 2, 1e8),
           [](auto& o) -> auto& { return o.draws; }),
       options::member<O>(
           bounded("seed", Kind::whole, "random seed (same seed, same bytes)", 0,
                   9007199254740992.0),
           [](auto& o) -> auto& { return o.seed; }),
       options::member<O>(
           bounded("tile_columns", Kind::whole,
                   "block columns per tile side (the unit of recomputation)", 1, 4096),
           [](auto& o) -> auto& { return o.tile_columns; })},
      {}};
  return table;
}

const options::Table<EstimationConfig>& variogram_fit_table() {
  using C = EstimationConfig;
  static const options::Table<C> table = [] {
    Spec lag = metres_or_zero("lag_m", "lag width of the experimental variograms",
                              "5 x the composite length");
    Spec lags = bounded("lags", Kind::whole, "number of lags", 0, 1000);
    lags.zero_means = "12";
    Spec tolerance = bounded("tolerance_deg", Kind::number, "angular tolerance", 0, 90);
    tolerance.unit = "deg";
    tolerance.min_open = true;
    Spec band = metres_or_zero("bandwidth_m", "bandwidth of the directions", "unlimited");
    return options::Table<C>{"variogram",
                             "Variogram fit (project)",
                             {options::member<C>(
                                  options::spec("fit", Kind::flag,
                                                "fit sills and ranges to the composites along the "
                                                "model's three axes (weighted least squares)"),
                                  [](auto& c) -> auto& { return c.fit_variogram; }),
                              options::member<C>(
                                  lag, [](auto& c) -> auto& { return c.fit_lag_m; }),
                              options::member<C>(
                                  lags, [](auto& c) -> auto& { return c.fit_lags; }),
                              options::member<C>(
                                  tolerance, [](auto& c) -> auto& { return c.fit_tolerance_deg; }),
                              options::member<C>(
                                  band, [](auto& c) -> auto& { return c.fit_bandwidth_m; })},
                             {{"lags", [](const C& c) -> std::optional<std::string> {
                                 if (c.fit_lags == 0 || c.fit_lags >= 2) return std::nullopt;
                                 return fmt::format("'lags' is {}, expected 0 (= 12) or at least 2",
                                                    c.fit_lags);
                               }}}};
  }();
  return table;
}

}  // namespace lodeline::pipeline
