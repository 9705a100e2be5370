// SPDX-License-Identifier: Apache-2.0
// Drillholes -> composites -> variogram -> kriging -> classified block model.
#include "lodeline/estimation/estimation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include "lodeline/blockmodel/block_model_io.hpp"
#include "lodeline/variogram/fit.hpp"

namespace lodeline::estimation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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

/// Where the drillholes came from and what reading them found.
void describe_database(const EstimationConfig& c, const drillhole::DrillholeDatabase& db,
                       EstimationResult& r) {
  r.collars_file = c.files.collars;
  r.surveys_file = c.files.surveys;
  r.assays_file = c.files.assays;
  r.value_name = c.value;
  r.counts = db.report.counts;
  r.dip_convention_declared = std::string(drillhole::to_string(db.report.declared_convention));
  r.dip_convention_used = std::string(drillhole::to_string(db.report.used_convention));
  r.below_detection_rule = db.report.below_detection.str();
  r.findings = db.report.findings;
}

/// Desurvey and compositing, with their figures in `r`.
drillhole::CompositeResult composite_holes(const EstimationConfig& c,
                                           const drillhole::DrillholeDatabase& db,
                                           EstimationResult& r, Diagnostics& diag) {
  const auto ds = drillhole::run_desurvey(db, c.desurvey, diag);
  r.desurvey_method = std::string(drillhole::to_string(ds.method));
  r.max_balanced_vs_mincurv_m = ds.max_balanced_vs_mincurv_m;
  r.max_tangent_vs_mincurv_m = ds.max_tangent_vs_mincurv_m;
  c.composite.validate(db.value_names);
  auto comp = drillhole::run_compositing(db, ds, c.composite, diag);
  const std::size_t vi = drillhole::value_index(db, c.value);
  r.composite_length_m = c.composite.length_m;
  r.composite_min_length_m = c.composite.min_length();
  r.residual_rule = std::string(drillhole::to_string(c.composite.residual));
  r.topcuts = c.composite.topcuts;
  r.capped = comp.capped.empty() ? 0 : comp.capped[vi];
  r.residuals_dropped = comp.residuals_dropped;
  r.residuals_merged = comp.residuals_merged;
  r.metal_raw = comp.total.raw[vi];
  r.metal_after_topcut = comp.total.after_topcut[vi];
  r.metal_composites = comp.total.composites[vi];
  r.metal_dropped = comp.total.dropped[vi];
  return comp;
}

/// The composites with a value, for kriging and for the variogram.
struct SampleSet {
  kriging::Samples kriging;
  std::vector<variogram::Sample> variogram;
};

/// Composites with a value of the estimated column, their hole by database order.
SampleSet samples_of(const EstimationConfig& c, const drillhole::DrillholeDatabase& db,
                     const drillhole::CompositeResult& comp, EstimationResult& r) {
  const std::size_t vi = drillhole::value_index(db, c.value);
  std::map<std::string, std::int64_t> hole_of;
  for (std::size_t h = 0; h < db.holes.size(); ++h)
    hole_of[db.holes[h].collar.hole_id] = static_cast<std::int64_t>(h);
  SampleSet out;
  auto& samples = out.kriging;
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
    out.variogram.push_back(s);
  }
  r.composites = samples.size();
  std::int64_t n_comp = 0;
  r.composite_mean_gpt = mean_of(samples.value, n_comp);
  if (samples.size() < 2)
    throw Error(
        "input.too_few_samples",
        fmt::format("{} composites carry a value of '{}', expected at least 2 to estimate from",
                    samples.size(), c.value),
        {c.files.assays});
  return out;
}

/// The check of a fitted model, an error or (accept_fit) a warning.
void check_fit(const EstimationConfig& c, const std::vector<variogram::Sample>& samples,
               const variogram::VariogramModel& fitted, Diagnostics& diag) {
  const std::string problem = implausible_fit(samples, fitted);
  if (problem.empty()) return;
  const std::string text = fmt::format(
      "the fitted variogram is implausible: {}; check the composites for outliers "
      "or missing-value codes and the lag settings, or give the model and fit = false",
      problem);
  if (!c.accept_fit)
    throw Error("variogram.implausible_fit", text + " (accept_fit = true keeps it)",
                {c.variogram_file.string()});
  diag.warn("variogram.implausible_fit", text + " (kept: accept_fit = true)",
            {c.variogram_file.string()});
}

/// Sills and ranges fitted along the three axes of `start` (weighted least squares).
variogram::VariogramModel fitted_variogram(const EstimationConfig& c,
                                           const std::vector<variogram::Sample>& samples,
                                           const variogram::VariogramModel& start,
                                           EstimationResult& r, Diagnostics& diag) {
  variogram::ExperimentalOptions eo;
  eo.omnidirectional = false;
  eo.lags.width_m = c.fit_lag_m > 0 ? c.fit_lag_m : 5 * c.composite.length_m;
  eo.lags.count = c.fit_lags > 0 ? c.fit_lags : 12;
  for (std::size_t k = 0; k < 3; ++k)
    eo.directions.push_back(
        axis_direction(start.structures.front(), k, c.fit_tolerance_deg, c.fit_bandwidth_m));
  r.experimental = variogram::run_experimental(samples, eo);
  std::vector<variogram::StructureType> types;
  for (const auto& s : start.structures) types.push_back(s.type);
  const auto fit = variogram::fit_anisotropic(r.experimental, types);
  r.model_source = fmt::format(
      "fitted by weighted least squares to {} directional variograms along the axes of the "
      "given model",
      r.experimental.size());
  check_fit(c, samples, fit.model, diag);
  if (!fit.converged)
    diag.warn("variogram.fit_not_converged",
              "the variogram fit stopped on its evaluation budget; the model is the best found",
              {c.variogram_file.string()});
  return fit.model;
}

/// The estimator's options with the variogram from its file, or fitted from that start.
kriging::EstimateOptions estimator_options(const EstimationConfig& c,
                                           const std::vector<variogram::Sample>& samples,
                                           EstimationResult& r, Diagnostics& diag) {
  kriging::EstimateOptions opt = c.estimate;
  if (!c.variogram_file.empty()) {
    const variogram::VariogramModel start = variogram::read_model_file(c.variogram_file.string());
    r.model_file = c.variogram_file.string();
    r.model_source = "as given";
    opt.variogram = c.fit_variogram ? fitted_variogram(c, samples, start, r, diag) : start;
  }
  r.model = opt.variogram;
  return opt;
}

std::string method_text(const kriging::EstimateOptions& opt) {
  switch (opt.method) {
    case kriging::Method::ordinary:
      return "ordinary kriging";
    case kriging::Method::simple:
      return fmt::format("simple kriging (mean {} g/t)", opt.sk_mean);
    case kriging::Method::idw:
      return fmt::format("inverse distance (power {})", opt.idw_power);
    case kriging::Method::nearest:
      return "nearest neighbour";
  }
  return "";
}

std::string support_text(const kriging::EstimateOptions& opt) {
  if (!opt.block) return "point at block centroids";
  return fmt::format(
      "block, {} {}x{}x{}",
      opt.block->scheme == kriging::BlockScheme::gauss ? "Gauss-Legendre" : "regular",
      opt.block->discretization[0], opt.block->discretization[1], opt.block->discretization[2]);
}

/// Counts and mean kriging figures over the estimated blocks.
void summarise_kriging(const kriging::EstimateOptions& opt, const kriging::EstimateResult& res,
                       EstimationResult& r) {
  r.method = method_text(opt);
  r.search = opt.search;
  r.support = support_text(opt);
  r.blocks = static_cast<std::int64_t>(res.targets.size());
  r.too_few = static_cast<std::int64_t>(res.too_few);
  r.singular = static_cast<std::int64_t>(res.singular);
  r.duplicates_merged = res.duplicates_merged;
  long double slope = 0, eff = 0, var = 0;
  std::int64_t n_est = 0, n_kv = 0;
  for (const auto& t : res.targets) {
    if (!t.estimated()) continue;
    ++n_est;
    if (t.n_negative_weights > 0) ++r.blocks_with_negative_weights;
    if (std::isfinite(t.slope) && std::isfinite(t.efficiency) && std::isfinite(t.variance)) {
      slope += t.slope, eff += t.efficiency, var += t.variance;
      ++n_kv;
    }
  }
  r.estimated = n_est;
  r.mean_slope = n_kv ? static_cast<double>(slope / n_kv) : kNaN;
  r.mean_efficiency = n_kv ? static_cast<double>(eff / n_kv) : kNaN;
  r.mean_variance = n_kv ? static_cast<double>(var / n_kv) : kNaN;
}

void cross_validation(const EstimationConfig& c, const kriging::Samples& samples,
                      const kriging::EstimateOptions& opt, EstimationResult& r, Diagnostics& diag) {
  r.cross_validation = c.cross_validation;
  if (c.cross_validation == "none") return;
  const auto mode = c.cross_validation == "leave_one_out"
                        ? kriging::CrossValidationMode::leave_one_out
                        : kriging::CrossValidationMode::leave_one_hole_out;
  r.cv = kriging::cross_validate(samples, opt, mode, diag).stats;
}

/// The index of the first class whose rule the block meets, or -1.
std::int32_t class_of(const EstimationConfig& c, const kriging::TargetResult& t) {
  for (std::size_t k = 0; k < c.classes.size(); ++k)
    if (c.classes[k].matches(t)) return static_cast<std::int32_t>(k);
  return -1;
}

/// The model: grade, density and the kriging outputs of every block, and its class.
void fill_model(const EstimationConfig& c, const std::vector<kriging::TargetResult>& targets,
                const std::string& grade_column, double density_t_m3, EstimationRun& run) {
  using blockmodel::ColumnType;
  auto& m = run.model;
  auto& grade = m.add_column(grade_column, ColumnType::float64).f64;
  auto& rho = m.add_column("density_t_m3", ColumnType::float64).f64;
  auto& kv = m.add_column("kriging_variance", ColumnType::float64).f64;
  auto& sl = m.add_column("slope_of_regression", ColumnType::float64).f64;
  auto& ke = m.add_column("kriging_efficiency", ColumnType::float64).f64;
  auto& near = m.add_column("nearest_sample_m", ColumnType::float64).f64;
  auto& ns = m.add_column("samples_used", ColumnType::int64).i64;
  auto& nh = m.add_column("holes_used", ColumnType::int64).i64;
  auto& nw = m.add_column("negative_weights", ColumnType::int64).i64;
  auto& cls = m.add_column("class", ColumnType::int64).i64;
  run.class_index.assign(targets.size(), -1);
  for (std::size_t b = 0; b < targets.size(); ++b) {
    const auto& t = targets[b];
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
    run.class_index[b] = class_of(c, t);
    if (run.class_index[b] >= 0) cls[b] = static_cast<std::int64_t>(run.class_index[b]) + 1;
  }
}

/// Not one block estimated: every figure after this would be 0 or NaN, so the run stops with
/// the counts and the settings that decide it.
void refuse_nothing_estimated(const kriging::EstimateOptions& opt,
                              const kriging::EstimateResult& res, std::size_t samples,
                              const InputLocation& where) {
  if (res.targets.empty() || res.too_few + res.singular < res.targets.size()) return;
  throw Error("numeric.nothing_estimated",
              fmt::format("none of the {} blocks is estimated ({} with fewer than min_samples = {} "
                          "of the {} composites within max_distance_m = {} m, {} singular), "
                          "expected estimated blocks: check that the composites lie in the "
                          "model's grid (same CRS), or widen the search",
                          res.targets.size(), res.too_few, opt.search.min_samples, samples,
                          opt.search.max_distance_m, res.singular),
              where);
}

/// Negative estimates (reported at 0) and blocks left without an estimate, said once each.
void report_unestimated(const EstimationConfig& c, const kriging::EstimateResult& res,
                        Diagnostics& diag) {
  std::int64_t negative = 0;
  for (const auto& t : res.targets)
    if (t.estimated() && t.estimate < 0) ++negative;
  if (negative > 0)
    diag.warn(
        "kriging.negative_estimates",
        fmt::format(
            "{} blocks have a negative kriged grade (negative weights); they are reported at 0 g/t",
            negative));
  if (res.too_few + res.singular > 0)
    diag.note(
        "kriging.unestimated",
        fmt::format(
            "{} blocks have no estimate (too few samples within the search or a singular system); "
            "they are {}",
            res.too_few + res.singular,
            c.unestimated == "waste" ? "rock at 0 g/t (unestimated = \"waste\")"
                                     : "left out of the model (unestimated = \"absent\")"));
}

/// Synthetic data: the estimate against the truth it was drilled from, block by block.
void compare_truth(const EstimationConfig& c, const BlockGrid& grid,
                   const std::string& grade_column,
                   const std::vector<kriging::TargetResult>& targets, EstimationRun& run) {
  const auto truth = blockmodel::read_block_model_binary(c.truth_file);
  if (truth.grid.counts != grid.counts || truth.grid.origin_m != grid.origin_m ||
      truth.grid.block_size_m != grid.block_size_m)
    throw Error("input.grid_mismatch",
                "the truth model's grid differs from the estimation grid, expected the same grid",
                {c.truth_file.string()});
  run.truth_gpt = truth.f64(c.truth_grade);
  auto& r = run.result;
  r.has_truth = true;
  r.truth_file = c.truth_file.string();
  const auto& grade = run.model.f64(grade_column);
  long double st = 0, se = 0, stt = 0, see = 0, ste = 0;
  std::int64_t n = 0;
  for (std::size_t b = 0; b < grade.size(); ++b) {
    const double e = grade[b], t = run.truth_gpt[b];
    if (!targets[b].estimated() || !std::isfinite(t)) continue;
    st += t, se += e, stt += static_cast<long double>(t) * t,
        see += static_cast<long double>(e) * e, ste += static_cast<long double>(t) * e;
    ++n;
  }
  r.compared_blocks = n;
  if (n <= 1) return;
  const long double mt = st / n, me = se / n;
  r.truth_mean_gpt = static_cast<double>(mt);
  r.estimate_mean_gpt = static_cast<double>(me);
  r.bias_pct = static_cast<double>(100 * (me - mt) / mt);
  const long double cov = ste / n - mt * me, vt = stt / n - mt * mt, ve = see / n - me * me;
  r.correlation = static_cast<double>(cov / std::sqrt(vt * ve));
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

drillhole::DrillholeDatabase plan_estimation(const EstimationConfig& c, Diagnostics& diag) {
  auto db = drillhole::read_drillholes(c.files.collars, c.files.surveys, c.files.assays,
                                       c.drillholes, diag);
  c.composite.validate(db.value_names);
  if (!c.variogram_file.empty()) {
    (void)variogram::read_model_file(c.variogram_file.string());
  }
  if (!c.truth_file.empty()) (void)blockmodel::read_block_model_binary(c.truth_file);
  return db;
}

/// Composites whose centre lies outside the model: counted, and warned about, since the model
/// cannot hold their grade (a grid that misses part of the drilling, or the wrong CRS).
void count_composites_outside(const kriging::Samples& s, const BlockGrid& grid,
                              const EstimationConfig& c, EstimationResult& r, Diagnostics& diag) {
  std::size_t outside = 0;
  std::array<std::int64_t, 3> ijk{};
  for (std::size_t i = 0; i < s.x_m.size(); ++i)
    outside += grid.locate({s.x_m[i], s.y_m[i], s.z_m[i]}, ijk) ? 0 : 1;
  r.composites_outside_model = outside;
  if (outside == 0) return;
  diag.warn("input.composites_outside_model",
            fmt::format("{} of {} composites ({:.1f} %) lie outside the block model; they inform "
                        "the blocks near its edge only, and their grade is in no block: check "
                        "that the grid covers the drilling (origin, counts, CRS)",
                        outside, s.x_m.size(),
                        100.0 * static_cast<double>(outside) / static_cast<double>(s.x_m.size())),
            {c.files.collars});
}

EstimationRun run_estimation(const EstimationConfig& c, const drillhole::DrillholeDatabase& db,
                             const BlockGrid& grid, const std::string& crs,
                             const std::string& grade_column, double density_t_m3,
                             Diagnostics& diag) {
  EstimationRun run;
  auto& r = run.result;
  describe_database(c, db, r);
  const auto comp = composite_holes(c, db, r, diag);
  const SampleSet samples = samples_of(c, db, comp, r);
  count_composites_outside(samples.kriging, grid, c, r, diag);
  const kriging::EstimateOptions opt = estimator_options(c, samples.variogram, r, diag);
  auto res = kriging::run_estimate(samples.kriging, grid, opt, diag);
  refuse_nothing_estimated(opt, res, samples.kriging.size(), {c.files.assays});
  summarise_kriging(opt, res, r);
  cross_validation(c, samples.kriging, opt, r, diag);
  run.model = blockmodel::BlockModel(grid, crs);
  fill_model(c, res.targets, grade_column, density_t_m3, run);
  report_unestimated(c, res, diag);
  r.unestimated = c.unestimated;
  for (const auto& rule : c.classes) r.classes.push_back({rule.name, rule.text(), 0, {}, {}});
  if (!c.truth_file.empty()) compare_truth(c, grid, grade_column, res.targets, run);
  run.density_t_m3 = density_t_m3;
  run.targets = std::move(res.targets);
  return run;
}

namespace {

/// Tallies of `grade_gpt` with `tonnes`: in total and per side of every line.
std::pair<border::SideTally, std::vector<std::array<border::SideTally, 2>>> tally_lines(
    border::TallyInput tin, const std::vector<double>& grade_gpt, const std::vector<double>& tonnes,
    const std::vector<border::LineResult>& lines) {
  tin.grade_gpt = &grade_gpt;
  tin.tonnes = &tonnes;
  std::vector<std::array<border::SideTally, 2>> sides;
  sides.reserve(lines.size());
  for (const auto& line : lines)
    sides.push_back(border::tally_sides(tin, line.split.fraction_left));
  return {border::tally_total(tin), std::move(sides)};
}

}  // namespace

void tally_by_side(EstimationRun& run, const BlockGrid& grid,
                   const std::vector<border::LineResult>& lines,
                   const std::vector<double>& cutoffs_gpt, const std::vector<double>& tonnes,
                   const std::vector<double>& grade_gpt) {
  auto& r = run.result;
  border::TallyInput tin;
  tin.grid = &grid;
  tin.cutoffs_gpt = cutoffs_gpt;
  for (std::size_t k = 0; k < r.classes.size(); ++k) {
    std::vector<double> g(grade_gpt.size(), kNaN);
    for (std::size_t b = 0; b < g.size(); ++b)
      if (run.class_index[b] == static_cast<std::int32_t>(k)) {
        g[b] = grade_gpt[b];
        ++r.classes[k].blocks;
      }
    std::tie(r.classes[k].total, r.classes[k].sides) = tally_lines(tin, g, tonnes, lines);
  }
  if (!r.has_truth) return;
  // The truth at the estimate's density, every block of it.
  const double block_t = grid.block_volume_m3() * run.density_t_m3;
  std::vector<double> truth_t(run.truth_gpt.size(), 0.0);
  for (std::size_t b = 0; b < truth_t.size(); ++b)
    if (std::isfinite(run.truth_gpt[b])) truth_t[b] = block_t;
  std::tie(r.truth_total, r.truth_sides) = tally_lines(tin, run.truth_gpt, truth_t, lines);
}

namespace {

/// The diagonal of the samples' bounding box (m) and their variance.
std::pair<double, double> extent_and_variance(const std::vector<variogram::Sample>& samples) {
  std::array<double, 3> lo{INFINITY, INFINITY, INFINITY}, hi{-INFINITY, -INFINITY, -INFINITY};
  long double sum = 0, sum2 = 0;
  for (const auto& s : samples) {
    const std::array<double, 3> p{s.x_m, s.y_m, s.z_m};
    for (std::size_t k = 0; k < 3; ++k)
      lo[k] = std::min(lo[k], p[k]), hi[k] = std::max(hi[k], p[k]);
    sum += s.value;
    sum2 += static_cast<long double>(s.value) * s.value;
  }
  const auto n = static_cast<long double>(samples.size());
  const double variance = n > 1 ? static_cast<double>((sum2 - sum * sum / n) / (n - 1)) : 0.0;
  return {std::hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]), variance};
}

}  // namespace

std::string implausible_fit(const std::vector<variogram::Sample>& samples,
                            const variogram::VariogramModel& fitted) {
  const auto [extent_m, variance] = extent_and_variance(samples);
  double range_m = 0;
  for (const auto& st : fitted.structures)
    for (const double r : st.ranges_m) range_m = std::max(range_m, r);
  const double sill = fitted.total_sill();
  if (range_m > 3 * extent_m)
    return fmt::format("its longest range {:.4g} m is beyond 3 x the composites' extent ({:.4g} m)",
                       range_m, extent_m);
  if (variance > 0 && (sill < variance / 3 || sill > 3 * variance))
    return fmt::format(
        "its total sill {:.4g} is outside 1/3 to 3 x the composites' variance "
        "({:.4g})",
        sill, variance);
  return "";
}

}  // namespace lodeline::estimation
