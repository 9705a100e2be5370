// SPDX-License-Identifier: Apache-2.0
// `lodeline drillholes`: validate collar/survey/interval tables, desurvey, composite, export.
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "cli.hpp"
#include "lodeline/drillhole/composite.hpp"
#include "lodeline/drillhole/database.hpp"
#include "lodeline/drillhole/desurvey.hpp"
#include "lodeline/drillhole/export.hpp"
#include "lodeline/drillhole/option_table.hpp"
#include "lodeline/io/output_set.hpp"
#include "lodeline/io/text_file.hpp"
#include "option_flags.hpp"

namespace lodeline::cli {
namespace {

/// A CLI11 validator that runs a library parser and reports its message as a usage error.
template <typename Parse>
CLI::Validator parsed_by(Parse parse, const char* name) {
  return CLI::Validator(
      [parse](std::string& text) {
        try {
          (void)parse(text);
        } catch (const Error& e) {
          return e.message();
        }
        return std::string();
      },
      name);
}

constexpr std::size_t kWarningsShown = 20;

struct DrillholesOpts {
  std::string out;
  drillhole::DrillholeFiles files;
  std::vector<std::string> topcuts, values;
  drillhole::DrillholeOptions read;
  drillhole::DesurveyOptions desurvey;
  drillhole::CompositeOptions composite;
  std::shared_ptr<GivenFlags> given = std::make_shared<GivenFlags>();
};

/// --values: the interval columns kept (the files come from the files table).
void add_value_option(CLI::App& app, DrillholesOpts& o) {
  app.add_option("--values", o.values,
                 "value columns of the interval table (default: every other column)")
      ->delimiter(',');
}

/// One flag per key of the drillholes, desurvey and compositing option tables.
std::shared_ptr<std::vector<options::Binding>> add_table_flags(CLI::App& app, DrillholesOpts& o) {
  auto bindings = std::make_shared<std::vector<options::Binding>>(
      std::vector{options::bind(drillhole::drillhole_files_table(), o.files),
                  options::bind(drillhole::drillholes_table(), o.read),
                  options::bind(drillhole::desurvey_table(), o.desurvey),
                  options::bind(drillhole::composite_table(), o.composite)});
  for (const auto& b : *bindings) add_option_flags(app, b, o.given);
  return bindings;
}

/// --topcut and --out.
void add_topcut_and_out_options(CLI::App& app, DrillholesOpts& o) {
  app.add_option("--topcut", o.topcuts, "cap a value column before compositing: COLUMN=CAP")
      ->check(parsed_by([](const std::string& s) { return drillhole::TopCut::parse(s); },
                        "COLUMN=CAP"));
  app.add_option("--out", o.out,
                 "output folder: validation.json, composites.csv, traces.csv, traces.vtk")
      ->required();
}

/// What the command computes, all of it before anything is written.
struct DrillholesResult {
  drillhole::DrillholeDatabase db;
  drillhole::DesurveyResult desurvey;
  drillhole::CompositeOptions composite_options;
  drillhole::CompositeResult composites;
};

DrillholesResult compute_drillholes(const DrillholesOpts& o, Diagnostics& diag) {
  using namespace drillhole;
  DrillholeOptions options = o.read;
  options.value_columns = o.values;
  const DesurveyOptions desurvey_options = o.desurvey;
  CompositeOptions composite_options = o.composite;
  for (const auto& t : o.topcuts) composite_options.topcuts.push_back(TopCut::parse(t));
  auto db = read_drillholes(o.files.collars, o.files.surveys, o.files.assays, options, diag);
  auto desurvey = run_desurvey(db, desurvey_options, diag);
  auto composites = run_compositing(db, desurvey, composite_options, diag);
  return {std::move(db), std::move(desurvey), std::move(composite_options), std::move(composites)};
}

/// validation.json, composites.csv, traces.csv and traces.vtk, committed together.
void write_drillhole_files(const std::filesystem::path& dir, const DrillholesResult& r) {
  using namespace drillhole;
  nlohmann::json validation = validation_json(r.db);
  validation["desurvey"] = desurvey_json(r.desurvey);
  validation["compositing"] = compositing_json(r.composites, r.composite_options);
  const std::vector<std::pair<std::string, std::string>> files{
      {"validation.json", validation.dump(2) + "\n"},
      {"composites.csv", composites_csv(r.composites)},
      {"traces.csv", traces_csv(r.desurvey)},
      {"traces.vtk", traces_vtk(r.desurvey)}};
  io::OutputSet out;
  for (const auto& [name, text] : files) out.add(dir / name, text);
  out.commit();
}

/// The dip-convention guess first (it decides every position), then the other warnings, at
/// most kWarningsShown of those.
void print_warnings(const Diagnostics& diag, const std::filesystem::path& validation_path,
                    std::ostream& err) {
  std::size_t shown = 0, warnings = 0;
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& d : diag.items()) {
      if (d.level != Diagnostic::Level::warning) continue;
      const bool guess = d.code == "input.dip_convention_guessed";
      if ((pass == 0) != guess) continue;
      ++warnings;
      if (shown < kWarningsShown || guess) {
        err << d.formatted() << "\n";
        ++shown;
      }
    }
  if (warnings > shown)
    err << fmt::format("... and {} more warnings in {}\n", warnings - shown,
                       validation_path.string());
}

/// "; 'au' has no value over 6 m" for each value column with blank or missing-code intervals.
std::string no_value_text(const drillhole::DrillholeDatabase& db) {
  std::string out;
  const auto& lengths = db.report.counts.no_value_length_m;
  for (std::size_t v = 0; v < lengths.size() && v < db.value_names.size(); ++v)
    if (lengths[v] > 0)
      out += fmt::format("; '{}' has no value over {} m", db.value_names[v], lengths[v]);
  return out;
}

/// The "drillholes:" and "validation:" lines.
void print_database_summary(const drillhole::DrillholeDatabase& db, std::ostream& out) {
  using namespace drillhole;
  const auto& c = db.report.counts;
  const auto& r = db.report;
  out << fmt::format(
      "drillholes: {} holes ({} without intervals, {} without survey), {} intervals, {} m; "
      "{} gaps ({} m unsampled){}\n",
      c.holes, c.holes_without_data, c.holes_without_survey, c.intervals, c.interval_length_m,
      c.gaps, c.gap_length_m, no_value_text(db));
  out << fmt::format(
      "validation: {} errors{}, {} warnings, {} notes; dip convention {} "
      "({}); below detection: rule {}\n",
      c.errors, r.forced && c.errors > 0 ? " (forced)" : "", c.warnings, c.notes,
      to_string(r.used_convention),
      r.declared_convention == DipConvention::detect ? "guessed" : "declared",
      r.below_detection.str());
}

/// The "desurvey:", "composites:" and per-value "metal" lines.
void print_composite_summary(const DrillholesResult& r, std::ostream& out) {
  using namespace drillhole;
  const auto& desurvey = r.desurvey;
  const auto& composites = r.composites;
  const auto& composite_options = r.composite_options;
  out << fmt::format(
      "desurvey: {}; end of hole, largest distance from minimum curvature: tangent {:.3f} m, "
      "balanced tangent {:.3f} m\n",
      to_string(desurvey.method), desurvey.max_tangent_vs_mincurv_m,
      desurvey.max_balanced_vs_mincurv_m);
  out << fmt::format(
      "composites: {} of {} m (min {} m, residual {}) in {} runs; {} residuals dropped ({} "
      "m)\n",
      composites.composites.size(), composite_options.length_m, composite_options.min_length(),
      to_string(composite_options.residual), composites.runs, composites.residuals_dropped,
      composites.dropped_length_m);
  for (std::size_t v = 0; v < composites.value_names.size(); ++v) {
    const auto& t = composites.total;
    out << fmt::format(
        "metal {} (value x m): raw {:.3f}, after top-cut {:.3f}, composites {:.3f}, dropped "
        "{:.3f}\n",
        composites.value_names[v], t.raw[v], t.after_topcut[v], t.composites[v], t.dropped[v]);
  }
}

void run_drillholes(const DrillholesOpts& o, const std::vector<options::Binding>& bindings,
                    Context& ctx) {
  apply_option_flags(*o.given, bindings);
  // Everything is computed before anything is written: a failure leaves no output.
  Diagnostics diag;
  const DrillholesResult r = compute_drillholes(o, diag);
  const std::filesystem::path dir(o.out);
  write_drillhole_files(dir, r);
  print_warnings(diag, dir / "validation.json", ctx.err);
  print_database_summary(r.db, ctx.out);
  print_composite_summary(r, ctx.out);
  ctx.out << fmt::format("wrote {}\n", (dir / "{validation.json,composites.csv,traces.csv,"
                                              "traces.vtk}")
                                           .string());
}

}  // namespace

Action add_drillholes_command(CLI::App& app) {
  auto o = std::make_shared<DrillholesOpts>();
  const auto bindings = add_table_flags(app, *o);
  add_value_option(app, *o);
  add_topcut_and_out_options(app, *o);
  return [o, bindings](Context& ctx) { run_drillholes(*o, *bindings, ctx); };
}

}  // namespace lodeline::cli
