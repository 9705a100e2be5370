// SPDX-License-Identifier: Apache-2.0
// [scenario.survey] parsing and the surveyed line's pillars as Monte Carlo points.
#include "lodeline/config/survey_source.hpp"

#include <fmt/format.h>

#include "lodeline/options/bind.hpp"
#include "lodeline/survey/option_table.hpp"

namespace lodeline::config {

SurveySource read_survey_source(
    const TomlReader& r, const toml::table& scenario,
    const std::function<std::filesystem::path(const std::string&)>& resolve) {
  SurveySource s;
  const toml::table* t = r.table(scenario, "survey");
  if (!t) return s;
  s.given = true;
  s.where = r.where(*t);
  options::read_toml(*t, r.file(), {options::bind(survey::survey_table(), s.options)},
                     {"fixes", "order", "sessions"});
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
