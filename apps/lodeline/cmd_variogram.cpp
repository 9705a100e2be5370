// SPDX-License-Identifier: Apache-2.0
// `lodeline variogram`: experimental variograms of a sample file, optionally a fitted model.
#include <fmt/format.h>

#include "cli.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/io/output_set.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/variogram/experimental.hpp"
#include "lodeline/variogram/fit.hpp"
#include "lodeline/variogram/model.hpp"

namespace lodeline::cli {
namespace {

/// "az,dip[,tol[,bandh[,bandv[,dtol]]]]": tolerances in degrees (default 22.5, dip tolerance
/// = azimuth tolerance), bandwidths in metres (default unlimited).
variogram::Direction parse_direction(const std::string& text) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    fields.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (fields.size() < 2 || fields.size() > 6)
    throw Error("usage.bad_option",
                fmt::format("--direction '{}' has {} fields, expected "
                            "azimuth,dip[,tolerance[,bandwidth_h[,bandwidth_v[,dip_tolerance]]]]",
                            text, fields.size()));
  const char* names[] = {"azimuth",     "dip",         "tolerance",
                         "bandwidth_h", "bandwidth_v", "dip_tolerance"};
  double v[6] = {
      0, 0, 22.5, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
      0};
  for (std::size_t k = 0; k < fields.size(); ++k) {
    const auto x = io::parse_double(fields[k]);
    if (!x)
      throw Error("usage.bad_option", fmt::format("--direction '{}': {} is '{}', expected a number",
                                                  text, names[k], fields[k]));
    v[k] = *x;
  }
  variogram::Direction d;
  d.azimuth_deg = v[0];
  d.dip_deg = v[1];
  d.azimuth_tolerance_deg = v[2];
  d.bandwidth_h_m = v[3];
  d.bandwidth_v_m = v[4];
  d.dip_tolerance_deg = fields.size() == 6 ? v[5] : v[2];
  return d;
}

std::vector<variogram::StructureType> parse_types(const std::string& text) {
  std::vector<variogram::StructureType> types;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    const std::string name = text.substr(start, comma - start);
    const auto t = variogram::structure_type_from_string(name);
    if (!t)
      throw Error("usage.bad_option",
                  fmt::format("--fit '{}': structure type '{}', expected spherical, exponential "
                              "or gaussian (comma separated)",
                              text, name));
    types.push_back(*t);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return types;
}

std::string describe(const variogram::VariogramModel& m) {
  std::string s = fmt::format("nugget {:.6g}", m.nugget);
  for (const auto& st : m.structures) {
    s += fmt::format(" + {} sill {:.6g} range {:.6g}", variogram::to_string(st.type), st.sill,
                     st.ranges_m[0]);
    if (st.ranges_m[1] != st.ranges_m[0] || st.ranges_m[2] != st.ranges_m[0])
      s += fmt::format("/{:.6g}/{:.6g} angles {:.6g}/{:.6g}/{:.6g}", st.ranges_m[1], st.ranges_m[2],
                       st.angles_deg[0], st.angles_deg[1], st.angles_deg[2]);
  }
  return s;
}

struct VariogramOpts {
  std::string samples, value, hole, out, out_model, fit, fit_from, weights = "npairs-h2";
  double lag_m = 0, lag_tolerance_m = 0;
  std::int32_t nlags = 0;
  std::vector<std::string> directions;
  bool omni = false, downhole = false, no_nugget = false, fix_ranges = false;
};

/// --samples, --value, --hole, and the lags: --lag-m, --lags, --lag-tolerance.
void add_sample_and_lag_options(CLI::App& app, VariogramOpts& o) {
  app.add_option("--samples", o.samples,
                 "sample CSV with x, y (z optional) columns and the variable; with --hole, "
                 "from/to columns give the along-hole position")
      ->required();
  app.add_option("--value", o.value, "the variable's column name")->required();
  app.add_option("--hole", o.hole, "hole id column name (needed by --downhole)");
  // Spelt as the keys lag_m and lags of a project's [variogram]; --lag and --nlags still work.
  auto* lag = app.add_option("--lag-m,--lag", o.lag_m, "lag width in metres (with --lags)");
  auto* nlags = app.add_option("--lags,--nlags", o.nlags, "number of lags (with --lag-m)");
  auto* tol = app.add_option("--lag-tolerance", o.lag_tolerance_m,
                             "lags centred at k*lag, +- this (GSLIB); default: distance classes "
                             "(k*lag, (k+1)*lag] as gstat");
  lag->needs(nlags);
  nlags->needs(lag);
  tol->needs(lag);
}

/// --direction, --omni and --downhole.
void add_direction_options(CLI::App& app, VariogramOpts& o) {
  app.add_option("--direction", o.directions,
                 "a directional variogram: azimuth,dip[,tolerance=22.5[,bandwidth_h[,bandwidth_v"
                 "[,dip_tolerance]]]] (degrees clockwise from north, dip up from horizontal; "
                 "repeatable)");
  app.add_flag("--omni", o.omni,
               "also the omnidirectional variogram (the default when no --direction or "
               "--downhole is given)");
  app.add_flag("--downhole", o.downhole, "the down-hole variogram (pairs within each hole)");
}

/// --fit, --fit-from, --weights, --no-nugget, --fix-ranges, --out-model and --out.
void add_fit_and_output_options(CLI::App& app, VariogramOpts& o) {
  auto* fit = app.add_option("--fit", o.fit,
                             "fit nugget + these structures (spherical, exponential, gaussian; "
                             "comma separated): anisotropic to 2 or 3 perpendicular --direction "
                             "variograms, otherwise isotropic");
  auto* fit_from =
      app.add_option("--fit-from", o.fit_from, "fit starting from this model JSON (isotropic)");
  fit->excludes(fit_from);
  app.add_option("--weights", o.weights,
                 "fit weights: npairs-h2 (gstat's default), npairs, "
                 "cressie, ols")
      ->capture_default_str();
  app.add_flag("--no-nugget", o.no_nugget, "keep the nugget at 0 (or at --fit-from's value)");
  app.add_flag("--fix-ranges", o.fix_ranges, "keep --fit-from's ranges, fit the sills only")
      ->needs(fit_from);
  app.add_option("--out-model", o.out_model, "fitted model JSON (with --fit or --fit-from)");
  app.add_option("--out", o.out, "experimental variograms CSV: direction,lag,np,dist,gamma")
      ->required();
}

bool fitting(const VariogramOpts& o) { return !o.fit.empty() || !o.fit_from.empty(); }

/// --out-model goes with --fit or --fit-from; --downhole needs --hole.
void check_option_pairs(const VariogramOpts& o) {
  if (fitting(o) && o.out_model.empty())
    throw Error("usage.missing_option", "--fit without --out-model, expected the model's path");
  if (!fitting(o) && !o.out_model.empty())
    throw Error("usage.missing_option", "--out-model without --fit or --fit-from, expected one");
  if (o.downhole && o.hole.empty())
    throw Error("usage.missing_option",
                "--downhole without --hole, expected the hole id column name");
}

variogram::ExperimentalOptions experimental_options(const VariogramOpts& o) {
  variogram::ExperimentalOptions opt;
  opt.lags.width_m = o.lag_m;
  opt.lags.count = o.nlags;
  opt.lags.tolerance_m = o.lag_tolerance_m;
  for (const auto& d : o.directions) opt.directions.push_back(parse_direction(d));
  opt.downhole = o.downhole;
  opt.omnidirectional = o.omni || (opt.directions.empty() && !opt.downhole);
  variogram::validate(opt);
  return opt;
}

variogram::FitOptions fit_options(const VariogramOpts& o) {
  variogram::FitOptions fo;
  const auto weighting = variogram::fit_weighting_from_string(o.weights);
  if (!weighting)
    throw Error(
        "usage.bad_option",
        fmt::format("--weights '{}', expected npairs-h2, npairs, cressie or ols", o.weights));
  fo.weighting = *weighting;
  fo.fit_nugget = !o.no_nugget;
  fo.fit_ranges = !o.fix_ranges;
  return fo;
}

/// What the model is fitted with: --fit's structure types or --fit-from's model.
struct FitStart {
  std::vector<variogram::StructureType> types;
  std::optional<variogram::VariogramModel> initial;
};

FitStart fit_start(const VariogramOpts& o) {
  FitStart start;
  if (!o.fit.empty()) start.types = parse_types(o.fit);
  if (!o.fit_from.empty()) start.initial = variogram::read_model_file(o.fit_from);
  return start;
}

struct FittedModel {
  variogram::FitResult result;
  std::string fitted_to;  ///< "3 directions" or the variogram's label
};

/// An anisotropic fit to 2 or 3 directions when structure types and directions are given,
/// otherwise an isotropic fit to the one variogram (the omnidirectional one first).
FittedModel fit_model(const std::vector<variogram::ExperimentalVariogram>& vs,
                      const variogram::ExperimentalOptions& opt, const FitStart& start,
                      const variogram::FitOptions& fo) {
  const std::size_t first_dir = opt.omnidirectional ? 1 : 0;
  const std::size_t ndir = opt.directions.size();
  if (!start.types.empty() && ndir >= 2) {
    const std::vector<variogram::ExperimentalVariogram> dirs(
        vs.begin() + static_cast<std::ptrdiff_t>(first_dir),
        vs.begin() + static_cast<std::ptrdiff_t>(first_dir + ndir));
    return {variogram::fit_anisotropic(dirs, start.types, fo), fmt::format("{} directions", ndir)};
  }
  if (vs.size() != 1 && !opt.omnidirectional)
    throw Error("usage.bad_option",
                fmt::format("{} variograms and no omnidirectional one, expected one "
                            "variogram (or --omni) for an isotropic fit",
                            vs.size()));
  const auto& target = vs.front();
  return {start.initial ? variogram::fit_variogram(target, *start.initial, fo)
                        : variogram::fit_variogram(target, start.types, fo),
          target.label};
}

/// Both files are staged and put in place only when both are complete.
void write_variogram_files(const VariogramOpts& o,
                           const std::vector<variogram::ExperimentalVariogram>& vs,
                           const std::optional<FittedModel>& fitted) {
  io::OutputSet files;
  files.add(o.out, variogram::experimental_csv(vs));
  if (fitted) files.add(o.out_model, variogram::to_json(fitted->result.model).dump(2) + "\n");
  files.commit();
}

void print_variogram_summary(const VariogramOpts& o, std::size_t samples,
                             const std::vector<variogram::ExperimentalVariogram>& vs,
                             const std::optional<FittedModel>& fitted,
                             const variogram::FitOptions& fo, std::ostream& out) {
  std::size_t lags = 0;
  for (const auto& v : vs)
    for (const auto& l : v.values) lags += l.pairs > 0 ? 1 : 0;
  out << fmt::format("{} samples, {} variogram{}, {} lags with pairs -> {}\n", samples, vs.size(),
                     vs.size() == 1 ? "" : "s", lags, o.out);
  if (fitted)
    out << fmt::format("fit to {} ({} weights): {}; weighted SSE {:.6g}{} -> {}\n",
                       fitted->fitted_to, variogram::to_string(fo.weighting),
                       describe(fitted->result.model), fitted->result.weighted_sse,
                       fitted->result.converged ? "" : " (not converged)", o.out_model);
}

/// Duplicated sample rows: said before the pairs are counted (which they multiply).
void warn_shared_positions(const VariogramOpts& o, const std::vector<variogram::Sample>& samples,
                           std::ostream& err) {
  const auto shared = variogram::shared_positions(samples);
  if (shared.samples == 0) return;
  const Diagnostic d{Diagnostic::Level::warning,
                     "variogram.shared_positions",
                     fmt::format("{} of {} samples share their position with another sample "
                                 "({} distinct positions): duplicated rows multiply the pairs "
                                 "(the time grows with their square) and weigh on the first "
                                 "lag; remove or average them",
                                 shared.samples, samples.size(), shared.distinct_positions),
                     {o.samples}};
  err << d.formatted() << "\n";
}

void run_variogram(const VariogramOpts& o, Context& ctx) {
  check_option_pairs(o);
  const variogram::ExperimentalOptions opt = experimental_options(o);
  const variogram::FitOptions fo = fit_options(o);
  const FitStart start = fit_start(o);
  const auto set = variogram::read_samples(o.samples, {o.value, o.hole});
  warn_shared_positions(o, set.samples, ctx.err);
  const auto vs = variogram::run_experimental(set.samples, opt);
  std::optional<FittedModel> fitted;
  if (fitting(o)) fitted = fit_model(vs, opt, start, fo);
  write_variogram_files(o, vs, fitted);
  print_variogram_summary(o, set.samples.size(), vs, fitted, fo, ctx.out);
}

}  // namespace

Action add_variogram_command(CLI::App& app) {
  auto o = std::make_shared<VariogramOpts>();
  add_sample_and_lag_options(app, *o);
  add_direction_options(app, *o);
  add_fit_and_output_options(app, *o);
  return [o](Context& ctx) { run_variogram(*o, ctx); };
}

}  // namespace lodeline::cli
