// SPDX-License-Identifier: Apache-2.0
// [scenario.survey] parsing and the surveyed line's pillars as Monte Carlo points.
#include "lodeline/config/survey_source.hpp"

#include <fmt/format.h>

namespace lodeline::config {

SurveySource read_survey_source(
    const TomlReader& r, const toml::table& scenario,
    const std::function<std::filesystem::path(const std::string&)>& resolve) {
  SurveySource s;
  const toml::table* t = r.table(scenario, "survey");
  if (!t) return s;
  s.given = true;
  s.where = r.where(*t);
  r.known_keys(*t, "scenario.survey",
               {"fixes", "order", "sessions", "segments", "max_spacing_m", "uere_m", "outlier_k",
                "csv_crs", "transformation"});
  const toml::node* fixes = t->get("fixes");
  const toml::array* a = fixes ? fixes->as_array() : nullptr;
  if (!a || a->empty())
    throw Error(
        fixes ? "input.bad_option" : "input.missing_option",
        "[scenario.survey] needs 'fixes', expected a non-empty array of GPX, NMEA, RTKLIB .pos or "
        "CSV file names",
        fixes ? r.where(*fixes) : s.where);
  for (const auto& e : *a) {
    if (!e.is_string())
      throw Error("input.bad_option", "'fixes' holds a non-string, expected file names",
                  r.where(e));
    s.inputs.fix_files.push_back(resolve(*e.value<std::string>()).string());
  }
  s.inputs.order_file = resolve(r.str(*t, "order", "", true)).string();
  s.inputs.sessions_file = resolve(r.str(*t, "sessions", "")).string();
  const std::string seg = r.str(*t, "segments", "geodesic");
  if (seg == "geodesic")
    s.options.segments = survey::SegmentType::geodesic;
  else if (seg == "straight")
    s.options.segments = survey::SegmentType::straight;
  else
    throw Error("input.bad_option",
                fmt::format("'segments' is '{}', expected geodesic or straight", seg),
                r.where(*t->get("segments")));
  s.options.max_spacing_m = r.num(*t, "max_spacing_m", s.options.max_spacing_m);
  s.options.uere_m = r.num(*t, "uere_m", s.options.uere_m);
  s.options.outlier_k = r.num(*t, "outlier_k", s.options.outlier_k);
  s.options.csv_crs = r.str(*t, "csv_crs", s.options.csv_crs);
  s.options.transformation = r.str(*t, "transformation", "");
  s.options.transformation_hint = "transformation = \"<PROJ operation>\" in [scenario.survey]";
  s.options.crs_hint = "[project] crs";
  s.options.datum_shift_hint = "allow_datum_shift = true in the [[scenario]]";
  try {
    s.options.validate(/*require_crs=*/false);  // the project CRS is set when the project runs
  } catch (const Error& e) {
    throw Error(e.code(), e.message(), s.where);
  }
  return s;
}

}  // namespace lodeline::config
