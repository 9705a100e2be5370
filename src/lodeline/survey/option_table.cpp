// SPDX-License-Identifier: Apache-2.0
// The survey's option table.
#include "lodeline/survey/option_table.hpp"

namespace lodeline::survey {
namespace {

using options::Kind;
using options::Spec;
using options::Value;

Spec positive_m(std::string key, std::string help) {
  Spec s = options::spec(std::move(key), Kind::number, std::move(help));
  s.unit = "m";
  s.min = 0;
  s.min_open = true;
  return s;
}

using O = SurveyOptions;

std::vector<options::Option<O>> fix_error_options() {
  Spec k = options::spec("outlier_k", Kind::number,
                         "reject fixes beyond k * max(robust sd (1.4826 MAD), own sd) from the "
                         "median");
  k.min = 0;
  k.min_open = true;
  Spec satellites = options::bounded("min_satellites", Kind::whole,
                                     "refuse fixes reporting fewer satellites", 0, 200);
  satellites.zero_means = "off";
  return {options::member<O>(
              positive_m("uere_m",
                         "user equivalent range error: sd_e = sd_n = HDOP * "
                         "UERE / sqrt(2)"),
              [](auto& o) -> auto& { return o.uere_m; }),
          options::member<O>(
              positive_m("assumed_sd_m",
                         "sd per axis of fixes with neither a stated "
                         "sd nor an HDOP (warned)"),
              [](auto& o) -> auto& { return o.assumed_sd_m; }),
          options::member<O>(
              k, [](auto& o) -> auto& { return o.outlier_k; }),
          options::member<O>(
              positive_m("outlier_floor_m", "lower bound of the robust sd"),
              [](auto& o) -> auto& { return o.outlier_floor_m; }),
          options::member<O>(
              satellites, [](auto& o) -> auto& { return o.min_satellites; }),
          options::custom<O>(
              options::spec("keep_single", Kind::flag,
                            "keep single (autonomous) solutions of a pillar that has better ones"),
              [](const O& o) { return Value(!o.drop_single_when_better); },
              [](O& o, const Value& v) { o.drop_single_when_better = !std::get<bool>(v); })};
}

std::vector<options::Option<O>> datum_and_mean_options() {
  Spec csv_crs = options::spec("csv_crs", Kind::text, "geographic CRS of CSV lat/lon columns");
  Spec transformation =
      options::spec("transformation", Kind::text,
                    "PROJ operation for fixes on another datum (EPSG:1808, WKT, +proj=pipeline)");
  transformation.default_text = "none";
  Spec floor =
      options::spec("sd_floor_m", Kind::number,
                    "added in quadrature to each pillar's sd: centring, correlated epochs");
  floor.unit = "m";
  floor.min = 0;
  Spec leap =
      options::bounded("gpst_utc_s", Kind::number, "GPST - UTC for RTKLIB GPST times", 0, 100);
  leap.unit = "s";
  return {options::member<O>(
              csv_crs, [](auto& o) -> auto& { return o.csv_crs; }),
          options::member<O>(
              transformation, [](auto& o) -> auto& { return o.transformation; }),
          options::custom<O>(
              options::spec("no_variance_factor", Kind::flag,
                            "do not scale the covariance of a mean by its a-posteriori variance "
                            "factor"),
              [](const O& o) { return Value(!o.scale_by_variance_factor); },
              [](O& o, const Value& v) { o.scale_by_variance_factor = !std::get<bool>(v); }),
          options::member<O>(
              floor, [](auto& o) -> auto& { return o.sd_floor_m; }),
          options::member<O>(
              leap, [](auto& o) -> auto& { return o.gpst_minus_utc_s; })};
}

}  // namespace

const options::EnumNames<SegmentType>& segment_names() {
  static const options::EnumNames<SegmentType> names{
      {{{"geodesic", {}, "densified along the geodesic"}, SegmentType::geodesic},
       {{"straight", {}, "straight in the projection"}, SegmentType::straight}}};
  return names;
}

const options::Table<SurveyOptions>& survey_table() {
  static const options::Table<O> table = [] {
    Spec segments = options::spec("segments", Kind::choice, "segments between pillars");
    std::vector<options::Option<O>> all{
        options::enumerated<O>(
            segments, segment_names(), [](auto& o) -> auto& { return o.segments; }),
        options::member<O>(
            positive_m("max_spacing_m", "geodesic densification: max spacing"),
            [](auto& o) -> auto& { return o.max_spacing_m; })};
    for (auto& o : fix_error_options()) all.push_back(std::move(o));
    for (auto& o : datum_and_mean_options()) all.push_back(std::move(o));
    return options::Table<O>{
        "survey", "Survey of the pillars (lodeline survey; [scenario.survey])", std::move(all), {}};
  }();
  return table;
}

const options::Table<SurveyInputs>& survey_inputs_table() {
  using I = SurveyInputs;
  static const options::Table<I> table = [] {
    Spec fixes = options::name_list(
        "fixes",
        "fix files: .gpx (waypoints named after pillars; track points), .nmea/.nma/.log/.txt "
        "(NMEA 0183 GGA+RMC, one occupation per file named after its pillar), .pos (RTKLIB), "
        ".csv (pillar,lat,lon[,h][,sd_e_m,sd_n_m][,cov_en_m2])");
    fixes.min_items = 1;
    fixes.required = true;
    Spec order = options::spec("order", Kind::text,
                               "pillar order along the line: one name per line, '#' comments");
    order.required = true;
    Spec sessions =
        options::spec("sessions", Kind::text,
                      "sessions CSV (pillar,start,end; ISO 8601 UTC) cutting continuous logs");
    sessions.default_text = "none";
    return options::Table<I>{"survey",
                             "Survey input files",
                             {options::member<I>(
                                  fixes, [](auto& i) -> auto& { return i.fix_files; }),
                              options::member<I>(
                                  order, [](auto& i) -> auto& { return i.order_file; }),
                              options::member<I>(
                                  sessions, [](auto& i) -> auto& { return i.sessions_file; })},
                             {}};
  }();
  return table;
}

}  // namespace lodeline::survey
