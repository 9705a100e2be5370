// SPDX-License-Identifier: Apache-2.0
// `lodeline split`: per-column fraction left of a line, as CSV; optionally Monte Carlo over its
// vertices.
#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "cli.hpp"
#include "lodeline/border/measures.hpp"
#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/border/option_table.hpp"
#include "lodeline/border/pillars.hpp"
#include "lodeline/border/scenario.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/geo/vector_file.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/output_set.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/report/resource_report.hpp"
#include "option_flags.hpp"

namespace lodeline::cli {
namespace {

/// A CLI11 check for a standard deviation in metres: a finite number from 0 to
/// border::kMaxPositionSdM (CLI::Range lets "nan" through).
CLI::Validator position_sd_m() {
  return CLI::Validator(
      [](std::string& text) {
        double sd_m = NAN;
        if (CLI::detail::lexical_cast(text, sd_m) && sd_m >= 0 && sd_m <= border::kMaxPositionSdM)
          return std::string();
        return fmt::format("'{}' is not a standard deviation, expected a number from 0 to {:g} m",
                           text, border::kMaxPositionSdM);
      },
      fmt::format("SD in [0 - {:g}] m", border::kMaxPositionSdM));
}

struct SplitOpts {
  std::string grid, border, out, feature;
  bool allow_datum_shift = false;
  border::MonteCarloOptions mc;  ///< the [monte_carlo] table's flags land here
  std::shared_ptr<GivenFlags> given = std::make_shared<GivenFlags>();
  double sd_m = -1;
  std::string pillars, mc_out;
  /// --draws (alias --mc) was given: the Monte Carlo runs.
  [[nodiscard]] bool monte_carlo() const { return flag_given(*given, "draws"); }
};

/// --grid, --border, --out, --feature and --allow-datum-shift.
void add_line_options(CLI::App& app, SplitOpts& o) {
  app.add_option("--grid", o.grid,
                 "grid JSON: {\"origin\":[x0,y0(,z0)] m, \"block_size\":[dx,dy(,dz)] m, "
                 "\"counts\":[nx,ny(,nz)], \"crs\":\"EPSG:...\" (optional)}")
      ->required();
  app.add_option("--border", o.border, "the line (GeoJSON, KML, WKT, Shapefile, GeoPackage)")
      ->required();
  app.add_option("--out", o.out, "output CSV: i,j,fraction_left; j outer, i inner")->required();
  app.add_option("--feature", o.feature,
                 "the line to use when the file holds several: its 'name' property");
  app.add_flag("--allow-datum-shift", o.allow_datum_shift,
               "allow a line on another datum than the grid's (refused by default)");
}

/// The [monte_carlo] flags (--draws alias --mc, --seed, --tile-columns), --sd-m, --pillars
/// and --mc-out.
void add_monte_carlo_options(CLI::App& app, SplitOpts& o) {
  add_option_flags(app, options::describe(border::monte_carlo_table()), o.given);
  app.add_option("--sd-m", o.sd_m,
                 "position error of every vertex: one sd in metres for E and for N, independent "
                 "(as sd_m of a [[scenario]])")
      ->check(position_sd_m());
  app.add_option("--pillars", o.pillars,
                 "surveyed line GeoJSON (lodeline survey --out) whose pillars carry the position "
                 "errors; its pillars must be vertices of --border");
  app.add_option("--mc-out", o.mc_out, "write the Monte Carlo result as JSON here");
}

bool has_sd_m(const SplitOpts& o) { return o.sd_m >= 0; }

/// --draws needs exactly one of --sd-m and --pillars; those and --mc-out need --draws.
void check_monte_carlo_flags(SplitOpts& o) {
  apply_option_flags(*o.given, {options::bind(border::monte_carlo_table(), o.mc)});
  const bool has_sd = has_sd_m(o);
  if (o.monte_carlo() && has_sd == !o.pillars.empty())
    throw Error(
        "usage.bad_option",
        "--draws (--mc) needs the vertices' position errors: give exactly one of --sd-m and "
        "--pillars");
  if (!o.monte_carlo() && (has_sd || !o.pillars.empty() || !o.mc_out.empty()))
    throw Error("usage.bad_option", "--sd-m, --pillars and --mc-out need --draws (--mc) <count>");
}

/// The --border line in the grid's CRS (none: as given).
border::Scenario load_border(const SplitOpts& o, const io::GridSpec& spec, Diagnostics& diag) {
  border::Scenario s;
  s.name = "border";
  s.file = o.border;
  s.allow_datum_shift = o.allow_datum_shift;
  s.feature = o.feature;
  s.feature_hint = "--feature naming the line by its 'name' property";
  s.datum_shift_hint = "--allow-datum-shift";
  s.target_crs_hint = "the grid JSON's \"crs\"";
  const std::string crs = spec.crs.empty() ? std::string() : geo::canonical_crs(spec.crs, {o.grid});
  border::load_line(s, crs, diag);
  return s;
}

/// The vertices' position errors, from --sd-m or from --pillars, and how they were given.
std::pair<border::UncertainLine, std::string> uncertain_border(const SplitOpts& o,
                                                               const Polyline& line) {
  border::UncertainLine ul;
  std::string given_as;
  if (has_sd_m(o)) {
    ul.points = line;
    ul.covariance.assign(line.size(), border::VertexCovariance::isotropic(o.sd_m));
    ul.where = {o.border};
    given_as = fmt::format("--sd-m {} for every vertex, E and N independent", o.sd_m);
  } else {
    ul = border::read_pillar_errors(o.pillars, line);
    given_as = fmt::format("pillar covariances from '{}'", o.pillars);
  }
  return {std::move(ul), std::move(given_as)};
}

/// Monte Carlo of the area left of the line over draws of its vertices.
border::LineMonteCarlo area_monte_carlo(const SplitOpts& o, const BlockGrid& grid,
                                        const Polyline& line) {
  auto [ul, given_as] = uncertain_border(o, line);
  border::ColumnMeasure area{
      "area", "m2", NAN,
      std::vector<double>(static_cast<std::size_t>(grid.column_count()), grid.block_area_m2())};
  const auto ms = border::make_measures(grid, {area}, {});
  return border::LineMonteCarlo{"border", given_as, border::run_monte_carlo(ms, ul, o.mc)};
}

/// "i,j,fraction_left" rows, j outer, i inner.
std::string fraction_left_csv(const BlockGrid& grid, const border::SplitResult& r) {
  std::string csv = "i,j,fraction_left\n";
  csv.reserve(static_cast<std::size_t>(grid.column_count()) * 16);
  for (std::int64_t j = 0; j < grid.ny(); ++j)
    for (std::int64_t i = 0; i < grid.nx(); ++i)
      fmt::format_to(std::back_inserter(csv), "{},{},{}\n", i, j,
                     r.fraction_left[static_cast<std::size_t>(grid.column_index(i, j))]);
  return csv;
}

void print_monte_carlo(const border::LineMonteCarlo& mc, const SplitOpts& o, std::ostream& out) {
  const auto& m = mc.result.measures.front();
  out << fmt::format(
      "monte carlo: {} draws (seed {}), {}: area left {:.6g} ± {:.3g} m2, share left "
      "{:.4f} ± {:.4f} % (95 % range {:.4f} - {:.4f} %); area left grows {:.6g} m2 per "
      "metre of parallel offset to the right{}\n",
      mc.result.draws, mc.result.seed, mc.position_error, m.amount[0].mean, m.amount[0].sd,
      m.share_pct[0].mean, m.share_pct[0].sd, m.share_pct[0].p2_5, m.share_pct[0].p97_5,
      m.per_metre_shift, o.mc_out.empty() ? "" : " -> " + o.mc_out);
}

void run_split(SplitOpts& o, Context& ctx) {
  check_monte_carlo_flags(o);
  const auto spec = io::read_grid_json(o.grid);
  border::require_split_memory(spec.grid, {o.grid});
  Diagnostics diag;
  const border::Scenario s = load_border(o, spec, diag);
  const auto r = border::split_columns(
      spec.grid, s.line, [&](std::int64_t v) { return geo::vertex_location(o.border, 0, v); });
  // Monte Carlo before any output is written: a failed run leaves no file.
  std::optional<border::LineMonteCarlo> mc;
  if (o.monte_carlo()) mc = area_monte_carlo(o, spec.grid, s.line);
  const std::string csv = fraction_left_csv(spec.grid, r);
  std::string mc_json;
  if (mc && !o.mc_out.empty()) mc_json = report::monte_carlo_json(*mc, "left", "right");
  io::OutputSet files;
  files.add(o.out, csv);
  if (!mc_json.empty()) files.add(o.mc_out, mc_json);
  files.commit();
  for (const auto& d : diag.items()) ctx.err << d.formatted() << "\n";
  ctx.out << fmt::format(
      "{} columns: {} left, {} right, {} straddling; area left {} m2, right {} m2 -> {}\n",
      spec.grid.column_count(), r.counts.full_left, r.counts.full_right, r.counts.straddling,
      r.area_left_m2, r.area_right_m2, o.out);
  if (mc) print_monte_carlo(*mc, o, ctx.out);
}

}  // namespace

Action add_split_command(CLI::App& app) {
  auto o = std::make_shared<SplitOpts>();
  add_line_options(app, *o);
  add_monte_carlo_options(app, *o);
  return [o](Context& ctx) { run_split(*o, ctx); };
}

}  // namespace lodeline::cli
