// SPDX-License-Identifier: Apache-2.0
// Drillholes -> composites -> variogram -> kriging -> classified block model, from project.toml.
#include "lodeline/pipeline/estimation.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "lodeline/blockmodel/block_model_io.hpp"
#include "lodeline/border/tally.hpp"
#include "lodeline/drillhole/option_table.hpp"
#include "lodeline/kriging/option_table.hpp"
#include "lodeline/options/bind.hpp"
#include "lodeline/pipeline/project_tables.hpp"
#include "lodeline/variogram/experimental.hpp"
#include "lodeline/variogram/fit.hpp"

namespace lodeline::pipeline {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::int64_t whole(const TomlReader& r, const toml::table& t, const char* key,
                   std::int64_t fallback, std::int64_t min_value) {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  const double v = r.num(t, key, 0);
  if (v != std::floor(v) || v < static_cast<double>(min_value) || v > 1e9)
    throw Error("input.bad_option",
                fmt::format("'{}' is {}, expected a whole number >= {}", key, v, min_value),
                r.where(*n));
  return static_cast<std::int64_t>(v);
}

double positive(const TomlReader& r, const toml::table& t, const char* key, double fallback) {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  const double v = r.num(t, key, 0);
  if (!(v > 0))
    throw Error("input.bad_option", fmt::format("'{}' is {}, expected a number > 0", key, v),
                r.where(*n));
  return v;
}

InputLocation at(const TomlReader& r, const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  return n ? r.where(*n) : r.where(t);
}

std::optional<double> opt_num(const TomlReader& r, const toml::table& t, const char* key) {
  if (!t.get(key)) return std::nullopt;
  return r.num(t, key, 0);
}

void parse_columns(const toml::table& cols, const TomlReader& r, drillhole::ColumnNames& n) {
  r.known_keys(cols, "drillholes.columns",
               {"hole_id", "x", "y", "z", "depth", "collar_azimuth", "collar_dip", "at", "azimuth",
                "dip", "from", "to"});
  const std::string hole = r.str(cols, "hole_id", "");
  n.collar_hole_id = n.survey_hole_id = n.interval_hole_id = hole;
  n.x = r.str(cols, "x", "");
  n.y = r.str(cols, "y", "");
  n.z = r.str(cols, "z", "");
  n.depth = r.str(cols, "depth", "");
  n.collar_azimuth = r.str(cols, "collar_azimuth", "");
  n.collar_dip = r.str(cols, "collar_dip", "");
  n.survey_at = r.str(cols, "at", "");
  n.survey_azimuth = r.str(cols, "azimuth", "");
  n.survey_dip = r.str(cols, "dip", "");
  n.from = r.str(cols, "from", "");
  n.to = r.str(cols, "to", "");
}

void parse_drillholes(const toml::table& t, const TomlReader& r,
                      const std::function<std::filesystem::path(const std::string&)>& resolve,
                      EstimationConfig& c) {
  options::read_toml(t, r.file(),
                     {options::bind(drillhole::drillholes_table(), c.drillholes),
                      options::bind(drillhole::desurvey_table(), c.desurvey)},
                     {"collars", "surveys", "assays", "value", "columns"});
  c.collars = resolve(r.str(t, "collars", "", true));
  c.surveys = resolve(r.str(t, "surveys", ""));
  c.assays = resolve(r.str(t, "assays", "", true));
  c.value = r.str(t, "value", c.value);
  c.drillholes.value_columns = {c.value};
  if (const auto* cols = r.table(t, "columns")) parse_columns(*cols, r, c.drillholes.columns);
  try {
    c.drillholes.validate();
  } catch (Error& e) {
    throw Error(e.code(), e.message(), r.where(t));
  }
}

void parse_composite(const toml::table& t, const TomlReader& r, EstimationConfig& c) {
  options::read_toml(t, r.file(), {options::bind(drillhole::composite_table(), c.composite)},
                     {"topcut"});
  if (const auto* caps = r.table(t, "topcut")) {
    for (const auto& [k, v] : *caps) {
      (void)v;
      const std::string name(k.str());
      drillhole::TopCut cut;
      cut.column = name;
      cut.cap = positive(r, *caps, name.c_str(), 0);
      c.composite.topcuts.push_back(cut);
    }
  }
}

void parse_variogram(const toml::table& t, const TomlReader& r,
                     const std::function<std::filesystem::path(const std::string&)>& resolve,
                     EstimationConfig& c) {
  options::read_toml(t, r.file(), {options::bind(variogram_fit_table(), c)}, {"model"});
  c.variogram_file = resolve(r.str(t, "model", "", true));
}

}  // namespace

const options::Table<EstimationConfig>& estimate_run_table() {
  using options::Kind;
  using options::Spec;
  using options::Value;
  static const options::Table<EstimationConfig> table = [] {
    Spec cv = options::spec("cross_validation", Kind::choice, "cross-validation run");
    cv.choices = {{"leave_one_hole_out", {}, "every hole left out in turn (needs hole ids)"},
                  {"leave_one_out", {}, "every composite left out in turn"},
                  {"none", {}, "no cross-validation"}};
    Spec unestimated =
        options::spec("unestimated", Kind::choice, "blocks the search leaves without an estimate");
    unestimated.choices = {{"waste", {}, "rock at 0 grade with the model's density"},
                           {"absent", {}, "not part of the model"}};
    Spec truth = options::spec(
        "truth", Kind::text, "synthetic data: the block model the holes were drilled from (.lbm)");
    truth.default_text = "none";
    Spec truth_grade = options::spec("truth_grade", Kind::text, "the grade column of `truth`");
    using C = EstimationConfig;
    return options::Table<C>{
        "estimate",
        "Around the estimator (project only)",
        {options::member<C>(
             cv, [](auto& c) -> auto& { return c.cross_validation; }),
         options::member<C>(
             unestimated, [](auto& c) -> auto& { return c.unestimated; }),
         options::custom<C>(
             truth, [](const C& c) { return Value(c.truth_file.string()); },
             [](C& c, const Value& v) { c.truth_file = std::get<std::string>(v); }),
         options::member<C>(
             truth_grade, [](auto& c) -> auto& { return c.truth_grade; })},
        {}};
  }();
  return table;
}

namespace {

void parse_estimate(const toml::table& t, const TomlReader& r,
                    const std::function<std::filesystem::path(const std::string&)>& resolve,
                    EstimationConfig& c) {
  options::read_toml(t, r.file(),
                     {options::bind(kriging::estimate_table(), c.estimate),
                      options::bind(estimate_run_table(), c)});
  if (c.estimate.block && c.estimate.block->discretization[2] == 0)
    throw Error("input.bad_option",
                "'discretization' has 2 values, expected [nx, ny, nz] for the 3D block model",
                at(r, t, "discretization"));
  if (!c.truth_file.empty()) c.truth_file = resolve(c.truth_file.string());
}

void parse_classes(const toml::node& node, const TomlReader& r, EstimationConfig& c) {
  const toml::array* a = node.as_array();
  if (!a)
    throw Error("input.bad_option",
                "'classification' is not an array of tables, expected [[classification]]",
                r.where(node));
  for (const auto& item : *a) {
    const toml::table* t = item.as_table();
    if (!t)
      throw Error("input.bad_option", "[[classification]] entry is not a table", r.where(item));
    r.known_keys(*t, "classification",
                 {"class", "min_slope", "min_efficiency", "max_nearest_m", "max_variance",
                  "min_samples", "min_holes"});
    ClassRule rule;
    rule.name = r.str(*t, "class", "", true);
    rule.min_slope = opt_num(r, *t, "min_slope");
    rule.min_efficiency = opt_num(r, *t, "min_efficiency");
    rule.max_nearest_m = opt_num(r, *t, "max_nearest_m");
    rule.max_variance = opt_num(r, *t, "max_variance");
    if (t->get("min_samples")) rule.min_samples = whole(r, *t, "min_samples", 0, 0);
    if (t->get("min_holes")) rule.min_holes = whole(r, *t, "min_holes", 0, 0);
    for (const auto& other : c.classes)
      if (other.name == rule.name)
        throw Error(
            "input.bad_option",
            fmt::format("class '{}' is defined twice, expected one rule per class", rule.name),
            at(r, *t, "class"));
    c.classes.push_back(rule);
  }
}

// The unit axis (x east, y north, z up) of row `k` of a structure's reduced-distance matrix.
variogram::Direction axis_direction(const variogram::Structure& s, std::size_t k, double tol_deg,
                                    double band_m) {
  const auto a = variogram::reduced_distance_matrix(s);
  const double n = std::hypot(a[k][0], a[k][1], a[k][2]);
  double x = a[k][0] / n, y = a[k][1] / n, z = a[k][2] / n;
  if (z > 0 || (z == 0 && (y < 0 || (y == 0 && x < 0))))
    x = -x, y = -y, z = -z;  // point down or north
  variogram::Direction d;
  d.azimuth_deg = std::fmod(std::atan2(x, y) * 180 / std::numbers::pi + 360, 360);
  d.dip_deg = std::asin(std::clamp(z, -1.0, 1.0)) * 180 / std::numbers::pi;
  d.azimuth_tolerance_deg = tol_deg;
  d.dip_tolerance_deg = tol_deg;
  if (band_m > 0) d.bandwidth_h_m = d.bandwidth_v_m = band_m;
  return d;
}

double mean_of(const std::vector<double>& v, std::int64_t& n) {
  long double s = 0;
  n = 0;
  for (double x : v)
    if (std::isfinite(x)) s += x, ++n;
  return n ? static_cast<double>(s / static_cast<long double>(n)) : kNaN;
}

}  // namespace

bool ClassRule::matches(const kriging::TargetResult& t) const {
  if (!t.estimated()) return false;
  if (min_slope && !(t.slope >= *min_slope)) return false;
  if (min_efficiency && !(t.efficiency >= *min_efficiency)) return false;
  if (max_nearest_m && !(t.nearest_m <= *max_nearest_m)) return false;
  if (max_variance && !(t.variance <= *max_variance)) return false;
  if (min_samples && t.n_samples < *min_samples) return false;
  if (min_holes && t.n_holes < *min_holes) return false;
  return true;
}

std::string ClassRule::text() const {
  std::vector<std::string> parts;
  if (min_slope) parts.push_back(fmt::format("slope >= {}", *min_slope));
  if (min_efficiency) parts.push_back(fmt::format("efficiency >= {}", *min_efficiency));
  if (max_nearest_m) parts.push_back(fmt::format("nearest <= {} m", *max_nearest_m));
  if (max_variance) parts.push_back(fmt::format("variance <= {}", *max_variance));
  if (min_samples) parts.push_back(fmt::format("samples >= {}", *min_samples));
  if (min_holes) parts.push_back(fmt::format("holes >= {}", *min_holes));
  return parts.empty() ? "every estimated block" : fmt::format("{}", fmt::join(parts, ", "));
}

void parse_estimation(const toml::table& root, const TomlReader& r,
                      const std::function<std::filesystem::path(const std::string&)>& resolve,
                      EstimationConfig& c) {
  const auto* dh = r.table(root, "drillholes");
  if (!dh) {
    for (const char* k : {"composite", "variogram", "estimate", "classification"})
      if (const toml::node* n = root.get(k))
        throw Error(
            "input.missing_option",
            fmt::format("[{}] is given without [drillholes], expected a [drillholes] table with "
                        "collars and assays",
                        k),
            r.where(*n));
    return;
  }
  c.enabled = true;
  parse_drillholes(*dh, r, resolve, c);
  if (const auto* t = r.table(root, "composite")) parse_composite(*t, r, c);
  const auto* vg = r.table(root, "variogram");
  const auto* est = r.table(root, "estimate");
  if (est) parse_estimate(*est, r, resolve, c);
  const bool needs_model = c.estimate.method == kriging::Method::ordinary ||
                           c.estimate.method == kriging::Method::simple;
  if (vg)
    parse_variogram(*vg, r, resolve, c);
  else if (needs_model)
    throw Error("input.missing_option",
                "[drillholes] without [variogram], expected [variogram] model = \"<model JSON>\" "
                "(kriging needs a variogram)",
                r.where(*dh));
  if (const toml::node* n = root.get("classification")) parse_classes(*n, r, c);
}

drillhole::DrillholeDatabase plan_estimation(const EstimationConfig& c, Diagnostics& diag) {
  auto db = drillhole::read_drillholes(c.collars.string(), c.surveys.string(), c.assays.string(),
                                       c.drillholes, diag);
  c.composite.validate(db.value_names);
  if (!c.variogram_file.empty()) {
    (void)variogram::read_model_file(c.variogram_file.string());
  }
  if (!c.truth_file.empty()) (void)blockmodel::read_block_model_binary(c.truth_file);
  return db;
}

EstimationRun run_estimation(const EstimationConfig& c, const drillhole::DrillholeDatabase& db,
                             const BlockGrid& grid, const std::string& crs,
                             const std::string& grade_column, double density_t_m3,
                             Diagnostics& diag) {
  EstimationRun run;
  auto sec = std::make_shared<report::EstimationSection>();
  run.section = sec;
  // 1. Database, desurvey, composites.
  sec->collars_file = c.collars.string();
  sec->surveys_file = c.surveys.string();
  sec->assays_file = c.assays.string();
  sec->value_name = c.value;
  sec->counts = db.report.counts;
  sec->dip_convention_declared = std::string(drillhole::to_string(db.report.declared_convention));
  sec->dip_convention_used = std::string(drillhole::to_string(db.report.used_convention));
  sec->below_detection_rule = db.report.below_detection.str();
  sec->findings = db.report.findings;
  const auto ds = drillhole::run_desurvey(db, c.desurvey, diag);
  sec->desurvey_method = std::string(drillhole::to_string(ds.method));
  sec->max_balanced_vs_mincurv_m = ds.max_balanced_vs_mincurv_m;
  sec->max_tangent_vs_mincurv_m = ds.max_tangent_vs_mincurv_m;
  c.composite.validate(db.value_names);
  const auto comp = drillhole::run_compositing(db, ds, c.composite, diag);
  const std::size_t vi = drillhole::value_index(db, c.value);
  sec->composite_length_m = c.composite.length_m;
  sec->composite_min_length_m = c.composite.min_length();
  sec->residual_rule = std::string(drillhole::to_string(c.composite.residual));
  sec->topcuts = c.composite.topcuts;
  sec->capped = comp.capped.empty() ? 0 : comp.capped[vi];
  sec->residuals_dropped = comp.residuals_dropped;
  sec->residuals_merged = comp.residuals_merged;
  sec->metal_raw = comp.total.raw[vi];
  sec->metal_after_topcut = comp.total.after_topcut[vi];
  sec->metal_composites = comp.total.composites[vi];
  sec->metal_dropped = comp.total.dropped[vi];

  // 2. Samples: composites with a value, their hole by database order.
  std::map<std::string, std::int64_t> hole_of;
  for (std::size_t h = 0; h < db.holes.size(); ++h)
    hole_of[db.holes[h].collar.hole_id] = static_cast<std::int64_t>(h);
  kriging::Samples samples;
  std::vector<variogram::Sample> vsamples;
  for (const auto& cp : comp.composites) {
    const double v = cp.values[vi];
    if (!std::isfinite(v)) continue;
    samples.x_m.push_back(cp.xyz_m[0]);
    samples.y_m.push_back(cp.xyz_m[1]);
    samples.z_m.push_back(cp.xyz_m[2]);
    samples.value.push_back(v);
    const std::int64_t hole = hole_of.at(cp.hole_id);
    samples.hole.push_back(hole);
    variogram::Sample s;
    s.x_m = cp.xyz_m[0];
    s.y_m = cp.xyz_m[1];
    s.z_m = cp.xyz_m[2];
    s.value = v;
    s.hole = static_cast<std::int32_t>(hole);
    s.along_hole_m = 0.5 * (cp.from_m + cp.to_m);
    vsamples.push_back(s);
  }
  sec->composites = samples.size();
  std::int64_t n_comp = 0;
  sec->composite_mean_gpt = mean_of(samples.value, n_comp);
  if (samples.size() < 2)
    throw Error(
        "input.too_few_samples",
        fmt::format("{} composites carry a value of '{}', expected at least 2 to estimate from",
                    samples.size(), c.value),
        {c.assays.string()});

  // 3. Variogram: the model from its file, or fitted along its three axes from that start.
  kriging::EstimateOptions opt = c.estimate;
  if (!c.variogram_file.empty()) {
    variogram::VariogramModel start = variogram::read_model_file(c.variogram_file.string());
    sec->model_file = c.variogram_file.string();
    sec->model_source = "as given";
    if (c.fit_variogram) {
      variogram::ExperimentalOptions eo;
      eo.omnidirectional = false;
      eo.lags.width_m = c.fit_lag_m > 0 ? c.fit_lag_m : 5 * c.composite.length_m;
      eo.lags.count = c.fit_lags > 0 ? c.fit_lags : 12;
      for (std::size_t k = 0; k < 3; ++k)
        eo.directions.push_back(
            axis_direction(start.structures.front(), k, c.fit_tolerance_deg, c.fit_bandwidth_m));
      sec->experimental = variogram::run_experimental(vsamples, eo);
      std::vector<variogram::StructureType> types;
      for (const auto& s : start.structures) types.push_back(s.type);
      const auto fit = variogram::fit_anisotropic(sec->experimental, types);
      start = fit.model;
      sec->model_source = fmt::format(
          "fitted by weighted least squares to {} directional variograms along the axes of the "
          "given model",
          sec->experimental.size());
      if (!fit.converged)
        diag.warn("variogram.fit_not_converged",
                  "the variogram fit stopped on its evaluation budget; the model is the best found",
                  {c.variogram_file.string()});
    }
    opt.variogram = start;
  }
  sec->model = opt.variogram;

  // 4. Kriging of every block.
  auto res = kriging::run_estimate(samples, grid, opt, diag);
  switch (opt.method) {
    case kriging::Method::ordinary:
      sec->method = "ordinary kriging";
      break;
    case kriging::Method::simple:
      sec->method = fmt::format("simple kriging (mean {} g/t)", opt.sk_mean);
      break;
    case kriging::Method::idw:
      sec->method = fmt::format("inverse distance (power {})", opt.idw_power);
      break;
    case kriging::Method::nearest:
      sec->method = "nearest neighbour";
      break;
  }
  sec->search = opt.search;
  sec->support =
      opt.block ? fmt::format("block, {} {}x{}x{}",
                              opt.block->scheme == kriging::BlockScheme::gauss ? "Gauss-Legendre"
                                                                               : "regular",
                              opt.block->discretization[0], opt.block->discretization[1],
                              opt.block->discretization[2])
                : "point at block centroids";
  sec->blocks = static_cast<std::int64_t>(res.targets.size());
  sec->too_few = static_cast<std::int64_t>(res.too_few);
  sec->singular = static_cast<std::int64_t>(res.singular);
  sec->duplicates_merged = res.duplicates_merged;
  long double slope = 0, eff = 0, var = 0;
  std::int64_t n_est = 0, n_kv = 0;
  for (const auto& t : res.targets) {
    if (!t.estimated()) continue;
    ++n_est;
    if (t.n_negative_weights > 0) ++sec->blocks_with_negative_weights;
    if (std::isfinite(t.slope) && std::isfinite(t.efficiency) && std::isfinite(t.variance)) {
      slope += t.slope, eff += t.efficiency, var += t.variance;
      ++n_kv;
    }
  }
  sec->estimated = n_est;
  sec->mean_slope = n_kv ? static_cast<double>(slope / n_kv) : kNaN;
  sec->mean_efficiency = n_kv ? static_cast<double>(eff / n_kv) : kNaN;
  sec->mean_variance = n_kv ? static_cast<double>(var / n_kv) : kNaN;

  // 5. Cross-validation.
  sec->cross_validation = c.cross_validation;
  if (c.cross_validation != "none") {
    const auto cv = kriging::cross_validate(samples, opt,
                                            c.cross_validation == "leave_one_out"
                                                ? kriging::CrossValidationMode::leave_one_out
                                                : kriging::CrossValidationMode::leave_one_hole_out,
                                            diag);
    sec->cv = cv.stats;
  }

  // 6. The model: grade, density and the kriging outputs; classification.
  run.model = blockmodel::BlockModel(grid, crs);
  auto& grade = run.model.add_column(grade_column, blockmodel::ColumnType::float64).f64;
  auto& rho = run.model.add_column("density_t_m3", blockmodel::ColumnType::float64).f64;
  auto& kv = run.model.add_column("kriging_variance", blockmodel::ColumnType::float64).f64;
  auto& sl = run.model.add_column("slope_of_regression", blockmodel::ColumnType::float64).f64;
  auto& ke = run.model.add_column("kriging_efficiency", blockmodel::ColumnType::float64).f64;
  auto& near = run.model.add_column("nearest_sample_m", blockmodel::ColumnType::float64).f64;
  auto& ns = run.model.add_column("samples_used", blockmodel::ColumnType::int64).i64;
  auto& nh = run.model.add_column("holes_used", blockmodel::ColumnType::int64).i64;
  auto& nw = run.model.add_column("negative_weights", blockmodel::ColumnType::int64).i64;
  auto& cls = run.model.add_column("class", blockmodel::ColumnType::int64).i64;
  run.class_index.assign(res.targets.size(), -1);
  for (std::size_t b = 0; b < res.targets.size(); ++b) {
    const auto& t = res.targets[b];
    if (!t.estimated()) {
      if (c.unestimated == "waste") grade[b] = 0, rho[b] = density_t_m3;
      continue;
    }
    grade[b] = std::max(0.0, t.estimate);
    rho[b] = density_t_m3;
    kv[b] = t.variance;
    sl[b] = t.slope;
    ke[b] = t.efficiency;
    near[b] = t.nearest_m;
    ns[b] = t.n_samples;
    nh[b] = t.n_holes;
    nw[b] = t.n_negative_weights;
    for (std::size_t k = 0; k < c.classes.size(); ++k)
      if (c.classes[k].matches(t)) {
        run.class_index[b] = static_cast<std::int32_t>(k);
        cls[b] = static_cast<std::int64_t>(k) + 1;
        break;
      }
  }
  std::int64_t negative = 0;
  for (const auto& t : res.targets)
    if (t.estimated() && t.estimate < 0) ++negative;
  if (negative > 0)
    diag.warn(
        "kriging.negative_estimates",
        fmt::format(
            "{} blocks have a negative kriged grade (negative weights); they are reported at 0 g/t",
            negative));
  sec->unestimated = c.unestimated;
  if (res.too_few + res.singular > 0)
    diag.note(
        "kriging.unestimated",
        fmt::format(
            "{} blocks have no estimate (too few samples within the search or a singular system); "
            "they are {}",
            res.too_few + res.singular,
            c.unestimated == "waste" ? "rock at 0 g/t (unestimated = \"waste\")"
                                     : "left out of the model (unestimated = \"absent\")"));
  for (const auto& rule : c.classes) sec->classes.push_back({rule.name, rule.text(), 0, {}, {}});

  // 7. Truth (synthetic data): global comparison; per side after the split.
  if (!c.truth_file.empty()) {
    const auto truth = blockmodel::read_block_model_binary(c.truth_file);
    if (truth.grid.counts != grid.counts || truth.grid.origin_m != grid.origin_m ||
        truth.grid.block_size_m != grid.block_size_m)
      throw Error("input.grid_mismatch",
                  "the truth model's grid differs from the estimation grid, expected the same grid",
                  {c.truth_file.string()});
    run.truth_gpt = truth.f64(c.truth_grade);
    sec->has_truth = true;
    sec->truth_file = c.truth_file.string();
    long double st = 0, se = 0, stt = 0, see = 0, ste = 0;
    std::int64_t n = 0;
    for (std::size_t b = 0; b < grade.size(); ++b) {
      const double e = grade[b], t = run.truth_gpt[b];
      if (!res.targets[b].estimated() || !std::isfinite(t)) continue;
      st += t, se += e, stt += static_cast<long double>(t) * t,
          see += static_cast<long double>(e) * e, ste += static_cast<long double>(t) * e;
      ++n;
    }
    sec->compared_blocks = n;
    if (n > 1) {
      const long double mt = st / n, me = se / n;
      sec->truth_mean_gpt = static_cast<double>(mt);
      sec->estimate_mean_gpt = static_cast<double>(me);
      sec->bias_pct = static_cast<double>(100 * (me - mt) / mt);
      const long double cov = ste / n - mt * me, vt = stt / n - mt * mt, ve = see / n - me * me;
      sec->correlation = static_cast<double>(cov / std::sqrt(vt * ve));
    }
  }
  run.density_t_m3 = density_t_m3;
  run.results = std::move(res.targets);
  return run;
}

void finish_estimation_report(EstimationRun& run, const report::ResourceReport& r,
                              const std::vector<double>& tonnes,
                              const std::vector<double>& grade_gpt) {
  auto& sec = *run.section;
  border::TallyInput tin;
  tin.grid = &r.grid;
  tin.tonnes = &tonnes;
  tin.cutoffs_gpt = r.cutoffs_gpt;
  for (std::size_t k = 0; k < sec.classes.size(); ++k) {
    std::vector<double> g(grade_gpt.size(), kNaN);
    for (std::size_t b = 0; b < g.size(); ++b)
      if (run.class_index[b] == static_cast<std::int32_t>(k)) {
        g[b] = grade_gpt[b];
        ++sec.classes[k].blocks;
      }
    tin.grade_gpt = &g;
    sec.classes[k].total = border::tally_total(tin);
    for (const auto& s : r.scenarios)
      sec.classes[k].sides.push_back(border::tally_sides(tin, s.split.fraction_left));
  }
  if (sec.has_truth) {
    // The truth at the estimate's density, every block of it.
    const double block_t = r.grid.block_volume_m3() * run.density_t_m3;
    std::vector<double> tt(run.truth_gpt.size(), 0.0);
    for (std::size_t b = 0; b < tt.size(); ++b)
      if (std::isfinite(run.truth_gpt[b])) tt[b] = block_t;
    tin.grade_gpt = &run.truth_gpt;
    tin.tonnes = &tt;
    sec.truth_total = border::tally_total(tin);
    sec.truth_sides.clear();
    for (const auto& s : r.scenarios)
      sec.truth_sides.push_back(border::tally_sides(tin, s.split.fraction_left));
  }
}

}  // namespace lodeline::pipeline
