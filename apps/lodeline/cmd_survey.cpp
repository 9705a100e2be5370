// SPDX-License-Identifier: Apache-2.0
// `lodeline survey`: GPS fixes of pillars -> the surveyed line (GeoJSON) and a survey report.
#include <fmt/format.h>

#include "cli.hpp"
#include "lodeline/io/output_set.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/survey/option_table.hpp"
#include "lodeline/survey/survey.hpp"
#include "lodeline/survey/survey_output.hpp"
#include "option_flags.hpp"

namespace lodeline::cli {

namespace {

struct SurveyOpts {
  std::string crs, out, report;
  std::vector<std::string> reject_quality{"invalid", "estimated", "manual", "simulated"};
  bool allow_datum_shift = false;
  survey::SurveyOptions options;  ///< the survey table's flags land here
  survey::SurveyInputs inputs;    ///< and the inputs table's
  std::shared_ptr<GivenFlags> given = std::make_shared<GivenFlags>();
};

/// --crs (the input files come from the survey's inputs table).
void add_crs_option(CLI::App& app, SurveyOpts& o) {
  app.add_option("--crs", o.crs, "project CRS (projected), e.g. EPSG:32638")->required();
}

/// --reject-quality, --allow-datum-shift and the outputs (the survey table's flags apart).
void add_other_options(CLI::App& app, SurveyOpts& o) {
  app.add_option("--reject-quality", o.reject_quality,
                 "qualities refused: invalid single dgps sbas pps rtk_float rtk_fixed ppp "
                 "estimated manual simulated unknown")
      ->delimiter(',')
      ->capture_default_str();
  app.add_flag("--allow-datum-shift", o.allow_datum_shift,
               "allow fixes on another datum than the project CRS (refused by default)");
  app.add_option("--out", o.out, "output GeoJSON: the line in the project CRS")->required();
  app.add_option("--report", o.report, "survey report JSON (per pillar positions, counts)");
}

/// --reject-quality's names as qualities (a usage error for an unknown name).
std::vector<survey::FixQuality> rejected_qualities(const std::vector<std::string>& names) {
  std::vector<survey::FixQuality> qualities;
  for (const auto& name : names) {
    const auto q = survey::quality_from_string(name);
    if (!q || *q == survey::FixQuality::given)
      throw Error("usage.bad_option",
                  fmt::format("--reject-quality '{}' is not a fix quality, expected invalid, "
                              "single, dgps, sbas, pps, rtk_float, rtk_fixed, ppp, estimated, "
                              "manual, simulated or unknown",
                              name));
    qualities.push_back(*q);
  }
  return qualities;
}

survey::SurveyOptions survey_options(SurveyOpts& o) {
  apply_option_flags(*o.given, {options::bind(survey::survey_table(), o.options),
                                options::bind(survey::survey_inputs_table(), o.inputs)});
  survey::SurveyOptions so = o.options;
  so.crs = o.crs;
  so.allow_datum_shift = o.allow_datum_shift;
  so.reject_qualities = rejected_qualities(o.reject_quality);
  return so;
}

void run_survey_command(SurveyOpts& o, Context& ctx) {
  const survey::SurveyOptions so = survey_options(o);
  Diagnostics diag;
  const auto r = survey::run_survey(o.inputs, so, diag);
  const std::string geojson = survey::line_geojson(r);
  std::string report;
  if (!o.report.empty()) report = survey::survey_report(r, diag).dump(1) + "\n";
  io::OutputSet files;
  files.add(o.out, geojson);
  if (!o.report.empty()) files.add(o.report, report);
  files.commit();
  for (const auto& item : diag.items()) ctx.err << item.formatted() << "\n";
  for (const auto& p : r.line.pillars)
    ctx.out << fmt::format(
        "{}: E {:.3f} N {:.3f} sd_e {:.3f} m sd_n {:.3f} m ({} of {} fixes used)\n", p.name, p.e_m,
        p.n_m, p.sd_e_m(), p.sd_n_m(), p.n_used, p.n_fixes);
  ctx.out << fmt::format("{} pillars, {} {} segments, {} vertices in {} -> {}{}\n",
                         r.line.pillars.size(), r.line.segment_type.size(),
                         survey::to_string(so.segments), r.line.line.size(), r.crs_name, o.out,
                         o.report.empty() ? "" : ", " + o.report);
}

}  // namespace

Action add_survey_command(CLI::App& app) {
  auto o = std::make_shared<SurveyOpts>();
  add_option_flags(app, options::describe(survey::survey_inputs_table()), o->given);
  add_crs_option(app, *o);
  add_option_flags(app, options::describe(survey::survey_table()), o->given);
  add_other_options(app, *o);
  return [o](Context& ctx) { run_survey_command(*o, ctx); };
}

}  // namespace lodeline::cli
