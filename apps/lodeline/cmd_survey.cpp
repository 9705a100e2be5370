// SPDX-License-Identifier: Apache-2.0
// `lodeline survey`: GPS fixes of pillars -> the surveyed line (GeoJSON) and a survey report.
#include <fmt/format.h>

#include "cli.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/survey/survey.hpp"
#include "lodeline/survey/survey_output.hpp"

namespace lodeline::cli {

namespace {

struct SurveyOpts {
  std::vector<std::string> fixes;
  std::string sessions, order, crs, segments = "geodesic", out, report, csv_crs = "EPSG:4326";
  std::vector<std::string> reject_quality{"invalid", "estimated", "manual", "simulated"};
  bool keep_single = false, allow_datum_shift = false, no_variance_factor = false;
  survey::SurveyOptions defaults;
};

/// --fixes, --sessions, --order, --crs and --segments.
void add_input_options(CLI::App& app, SurveyOpts& o) {
  app.add_option("--fixes", o.fixes,
                 "fix files: .gpx (waypoints named after pillars; track points), .nmea/.nma/"
                 ".log/.txt (NMEA 0183 GGA+RMC, one occupation per file named after its "
                 "pillar), .pos (RTKLIB), .csv (pillar,lat,lon[,h][,sd_e_m,sd_n_m][,cov_en_m2])")
      ->required()
      ->expected(1, -1);
  app.add_option("--sessions", o.sessions,
                 "sessions CSV (pillar,start,end; ISO 8601 UTC) cutting continuous logs");
  app.add_option("--order", o.order, "pillar order along the line: one name per line, '#' comments")
      ->required();
  app.add_option("--crs", o.crs, "project CRS (projected), e.g. EPSG:32638")->required();
  app.add_option("--segments", o.segments,
                 "segments between pillars: geodesic (densified) or straight (in the projection)")
      ->check(CLI::IsMember({"geodesic", "straight"}))
      ->capture_default_str();
}

/// --max-spacing-m to --keep-single: densification, fix errors and which fixes are refused.
void add_fix_options(CLI::App& app, SurveyOpts& o) {
  auto& d = o.defaults;
  app.add_option("--max-spacing-m", d.max_spacing_m, "geodesic densification: max spacing (m)")
      ->capture_default_str();
  app.add_option("--uere-m", d.uere_m,
                 "user equivalent range error (m): sd_e = sd_n = HDOP * UERE / sqrt(2)")
      ->capture_default_str();
  app.add_option("--assumed-sd-m", d.assumed_sd_m,
                 "sd per axis (m) of fixes with neither a stated sd nor an HDOP (warned)")
      ->capture_default_str();
  app.add_option("--outlier-k", d.outlier_k,
                 "reject fixes beyond k * max(robust sd (1.4826 MAD), own sd) from the median")
      ->capture_default_str();
  app.add_option("--outlier-floor-m", d.outlier_floor_m, "lower bound of the robust sd (m)")
      ->capture_default_str();
  app.add_option("--min-satellites", d.min_satellites,
                 "refuse fixes reporting fewer satellites (0 = off)")
      ->capture_default_str();
  app.add_option("--reject-quality", o.reject_quality,
                 "qualities refused: invalid single dgps sbas pps rtk_float rtk_fixed ppp "
                 "estimated manual simulated unknown")
      ->delimiter(',')
      ->capture_default_str();
  app.add_flag("--keep-single", o.keep_single,
               "keep single (autonomous) solutions of a pillar that has better ones");
}

/// --csv-crs to --report: datums, the pillars' covariances, time scale and outputs.
void add_datum_and_output_options(CLI::App& app, SurveyOpts& o) {
  auto& d = o.defaults;
  app.add_option("--csv-crs", o.csv_crs, "geographic CRS of CSV lat/lon columns")
      ->capture_default_str();
  app.add_flag("--allow-datum-shift", o.allow_datum_shift,
               "allow fixes on another datum than the project CRS (refused by default)");
  app.add_option("--transformation", d.transformation,
                 "PROJ operation for fixes on another datum (EPSG:1808, WKT, +proj=pipeline)");
  app.add_flag("--no-variance-factor", o.no_variance_factor,
               "do not scale the covariance of a mean by its a-posteriori variance factor");
  app.add_option("--sd-floor-m", d.sd_floor_m,
                 "added in quadrature to each pillar's sd (m): centring, correlated epochs")
      ->capture_default_str();
  app.add_option("--gpst-utc-s", d.gpst_minus_utc_s, "GPST - UTC (s) for RTKLIB GPST times")
      ->capture_default_str();
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

survey::SurveyOptions survey_options(const SurveyOpts& o) {
  survey::SurveyOptions so = o.defaults;
  so.crs = o.crs;
  so.csv_crs = o.csv_crs;
  so.segments =
      o.segments == "straight" ? survey::SegmentType::straight : survey::SegmentType::geodesic;
  so.drop_single_when_better = !o.keep_single;
  so.allow_datum_shift = o.allow_datum_shift;
  so.scale_by_variance_factor = !o.no_variance_factor;
  so.reject_qualities = rejected_qualities(o.reject_quality);
  return so;
}

void run_survey_command(const SurveyOpts& o, Context& ctx) {
  const survey::SurveyOptions so = survey_options(o);
  survey::SurveyInputs in{o.fixes, o.sessions, o.order};
  Diagnostics diag;
  const auto r = survey::run_survey(in, so, diag);
  const std::string geojson = survey::line_geojson(r);
  std::string report;
  if (!o.report.empty()) report = survey::survey_report(r, diag).dump(1) + "\n";
  io::write_file_atomic(o.out, geojson);
  if (!o.report.empty()) io::write_file_atomic(o.report, report);
  for (const auto& item : diag.items()) ctx.err << item.formatted() << "\n";
  for (const auto& p : r.line.pillars)
    ctx.out << fmt::format(
        "{}: E {:.3f} N {:.3f} sd_e {:.3f} m sd_n {:.3f} m ({} of {} fixes used)\n", p.name, p.e_m,
        p.n_m, p.sd_e_m(), p.sd_n_m(), p.n_used, p.n_fixes);
  ctx.out << fmt::format("{} pillars, {} {} segments, {} vertices in {} -> {}{}\n",
                         r.line.pillars.size(), r.line.segment_type.size(), o.segments,
                         r.line.line.size(), r.crs_name, o.out,
                         o.report.empty() ? "" : ", " + o.report);
}

}  // namespace

Action add_survey_command(CLI::App& app) {
  auto o = std::make_shared<SurveyOpts>();
  add_input_options(app, *o);
  add_fix_options(app, *o);
  add_datum_and_output_options(app, *o);
  return [o](Context& ctx) { run_survey_command(*o, ctx); };
}

}  // namespace lodeline::cli
