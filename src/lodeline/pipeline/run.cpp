// SPDX-License-Identifier: Apache-2.0
// Pipeline runner for the resource split.
#include "lodeline/pipeline/run.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <array>
#include <cmath>
#include <optional>

#include "lodeline/blockmodel/block_model_io.hpp"
#include "lodeline/border/claim_check.hpp"
#include "lodeline/border/disputed.hpp"
#include "lodeline/border/measures.hpp"
#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/border/pillars.hpp"
#include "lodeline/border/side_direction.hpp"
#include "lodeline/core/memory.hpp"
#include "lodeline/geo/geos_ops.hpp"
#include "lodeline/geo/vector_file.hpp"

#ifndef LODELINE_VERSION_TEXT
#define LODELINE_VERSION_TEXT "0.1.0"
#endif

namespace lodeline::pipeline {

using config::LineUncertainty;
using config::Project;
using config::SurveySource;

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

// The offset of each line that gives each claimed share (measures at the headline cut-off).
void claim_offsets(RunResult& r, const border::TallyInput& tin, const MultiPolygon& licence) {
  border::TallyInput head = tin;
  head.cutoffs_gpt = {tin.cutoffs_gpt.front()};
  const border::MeasureSet ms =
      border::make_measures(*tin.grid, border::block_measures(head), licence);
  border::solve_claim_offsets(r.claims, r.scenarios, ms, r.claim_offset_max_m);
}

// The points that carry a scenario's position errors, checked against its line as read.
border::UncertainLine uncertain_line(const LineUncertainty& u, const border::Scenario& sc,
                                     const std::shared_ptr<const survey::SurveyedLine>& surveyed) {
  const auto& line = sc.line;
  if (u.from_survey && surveyed) return border::survey_uncertain_line(surveyed, u.where);
  if (!u.pillars_file.empty()) return border::read_pillar_errors(u.pillars_file.string(), line);
  border::UncertainLine ul;
  ul.points = line;
  ul.where = u.where;
  if (u.per_vertex.empty()) {
    ul.covariance.assign(line.size(), border::VertexCovariance::isotropic(u.sd_m));
  } else {
    if (u.per_vertex.size() != line.size())
      throw Error("input.bad_covariance",
                  fmt::format("scenario '{}' gives {} position errors, but its line '{}' has {} "
                              "vertices as read, expected one per vertex in line order",
                              sc.name, u.per_vertex.size(), sc.file, line.size()),
                  u.where);
    ul.covariance = u.per_vertex;
  }
  return ul;
}

/// Per block: 1 for the joint pit's ore (held fixed in the Monte Carlo), else 0.
std::vector<char> joint_pit_ore(const RunResult& r) {
  std::vector<char> in_pit(r.grade_gpt.size(), 0);
  for (const auto id : r.pits->joint_mined)
    if (r.pits->destination[static_cast<std::size_t>(id)] == economics::Destination::mill)
      in_pit[static_cast<std::size_t>(id)] = 1;
  return in_pit;
}

// Monte Carlo over the vertex positions of every scenario that gives position errors.
void run_monte_carlo_stage(const Plan& plan, const border::TallyInput& tin, RunResult& r) {
  const Project& p = *plan.project;
  std::vector<border::ColumnMeasure> columns = border::block_measures(tin);
  if (r.pits)
    for (auto& c : border::pit_measures(*tin.grid, r.grade_gpt, r.tonnes, joint_pit_ore(r)))
      columns.push_back(std::move(c));
  const border::MeasureSet ms = border::make_measures(*tin.grid, std::move(columns), plan.licence);
  for (std::size_t k = 0; k < plan.lines.size(); ++k) {
    const auto& line = plan.lines[k];
    if (!line.uncertain) continue;
    border::MonteCarloOptions o = p.monte_carlo.options;
    o.seed += static_cast<std::uint64_t>(k);  // scenario k (file order) draws with seed + k
    r.monte_carlo.push_back({line.scenario.name, p.scenarios[k].uncertainty.given_as,
                             border::run_monte_carlo(ms, *line.uncertain, o)});
  }
}

}  // namespace

ThreadScope::ThreadScope(int threads) {
  if (threads > 0)
    control_ = new tbb::global_control(tbb::global_control::max_allowed_parallelism,
                                       static_cast<std::size_t>(threads));
}
ThreadScope::~ThreadScope() { delete static_cast<tbb::global_control*>(control_); }

MultiPolygon model_extent(const BlockGrid& g) {
  const double w = static_cast<double>(g.nx()) * g.block_size_m[0];
  const double h = static_cast<double>(g.ny()) * g.block_size_m[1];
  return {{{g.to_world({0, 0}), g.to_world({w, 0}), g.to_world({w, h}), g.to_world({0, h})}}};
}

namespace {

/// Which side of the line a point lies on: 0 = A (left), 1 = B, -1 = outside the model.
int side_of(const PlannedLine& line, const MultiPolygon& extent, const Point2& p) {
  if (!geo::covers(extent, p)) return -1;
  return geo::covers(line.split.territory_left, p) ? 0 : 1;
}

/// The points a scenario says lie on side A / side B must lie there (reversing a line's vertex
/// order swaps the sides, and with them the numbers under the names).
void check_side_points(const Plan& plan, const MultiPolygon& extent) {
  for (const auto& line : plan.lines) {
    const auto& s = line.scenario;
    const std::array<const std::vector<Point2>*, 2> given{&s.side_a_contains, &s.side_b_contains};
    const std::array<const std::string*, 2> names{&s.side_a, &s.side_b};
    for (std::size_t side = 0; side < 2; ++side)
      for (const Point2& p : *given[side]) {
        const int found = side_of(line, extent, p);
        if (found < 0)
          throw Error("geometry.side_point_outside_model",
                      fmt::format("scenario '{}': the point ({}, {}) said to lie on '{}' is "
                                  "outside the model extent, expected a point inside it",
                                  s.name, p.x, p.y, *names[side]),
                      s.side_points_where);
        if (static_cast<std::size_t>(found) != side)
          throw Error(
              "geometry.side_contradiction",
              fmt::format("scenario '{}': the point ({}, {}) said to lie on '{}' lies on '{}' "
                          "(side A is the LEFT of the line walked from its first to its last "
                          "vertex), expected the line's vertices in the other order or "
                          "side_a and side_b swapped",
                          s.name, p.x, p.y, *names[side], *names[1 - side]),
              s.side_points_where);
      }
  }
}

/// Where each side lies; a side named after a compass direction its area contradicts ("East"
/// lying west of the line) is warned about: the vertex order may be reversed, which swaps the
/// numbers under the names. Lines whose sides are given by points were checked already.
void locate_sides(Plan& plan, const MultiPolygon& extent) {
  for (auto& line : plan.lines) {
    line.side_a_bearing_deg = border::side_a_bearing_deg(line.split.territory_left, extent);
    const auto& sc = line.scenario;
    if (!line.side_a_bearing_deg || !sc.side_a_contains.empty() || !sc.side_b_contains.empty())
      continue;
    const std::array<double, 2> found{*line.side_a_bearing_deg,
                                      border::opposite_deg(*line.side_a_bearing_deg)};
    const std::array<const std::string*, 2> names{&sc.side_a, &sc.side_b};
    std::vector<std::string> wrong;
    for (std::size_t k = 0; k < 2; ++k) {
      const auto named = border::named_bearing_deg(*names[k]);
      if (named && border::contradicts(*named, found[k]))
        wrong.push_back(fmt::format("'{}' lies {}", *names[k], border::compass_word(found[k])));
    }
    if (wrong.empty()) continue;
    plan.input_findings.warn(
        "geometry.side_name_contradicted",
        fmt::format("line '{}': {} of the line (side A is the LEFT of the line walked from its "
                    "first to its last vertex); the vertices may be in the reverse order, which "
                    "swaps the numbers under the names: check with side_a_contains = [x, y], or "
                    "swap side_a and side_b",
                    sc.name, fmt::join(wrong, " and ")),
        {sc.file});
  }
}

void add_estimation_inputs(const estimation::EstimationConfig& e, Plan& plan) {
  plan.inputs.push_back({"drillhole collars", e.files.collars});
  if (!e.files.surveys.empty()) plan.inputs.push_back({"drillhole surveys", e.files.surveys});
  plan.inputs.push_back({"drillhole assays", e.files.assays});
  plan.inputs.push_back({"variogram", e.variogram_file.string()});
  if (!e.truth_file.empty()) plan.inputs.push_back({"truth (synthetic)", e.truth_file.string()});
}

/// The project CRS (canonical): [project] crs, else the model's; both given must agree.
std::string project_crs(const Project& p, const std::string& model_crs) {
  if (p.crs.empty() && model_crs.empty())
    throw Error("crs.missing",
                "no CRS for the project, expected [project] crs = \"EPSG:...\" or a \"crs\" in the "
                "model's grid",
                {p.file.string()});
  if (!p.crs.empty() && !model_crs.empty() && geo::crs_name(model_crs) != geo::crs_name(p.crs))
    throw Error("crs.mismatch",
                fmt::format("the block model is in '{}' but the project CRS is '{}', expected the "
                            "same CRS",
                            geo::crs_name(model_crs), geo::crs_name(p.crs)),
                {p.model_file.string()});
  return !p.crs.empty() ? geo::canonical_crs(p.crs, {p.file.string()})
                        : geo::canonical_crs(model_crs, {p.model_file.string()});
}

/// Tonnes of every block with a grade; refuses negative grades and missing densities.
std::vector<double> block_tonnes(const Project& p, const blockmodel::BlockModel& model) {
  const auto& grade = model.f64(p.grade_column);
  std::vector<double> tonnes(grade.size(), 0.0);
  const double volume = model.grid.block_volume_m3();
  const std::vector<double>* density =
      p.density_column.empty() ? nullptr : &model.f64(p.density_column);
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
    tonnes[b] = volume * d;
  }
  if (missing_density > 0)
    throw Error("input.missing_density",
                fmt::format("{} blocks have a grade but no density in column '{}', expected a "
                            "density for every block with a grade",
                            missing_density, p.density_column),
                {p.model_file.string()});
  return tonnes;
}

/// A scenario's line from GPS fixes (pillars -> line) in the project CRS.
void survey_line(const Project& p, std::size_t k, Plan& plan, PlannedLine& line) {
  auto& s = line.scenario;
  const SurveySource& source = p.scenarios[k].survey;
  survey::SurveyOptions so = source.options;
  so.crs = plan.crs;
  so.allow_datum_shift = s.allow_datum_shift;
  auto res = survey::run_survey(source.inputs, so, plan.input_findings);
  s.line = res.line.line;
  s.source_crs = "GPS fixes";
  for (const auto& f : source.inputs.fix_files) plan.inputs.push_back({"fixes:" + s.name, f});
  plan.inputs.push_back({"pillar order:" + s.name, source.inputs.order_file});
  if (!source.inputs.sessions_file.empty())
    plan.inputs.push_back({"sessions:" + s.name, source.inputs.sessions_file});
  line.surveyed = std::make_shared<const survey::SurveyedLine>(res.line);
  line.survey = std::move(res);
}

void load_lines(const Project& p, Plan& plan) {
  for (std::size_t k = 0; k < p.scenarios.size(); ++k) {
    PlannedLine line;
    line.scenario = p.scenarios[k].scenario;
    if (p.scenarios[k].survey.given) {
      survey_line(p, k, plan, line);
    } else {
      border::load_line(line.scenario, plan.crs, plan.input_findings);
      plan.inputs.push_back({"line:" + line.scenario.name, line.scenario.file});
    }
    plan.lines.push_back(std::move(line));
  }
}

/// The exact split of every line (which also checks that each crosses the model).
void split_lines(Plan& plan) {
  tbb::parallel_for(std::size_t{0}, plan.lines.size(), [&](std::size_t k) {
    auto& l = plan.lines[k];
    const auto& file = l.scenario.file;
    l.split = border::split_columns(plan.grid, l.scenario.line, [&](std::int64_t v) {
      return geo::vertex_location(file, 0, v);
    });
  });
}

/// The points that carry each line's position errors; they must fit their lines.
void plan_position_errors(const Project& p, Plan& plan) {
  for (std::size_t k = 0; k < plan.lines.size(); ++k) {
    auto& line = plan.lines[k];
    if (p.scenarios[k].uncertainty.given)
      line.uncertain = uncertain_line(p.scenarios[k].uncertainty, line.scenario, line.surveyed);
  }
}

void check_run_memory(const Project& p, const BlockGrid& grid) {
  require_memory(
      run_memory_bytes(p, grid),
      fmt::format("the run over a grid of {} x {} x {} = {} blocks{}", grid.nx(), grid.ny(),
                  grid.nz(), grid.block_count(), p.has_pits ? " with pits" : ""),
      "use larger blocks or a smaller grid", {p.file.string()});
}

void plan_model(const Project& p, Plan& plan) {
  if (p.estimation.enabled || p.model_file.extension() == ".csv") check_run_memory(p, p.grid);
  if (p.estimation.enabled) {
    plan.drillholes = estimation::plan_estimation(p.estimation, plan.drillhole_findings);
    add_estimation_inputs(p.estimation, plan);
    plan.grid = p.grid;
    plan.crs = project_crs(p, !p.crs.empty() ? p.crs : p.grid_crs);
    plan.inputs.push_back({"project", p.file.string()});
    return;
  }
  plan.model = load_model(p);
  check_run_memory(p, plan.model->grid);  // a binary model's grid is in its header
  plan.crs = project_crs(p, plan.model->crs);
  plan.grid = plan.model->grid;
  plan.inputs.push_back({"project", p.file.string()});
  plan.inputs.push_back({"model", p.model_file.string()});
  plan.tonnes = block_tonnes(p, *plan.model);
}

}  // namespace

/// The whole run's memory, estimated from the grid before anything of its size is allocated.
/// Per block, measured on the demo (864,000 blocks: 209 MB peak without [pit], 507 MB with):
/// the model, tonnes, fractions and the estimate about 256 bytes, 16 per line; a pit about 128
/// per solve (the joint pit and each side's for every line with pits). Monte Carlo draws are
/// checked where they run.
double run_memory_bytes(const Project& p, const BlockGrid& grid) {
  const auto blocks = static_cast<double>(grid.block_count());
  const auto lines = static_cast<double>(p.scenarios.size());
  double per_block = 256.0 + 16.0 * lines;
  if (p.has_pits) {
    const double pit_lines = p.pit.lines.empty() ? lines : static_cast<double>(p.pit.lines.size());
    per_block += 128.0 * (1.0 + 2.0 * pit_lines);
  }
  return blocks * per_block;
}

std::vector<Diagnostic> Plan::findings() const {
  std::vector<Diagnostic> out = drillhole_findings.items();
  out.insert(out.end(), input_findings.items().begin(), input_findings.items().end());
  return out;
}

Plan plan_project(const Project& p) {
  const ThreadScope threads(p.threads);
  Plan plan;
  plan.project = &p;
  plan_model(p, plan);
  if (!p.licence_file.empty()) {
    plan.licence = border::load_polygon(p.licence_file.string(), plan.crs, plan.input_findings);
    plan.inputs.push_back({"licence", p.licence_file.string()});
  }
  load_lines(p, plan);
  split_lines(plan);
  const MultiPolygon extent = model_extent(plan.grid);
  check_side_points(plan, extent);
  locate_sides(plan, extent);
  plan_position_errors(p, plan);
  return plan;
}

namespace {

RunResult result_header(const Project& p) {
  RunResult r;
  r.project_name = p.name;
  r.synthetic = p.synthetic;
  r.version = LODELINE_VERSION_TEXT;
  r.cutoffs_gpt = p.cutoffs_gpt;
  r.base_dir = p.file.parent_path().lexically_normal();
  return r;
}

/// No block at or above the lowest cut-off: every share would be 0 / 0 and every pit empty, so
/// the run stops (a wrong grade column or unit, a sentinel-filled model) unless allowed.
void refuse_no_ore(const Project& p, const border::SideTally& total) {
  if (p.allow_no_ore || total.by_cutoff.empty()) return;
  const auto lowest =
      std::min_element(total.by_cutoff.begin(), total.by_cutoff.end(),
                       [](const auto& a, const auto& b) { return a.cutoff_gpt < b.cutoff_gpt; });
  if (lowest->ore_t > 0) return;
  throw Error("numeric.no_ore",
              fmt::format("no block of the model has '{}' at or above the lowest cut-off {} g/t, "
                          "expected ore to share: check the grade column and its unit, or set "
                          "[report] allow_no_ore = true",
                          p.grade_column, lowest->cutoff_gpt),
              {p.model_file.string()});
}

/// The licence's area inside and outside the model extent.
void licence_areas(const Project& p, const MultiPolygon& licence, const MultiPolygon& extent,
                   RunResult& r, Diagnostics& diag) {
  if (licence.empty()) return;
  r.licence_area_m2 = geo::intersection_area_m2(licence, extent);
  r.licence_area_outside_m2 = geo::area_m2(licence) - r.licence_area_m2;
  if (r.licence_area_outside_m2 > 1e-6 * geo::area_m2(licence))
    diag.warn("geometry.licence_outside_model",
              fmt::format("{:.1f} m² of the licence lies outside the block model extent and is "
                          "not counted on either side",
                          r.licence_area_outside_m2),
              {p.licence_file.string()});
}

/// Largest relative difference between side A + side B and the total, over area, ore and
/// metal at every cut-off.
double closure_error(const border::LineResult& s, const border::SideTally& total) {
  double e = rel_err(s.sides[0].area_m2 + s.sides[1].area_m2, total.area_m2);
  for (std::size_t c = 0; c < total.by_cutoff.size(); ++c) {
    const auto &a = s.sides[0].by_cutoff[c], &b = s.sides[1].by_cutoff[c], &t = total.by_cutoff[c];
    if (t.ore_t > 0) e = std::max(e, rel_err(a.ore_t + b.ore_t, t.ore_t));
    if (t.metal_g > 0) e = std::max(e, rel_err(a.metal_g + b.metal_g, t.metal_g));
  }
  return e;
}

/// Area, ore and metal per side of every line, with the closure check A + B = total.
void tally_lines(const Plan& plan, const border::TallyInput& tin, RunResult& r, Diagnostics& diag) {
  r.scenarios.resize(plan.lines.size());
  tbb::parallel_for(std::size_t{0}, plan.lines.size(), [&](std::size_t k) {
    auto& sr = r.scenarios[k];
    sr.scenario = plan.lines[k].scenario;
    sr.split = plan.lines[k].split;
    sr.sides = border::tally_sides(tin, sr.split.fraction_left);
    if (!plan.licence.empty()) {
      sr.licence_area_m2[0] = geo::intersection_area_m2(plan.licence, sr.split.territory_left);
      sr.licence_area_m2[1] = r.licence_area_m2 - sr.licence_area_m2[0];
    }
    sr.closure_rel_error = closure_error(sr, r.total);
    sr.side_a_bearing_deg = plan.lines[k].side_a_bearing_deg;
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
}

/// The block model of the run: estimated from the drillholes, or the model file as read.
blockmodel::BlockModel run_model(Plan& plan, std::optional<estimation::EstimationRun>& estimated,
                                 Diagnostics& diag) {
  const Project& p = *plan.project;
  if (!plan.drillholes) return std::move(*plan.model);
  estimated = estimation::run_estimation(p.estimation, *plan.drillholes, plan.grid, plan.crs,
                                         p.grade_column, p.density_t_m3, diag);
  return std::move(estimated->model);
}

/// One warning when the joint pit reaches the model's edge or floor: then every pit figure,
/// and the value the border sterilises, is bounded by the model's extent.
void warn_pits_at_model_limits(const Project& p, const borderpit::BorderPits& pits,
                               Diagnostics& diag) {
  const auto& j = pits.joint;
  if (!j.at_model_limits()) return;
  diag.warn("pit.at_model_limits",
            fmt::format("the joint pit mines {} columns on the model's edge and {} down to its "
                        "lowest bench: it may continue beyond the model, so the pits' values and "
                        "the sterilised figures are bounded by the model's extent; extend the "
                        "model where the pit meets it",
                        j.edge_columns, j.floor_columns),
            {p.model_file.string()});
}

void pits_stage(const Project& p, const blockmodel::BlockModel& model, RunResult& r,
                Diagnostics& diag) {
  if (!p.has_pits) return;
  std::vector<std::int64_t> zones;
  if (!p.pit.zone_column.empty())
    zones = borderpit::block_zones(model, p.pit.zone_column, {p.model_file.string()});
  r.pits = borderpit::run_border_pits(model.grid, r.grade_gpt, r.tonnes, r.scenarios, p.economics,
                                      p.pit, zones.empty() ? nullptr : &zones);
  warn_pits_at_model_limits(p, *r.pits, diag);
}

void claims_stage(const Plan& plan, const border::TallyInput& tin, RunResult& r,
                  Diagnostics& diag) {
  const Project& p = *plan.project;
  const BlockGrid& g = *tin.grid;
  r.claim_offset_max_m = p.claim_offset_max_m > 0
                             ? p.claim_offset_max_m
                             : std::hypot(static_cast<double>(g.nx()) * g.block_size_m[0],
                                          static_cast<double>(g.ny()) * g.block_size_m[1]);
  r.claims = border::check_claims(p.claims, r.scenarios, r.has_licence(), {p.file.string()}, diag);
  if (!r.claims.empty()) claim_offsets(r, tin, plan.licence);
}

void disputed_stage(const Plan& plan, const border::TallyInput& tin, RunResult& r) {
  const auto groups = border::disputed_groups(r.scenarios, plan.project->disputed_lines);
  r.disputed = border::disputed_results(r.scenarios, groups, tin, plan.licence);
}

}  // namespace

RunResult run_plan(Plan plan) {
  const Project& p = *plan.project;
  // [project] threads = N acts as --threads N (with both, the smaller count holds).
  const ThreadScope threads(p.threads);
  Diagnostics estimation_diag, diag;
  RunResult r = result_header(p);
  std::optional<estimation::EstimationRun> estimated;
  const blockmodel::BlockModel model = run_model(plan, estimated, estimation_diag);
  r.crs = plan.crs;
  r.crs_name = geo::crs_name(r.crs);
  r.grid = model.grid;
  r.inputs = plan.inputs;
  r.grade_gpt = model.f64(p.grade_column);
  r.tonnes = estimated ? block_tonnes(p, model) : std::move(plan.tonnes);
  for (auto& l : plan.lines)
    if (l.survey) r.surveys.push_back({l.scenario.name, std::move(*l.survey)});

  border::TallyInput tin;
  tin.grid = &model.grid;
  tin.grade_gpt = &r.grade_gpt;
  tin.tonnes = &r.tonnes;
  tin.cutoffs_gpt = p.cutoffs_gpt;
  r.total = border::tally_total(tin);
  refuse_no_ore(p, r.total);
  licence_areas(p, plan.licence, model_extent(model.grid), r, diag);
  r.licence = plan.licence;
  tally_lines(plan, tin, r, diag);
  pits_stage(p, model, r, diag);
  claims_stage(plan, tin, r, diag);
  if (p.monte_carlo.enabled) run_monte_carlo_stage(plan, tin, r);
  disputed_stage(plan, tin, r);
  if (estimated) {
    estimation::tally_by_side(*estimated, model.grid, r.scenarios, r.cutoffs_gpt, r.tonnes,
                              r.grade_gpt);
    r.estimation = std::move(estimated->result);
  }
  Diagnostics all = plan.drillhole_findings;
  all.append(estimation_diag);
  all.append(plan.input_findings);
  all.append(diag);
  r.diagnostics = all.items();
  return r;
}

RunResult run_project(const Project& project) { return run_plan(plan_project(project)); }

}  // namespace lodeline::pipeline
